#include "util/json_text.h"

#include <algorithm>

#include "util/text.h"

namespace lamina {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_u_escape(std::string& out, unsigned code) {
  out += "\\u";
  out += kHex[(code >> 12) & 0xF];
  out += kHex[(code >> 8) & 0xF];
  out += kHex[(code >> 4) & 0xF];
  out += kHex[code & 0xF];
}

// The code point of the valid UTF-8 sequence at `utf8[i]` (a lead byte >= 0x80); `i` moves to
// its last byte.
unsigned decode_at(std::string_view utf8, size_t& i) {
  unsigned char lead = static_cast<unsigned char>(utf8[i]);
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
  unsigned code = lead & (0x3F >> extra);
  for (int k = 0; k < extra; ++k)
    code = (code << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
  return code;
}

// The escapes of nlohmann::json's dump, so the streamed documents read exactly as a DOM's would.
// `utf8` is valid UTF-8.
void append_escaped(std::string& out, std::string_view utf8, const JsonStyle& style) {
  size_t plain_from = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && (!style.ascii || c < 0x7F) &&
        !(c == '[' && style.no_log_markers && i >= 2 && utf8[i - 1] == '#' && utf8[i - 2] == '#'))
      continue;
    out.append(utf8, plain_from, i - plain_from);
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
        if (c < 0x80) {
          append_u_escape(out, c);
        } else {
          unsigned code = decode_at(utf8, i);
          if (code <= 0xFFFF) {
            append_u_escape(out, code);
          } else {
            append_u_escape(out, 0xD7C0 + (code >> 10));
            append_u_escape(out, 0xDC00 + (code & 0x3FF));
          }
        }
    }
    plain_from = i + 1;
  }
  out.append(utf8, plain_from, utf8.size() - plain_from);
}

}  // namespace

void append_json_string(std::string& out, std::string_view bytes, const JsonStyle& style) {
  out += '"';
  // Most strings (paths, ids, rules) are printable ASCII with nothing to escape.
  bool simple = std::all_of(bytes.begin(), bytes.end(), [](char c) {
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '[';
  });
  if (simple) {
    out += bytes;
  } else if (is_valid_utf8(bytes)) {
    append_escaped(out, bytes, style);
  } else {
    append_escaped(out, to_valid_utf8(bytes), style);
  }
  out += '"';
}

void JsonText::new_line() {
  static constexpr std::string_view kSpaces = "\n                                                ";
  size_t width = static_cast<size_t>(depth_) * style_.indent;
  if (width < kSpaces.size()) {
    out_ += kSpaces.substr(0, width + 1);
  } else {
    out_ += '\n';
    out_.append(width, ' ');
  }
}

void JsonText::separate() {
  switch (at_) {
    case Position::start:
    case Position::after_key:
      return;
    case Position::first_in_container:
      if (style_.indent > 0) new_line();
      return;
    case Position::after_value:
      out_ += ',';
      if (style_.indent > 0) new_line();
      return;
  }
}

void JsonText::flush() {
  if (!sink_ || out_.empty()) return;
  sink_(out_);
  out_.clear();
}

JsonText& JsonText::key(std::string_view name) {
  separate();
  append_json_string(out_, name, style_);
  out_ += style_.indent > 0 ? ": " : ":";
  at_ = Position::after_key;
  return *this;
}

JsonText& JsonText::value(std::string_view s) {
  separate();
  append_json_string(out_, s, style_);
  at_ = Position::after_value;
  return *this;
}

JsonText& JsonText::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  at_ = Position::after_value;
  return *this;
}

JsonText& JsonText::null() {
  separate();
  out_ += "null";
  at_ = Position::after_value;
  return *this;
}

JsonText& JsonText::raw(std::string_view json) {
  separate();
  out_ += json;
  at_ = Position::after_value;
  return *this;
}

JsonText& JsonText::raw(std::initializer_list<std::string_view> pieces) {
  separate();
  for (std::string_view piece : pieces) out_ += piece;
  at_ = Position::after_value;
  return *this;
}

JsonText& JsonText::open(char c) {
  separate();
  out_ += c;
  ++depth_;
  at_ = Position::first_in_container;
  return *this;
}

JsonText& JsonText::close(char c) {
  --depth_;
  if (at_ != Position::first_in_container && style_.indent > 0) new_line();
  out_ += c;
  at_ = Position::after_value;
  if (sink_ && out_.size() >= flush_at_) flush();
  return *this;
}

}  // namespace lamina
