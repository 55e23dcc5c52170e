#include "util/json_text.h"

#include "util/text.h"

namespace lamina {
namespace {

// The escapes of nlohmann::json's dump, so the streamed documents read exactly as before.
void append_escaped(std::string& out, std::string_view utf8) {
  static const char kHex[] = "0123456789abcdef";
  size_t plain_from = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(utf8, plain_from, i - plain_from);
    plain_from = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(utf8, plain_from, utf8.size() - plain_from);
}

}  // namespace

void append_json_string(std::string& out, std::string_view bytes) {
  out += '"';
  if (is_valid_utf8(bytes)) {
    append_escaped(out, bytes);
  } else {
    append_escaped(out, to_valid_utf8(bytes));
  }
  out += '"';
}

JsonText& JsonText::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_value_ = false;
  return *this;
}

JsonText& JsonText::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  after_value_ = true;
  return *this;
}

JsonText& JsonText::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  after_value_ = true;
  return *this;
}

JsonText& JsonText::raw(std::string_view json) {
  separate();
  out_ += json;
  after_value_ = true;
  return *this;
}

JsonText& JsonText::raw(std::initializer_list<std::string_view> pieces) {
  separate();
  for (std::string_view piece : pieces) out_ += piece;
  after_value_ = true;
  return *this;
}

JsonText& JsonText::open(char c) {
  separate();
  out_ += c;
  after_value_ = false;
  return *this;
}

JsonText& JsonText::close(char c) {
  out_ += c;
  after_value_ = true;
  return *this;
}

}  // namespace lamina
