#pragma once
// JSON written straight into a string, for reports too large to build as a DOM first. The text is
// byte for byte what nlohmann's compact dump gives for the same document (ensure_ascii off):
// invalid UTF-8 becomes U+FFFD, '"' and '\\' and control characters are escaped, the rest of
// non-ASCII text stays UTF-8.
#include <concepts>
#include <initializer_list>
#include <string>
#include <string_view>

namespace lamina {

// Appends `bytes` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view bytes);

// Commas are placed by the writer: a value or a key that follows a value gets one.
class JsonText {
 public:
  explicit JsonText(std::string& out) : out_(out) {}

  JsonText& begin_object() { return open('{'); }
  JsonText& end_object() { return close('}'); }
  JsonText& begin_array() { return open('['); }
  JsonText& end_array() { return close(']'); }
  JsonText& key(std::string_view name);

  JsonText& value(std::string_view s);
  JsonText& value(const char* s) { return value(std::string_view(s)); }
  JsonText& value(const std::string& s) { return value(std::string_view(s)); }
  JsonText& value(bool b);
  template <std::integral T>
  requires(!std::same_as<T, bool>) JsonText& value(T n) {
    separate();
    out_ += std::to_string(n);
    after_value_ = true;
    return *this;
  }
  // A value that is JSON text already (a serialised piece kept for re-use).
  JsonText& raw(std::string_view json);
  // One value whose text is made of several pieces.
  JsonText& raw(std::initializer_list<std::string_view> pieces);

 private:
  JsonText& open(char c);
  JsonText& close(char c);
  void separate() {
    if (after_value_) out_ += ',';
  }

  std::string& out_;
  bool after_value_ = false;
};

}  // namespace lamina
