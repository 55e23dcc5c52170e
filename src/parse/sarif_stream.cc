#include "parse/sarif_stream.h"

#include <limits>
#include <utility>

namespace lamina {
namespace {

bool is_kept_run_member(const std::string& key) {
  return key == "tool" || key == "originalUriBaseIds" || key == "artifacts";
}

}  // namespace

std::optional<std::string> SarifSax::error() const {
  if (error_) return error_;
  if (!saw_runs_) return "SARIF log has no \"runs\" array";
  return std::nullopt;
}

namespace {

int64_t clamp_unsigned(uint64_t value) {
  return value > uint64_t(std::numeric_limits<int64_t>::max()) ? std::numeric_limits<int64_t>::max()
                                                               : int64_t(value);
}

}  // namespace

// Each scalar goes to the result being read, or to the run member being built; others (e.g.
// "columnKind") are not needed.
bool SarifSax::null() {
  if (in_result()) {
    result_.other_scalar();
    return true;
  }
  return capture_depth_ == 0 || builder_->null();
}
bool SarifSax::boolean(bool value) {
  if (in_result()) {
    result_.other_scalar();
    return true;
  }
  return capture_depth_ == 0 || builder_->boolean(value);
}
bool SarifSax::number_integer(json::number_integer_t value) {
  if (in_result()) {
    result_.integer(value);
    return true;
  }
  return capture_depth_ == 0 || builder_->number_integer(value);
}
bool SarifSax::number_unsigned(json::number_unsigned_t value) {
  if (in_result()) {
    result_.integer(clamp_unsigned(value));
    return true;
  }
  return capture_depth_ == 0 || builder_->number_unsigned(value);
}
bool SarifSax::number_float(json::number_float_t value, const std::string& text) {
  if (in_result()) {
    result_.number(text);
    return true;
  }
  return capture_depth_ == 0 || builder_->number_float(value, text);
}
bool SarifSax::string(std::string& value) {
  if (in_result()) {
    result_.string(value);
    return true;
  }
  return capture_depth_ == 0 || builder_->string(value);
}
bool SarifSax::binary(json::binary_t& value) {
  if (in_result()) {
    result_.other_scalar();
    return true;
  }
  return capture_depth_ == 0 || builder_->binary(value);
}

bool SarifSax::key(std::string& key) {
  if (in_result()) {
    result_.key(key);
  } else if (capture_depth_ > 0) {
    return builder_->key(key);
  } else if (skip_depth_ == 0) {
    key_ = key;
  }
  return true;
}

void SarifSax::begin_capture(std::string target) {
  capture_target_ = std::move(target);
  captured_ = json();
  builder_.emplace(captured_, false);
}

void SarifSax::finish_capture() {
  builder_.reset();
  events_.run_member(capture_target_, std::move(captured_));
  captured_ = json();
}

bool SarifSax::open(bool is_object) {
  if (++depth_ > max_depth_) {
    error_ = "SARIF nested deeper than " + std::to_string(max_depth_) + " levels";
    return false;
  }
  if (in_result()) {
    ++result_depth_;
    result_.open(is_object);
    return true;
  }
  if (capture_depth_ > 0) {
    ++capture_depth_;
    return is_object ? builder_->start_object(std::size_t(-1))
                     : builder_->start_array(std::size_t(-1));
  }
  if (skip_depth_ > 0) {
    ++skip_depth_;
    return true;
  }
  std::optional<Frame> tracked;
  if (frames_.empty()) {
    if (!is_object) {
      error_ = "SARIF log must be a JSON object, found an array";
      return false;
    }
    tracked = Frame::root;
  } else if (frames_.back() == Frame::root && key_ == "runs" && !is_object) {
    tracked = Frame::runs;
    saw_runs_ = true;
  } else if (frames_.back() == Frame::runs && is_object) {
    tracked = Frame::run;
    events_.run_begin();
  } else if (frames_.back() == Frame::run && key_ == "results" && !is_object) {
    tracked = Frame::results;
    events_.results_begin();
  } else if (frames_.back() == Frame::run && is_kept_run_member(key_)) {
    begin_capture(key_);
    capture_depth_ = 1;
    key_.clear();
    return is_object ? builder_->start_object(std::size_t(-1))
                     : builder_->start_array(std::size_t(-1));
  } else if (frames_.back() == Frame::results && is_object) {
    result_depth_ = 1;
    result_.begin();
    recorder_.start();
    return true;
  }
  key_.clear();
  if (tracked) {
    frames_.push_back(*tracked);
  } else {
    skip_depth_ = 1;
  }
  return true;
}

bool SarifSax::close(bool is_object) {
  --depth_;
  if (in_result()) {
    if (--result_depth_ > 0) {
      result_.close();
    } else {
      result_.result().original = recorder_.finish();
      events_.result(std::move(result_.result()));
    }
    return true;
  }
  if (capture_depth_ > 0) {
    bool ok = is_object ? builder_->end_object() : builder_->end_array();
    if (--capture_depth_ == 0) finish_capture();
    return ok;
  }
  if (skip_depth_ > 0) {
    --skip_depth_;
    return true;
  }
  if (frames_.back() == Frame::run) events_.run_end();
  frames_.pop_back();
  key_.clear();
  return true;
}

bool SarifSax::start_object(std::size_t) {
  return open(true);
}
bool SarifSax::start_array(std::size_t) {
  return open(false);
}
bool SarifSax::end_object() {
  return close(true);
}
bool SarifSax::end_array() {
  return close(false);
}

bool SarifSax::parse_error(std::size_t position, const std::string&,
                           const nlohmann::detail::exception& ex) {
  if (!error_) error_ = "not valid JSON at byte " + std::to_string(position) + ": " + ex.what();
  return false;
}

}  // namespace lamina
