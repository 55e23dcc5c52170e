#pragma once
// JSON written straight into a string, for documents too large to build as a DOM first. The text
// is byte for byte what nlohmann's dump gives for the same document (keys in the order written,
// so write them sorted where the DOM would have sorted them): compact, or indented like
// `dump(indent)`; invalid UTF-8 becomes U+FFFD as to_valid_utf8 replaces it (one per invalid
// byte, where nlohmann may join a truncated sequence into one), '"' and '\\' and control
// characters are escaped,
// and with `ascii` every other non-ASCII character too, as `dump(..., ensure_ascii)` does.
#include <concepts>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace lamina {

struct JsonStyle {
  // 0: compact (`dump()`); n: each value on its own line, n spaces per level (`dump(n)`).
  int indent = 0;
  // Only ASCII in the text: other characters (and DEL) as \uXXXX (`ensure_ascii`).
  bool ascii = false;
  // A GitHub log reads "##[" at a line's start as a command: inside strings, which are the only
  // place it can occur, the '[' is written "\u005b" (the same text to any JSON reader).
  bool no_log_markers = false;
};

// Appends `bytes` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view bytes, const JsonStyle& style = {});

// Commas, newlines and indentation are placed by the writer.
class JsonText {
 public:
  explicit JsonText(std::string& out, JsonStyle style = {}) : out_(out), style_(style) {}

  // Hands the text written so far to `sink` (and empties `out`) whenever a container closes with
  // at least `at_bytes` in `out`, so a large document never sits in memory whole.
  void stream_to(std::function<void(std::string_view)> sink, size_t at_bytes = 1 << 16) {
    sink_ = std::move(sink);
    flush_at_ = at_bytes;
  }
  // Hands whatever is left to the sink.
  void flush();

  JsonText& begin_object() { return open('{'); }
  JsonText& end_object() { return close('}'); }
  JsonText& begin_array() { return open('['); }
  JsonText& end_array() { return close(']'); }
  JsonText& key(std::string_view name);

  JsonText& value(std::string_view s);
  JsonText& value(const char* s) { return value(std::string_view(s)); }
  JsonText& value(const std::string& s) { return value(std::string_view(s)); }
  JsonText& value(bool b);
  JsonText& null();
  template <std::integral T>
  requires(!std::same_as<T, bool>) JsonText& value(T n) {
    separate();
    out_ += std::to_string(n);
    at_ = Position::after_value;
    return *this;
  }
  // A value that is JSON text already (a serialised piece kept for re-use; compact documents).
  JsonText& raw(std::string_view json);
  // One value whose text is made of several pieces.
  JsonText& raw(std::initializer_list<std::string_view> pieces);

 private:
  enum class Position { start, first_in_container, after_value, after_key };
  JsonText& open(char c);
  JsonText& close(char c);
  void separate();
  void new_line();

  std::string& out_;
  JsonStyle style_;
  Position at_ = Position::start;
  int depth_ = 0;
  std::function<void(std::string_view)> sink_;
  size_t flush_at_ = 0;
};

}  // namespace lamina
