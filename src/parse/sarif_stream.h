#pragma once
// Event-driven reading of a SARIF log: the run members lamina needs (tool, base URIs, artifacts)
// are built as JSON values, each result is read field by field (sarif_result.h), everything else
// is skipped as it streams past. Memory is bounded by the rules of one run and one result.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parse/sarif_result.h"

namespace lamina {

// Receives the pieces of a SARIF log in document order.
class SarifEvents {
 public:
  virtual ~SarifEvents() = default;
  virtual void run_begin() = 0;
  // "tool", "originalUriBaseIds" or "artifacts" of the current run.
  virtual void run_member(const std::string& key, nlohmann::json&& value) = 0;
  // The run's "results" array starts (a run without one did not run to completion).
  virtual void results_begin() {}
  virtual void result(SarifResult&& result) = 0;
  virtual void run_end() = 0;
};

// Gives the verbatim bytes of each result: the input knows where the parser is.
class ResultRecorder {
 public:
  virtual ~ResultRecorder() = default;
  virtual void start() = 0;          // the result's '{' was the last byte read
  virtual std::string finish() = 0;  // its '}' was the last byte read
};

// A SAX consumer for nlohmann::json::sax_parse.
class SarifSax {
 public:
  using json = nlohmann::json;
  SarifSax(SarifEvents& events, ResultRecorder& recorder, size_t max_depth)
      : events_(events), recorder_(recorder), max_depth_(max_depth) {}

  // After sax_parse: why reading stopped, or nullopt when the log was complete.
  std::optional<std::string> error() const;

  bool null();
  bool boolean(bool value);
  bool number_integer(json::number_integer_t value);
  bool number_unsigned(json::number_unsigned_t value);
  bool number_float(json::number_float_t value, const std::string& text);
  bool string(std::string& value);
  bool binary(json::binary_t& value);
  bool start_object(std::size_t size);
  bool key(std::string& key);
  bool end_object();
  bool start_array(std::size_t size);
  bool end_array();
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& ex);

 private:
  // Containers above the captured/skipped ones, whose meaning lamina tracks.
  enum class Frame { root, runs, run, results };

  bool open(bool is_object);
  bool close(bool is_object);
  void begin_capture(std::string target);
  void finish_capture();
  bool in_result() const { return result_depth_ > 0; }

  SarifEvents& events_;
  ResultRecorder& recorder_;
  size_t max_depth_;
  std::vector<Frame> frames_;
  std::string key_;  // last key seen in a tracked object
  bool saw_runs_ = false;
  size_t depth_ = 0;            // all containers, tracked or not
  size_t skip_depth_ = 0;       // > 0 while inside an ignored container
  size_t capture_depth_ = 0;    // > 0 while building `captured_`
  size_t result_depth_ = 0;     // > 0 inside a result
  std::string capture_target_;  // the run member being built
  json captured_;
  std::optional<nlohmann::detail::json_sax_dom_parser<json>> builder_;
  SarifResultBuilder result_;
  std::optional<std::string> error_;
};

}  // namespace lamina
