#include "util/markdown.h"

#include <cstring>

#include "util/text.h"

namespace lamina {

std::string markdown_inert(std::string_view text, size_t max_bytes) {
  // Bidi overrides and line separators would make the summary read differently from the text.
  std::string valid = replace_invisible_controls(to_valid_utf8(text), "\uFFFD");
  std::string out;
  out.reserve(valid.size() + 16);
  for (char c : valid) {
    if (out.size() >= max_bytes) {
      // Never end inside an entity or escape, or in the middle of a UTF-8 sequence.
      while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
        out.pop_back();
      if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
      out += "…";
      break;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '@':
        out += "&#64;";
        continue;
      case '|':
        out += "&#124;";
        continue;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        continue;
      default:
        break;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += "&#xFFFD;";
    } else if (std::strchr("\\`*_{}[]()#+-.!~:", c) != nullptr) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace lamina
