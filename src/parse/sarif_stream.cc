#include "parse/sarif_stream.h"

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

template <class Scalar>
bool SarifSax::scalar(Scalar&& forward) {
  // Scalars outside captured values (e.g. "columnKind") are not needed.
  return capture_depth_ > 0 ? forward(*builder_) : true;
}

bool SarifSax::null() {
  return scalar([](auto& b) { return b.null(); });
}
bool SarifSax::boolean(bool value) {
  return scalar([&](auto& b) { return b.boolean(value); });
}
bool SarifSax::number_integer(json::number_integer_t value) {
  return scalar([&](auto& b) { return b.number_integer(value); });
}
bool SarifSax::number_unsigned(json::number_unsigned_t value) {
  return scalar([&](auto& b) { return b.number_unsigned(value); });
}
bool SarifSax::number_float(json::number_float_t value, const std::string& text) {
  return scalar([&](auto& b) { return b.number_float(value, text); });
}
bool SarifSax::string(std::string& value) {
  return scalar([&](auto& b) { return b.string(value); });
}
bool SarifSax::binary(json::binary_t& value) {
  return scalar([&](auto& b) { return b.binary(value); });
}

bool SarifSax::key(std::string& key) {
  if (capture_depth_ > 0) return builder_->key(key);
  if (skip_depth_ == 0) key_ = key;
  return true;
}

void SarifSax::begin_capture(std::string target) {
  capture_target_ = std::move(target);
  captured_ = json();
  builder_.emplace(captured_, false);
}

void SarifSax::finish_capture() {
  builder_.reset();
  if (capture_target_ == "result") {
    events_.result(std::move(captured_));
  } else {
    events_.run_member(capture_target_, std::move(captured_));
  }
  captured_ = json();
}

bool SarifSax::open(bool is_object) {
  if (++depth_ > max_depth_) {
    error_ = "SARIF nested deeper than " + std::to_string(max_depth_) + " levels";
    return false;
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
  bool capture = false;
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
  } else if (frames_.back() == Frame::run && is_kept_run_member(key_)) {
    begin_capture(key_);
    capture = true;
  } else if (frames_.back() == Frame::results && is_object) {
    begin_capture("result");
    capture = true;
  }
  key_.clear();
  if (tracked) {
    frames_.push_back(*tracked);
  } else if (capture) {
    capture_depth_ = 1;
    return is_object ? builder_->start_object(std::size_t(-1))
                     : builder_->start_array(std::size_t(-1));
  } else {
    skip_depth_ = 1;
  }
  return true;
}

bool SarifSax::close() {
  --depth_;
  if (capture_depth_ > 0) {
    --capture_depth_;
    return true;
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
  if (capture_depth_ > 0 && !builder_->end_object()) return false;
  bool ok = close();
  if (capture_depth_ == 0 && builder_) finish_capture();
  return ok;
}

bool SarifSax::end_array() {
  if (capture_depth_ > 0 && !builder_->end_array()) return false;
  bool ok = close();
  if (capture_depth_ == 0 && builder_) finish_capture();
  return ok;
}

bool SarifSax::parse_error(std::size_t position, const std::string&,
                           const nlohmann::detail::exception& ex) {
  if (!error_) error_ = "not valid JSON at byte " + std::to_string(position) + ": " + ex.what();
  return false;
}

}  // namespace lamina
