#include "util/workflow_command.h"

#include <cstdint>

#include "util/utf8.h"

namespace lamina {
namespace {

std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Characters an ICU collation ignores, so a culture-sensitive IndexOf("##[") matches across
// them: C0/C1 controls and DEL (tab aside), the Unicode format characters (Cf) and the other
// default-ignorable code points (variation selectors, fillers, the combining grapheme joiner).
bool ignorable(uint32_t c) {
  if (c == '\t') return false;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
  static constexpr uint32_t kRanges[][2] = {
      {0x00AD, 0x00AD},   {0x034F, 0x034F},   {0x0600, 0x0605},   {0x061C, 0x061C},
      {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},
      {0x115F, 0x1160},   {0x17B4, 0x17B5},   {0x180B, 0x180F},   {0x200B, 0x200F},
      {0x2028, 0x202E},   {0x2060, 0x206F},   {0x3164, 0x3164},   {0xFE00, 0xFE0F},
      {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},   {0xFFF0, 0xFFFB},   {0x110BD, 0x110BD},
      {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
      {0xE0000, 0xE0FFF},
  };
  for (const auto& range : kRanges) {
    if (c >= range[0] && c <= range[1]) return true;
  }
  return false;
}

// .NET's char.IsWhiteSpace, what TrimStart() removes before the runner looks for "::".
bool dotnet_whitespace(uint32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

void append_hex_escapes(std::string& out, std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  for (char b : bytes) {
    auto v = static_cast<unsigned char>(b);
    out += "\\x";
    out += kHex[v >> 4];
    out += kHex[v & 0xF];
  }
}

// One line (no CR or LF in it) made inert.
void append_inert_line(std::string& out, std::string_view line) {
  std::string visible;
  visible.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    uint32_t c = 0;
    size_t len = utf8_decode(line, i, &c);
    if (len == 0) {  // invalid UTF-8: the runner decodes it as U+FFFD, which is not ignorable
      visible += line[i++];
      continue;
    }
    if (ignorable(c)) {
      append_hex_escapes(visible, line.substr(i, len));
    } else {
      visible.append(line.substr(i, len));
    }
    i += len;
  }
  for (size_t at = 0; (at = visible.find("##[", at)) != std::string::npos; at += 6) {
    visible.replace(at + 2, 1, "\\x5b");
  }
  size_t start = 0;
  uint32_t c = 0;
  for (size_t len; start < visible.size() && (len = utf8_decode(visible, start, &c)) != 0 &&
                   dotnet_whitespace(c);) {
    start += len;
  }
  if (visible.compare(start, 2, "::") == 0) visible.replace(start, 1, "\\x3a");
  out += visible;
}

}  // namespace

std::string inert_log_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t start = 0;
  for (;;) {
    size_t end = text.find_first_of("\r\n", start);
    append_inert_line(out, text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    out += text[end];
    start = end + 1;
  }
}

std::string log_text(bool github, std::string_view text) {
  return github ? inert_log_text(text) : std::string(text);
}

std::string escape_command_data(std::string_view text) {
  return escape(text, false);
}
std::string escape_command_property(std::string_view text) {
  return escape(text, true);
}

std::string workflow_command(std::string_view name,
                             const std::vector<std::pair<std::string, std::string>>& properties,
                             std::string_view data) {
  std::string line = "::";
  line += name;
  if (!properties.empty()) {
    line += ' ';
    bool first = true;
    for (const auto& [key, value] : properties) {
      if (value.empty()) continue;
      if (!first) line += ',';
      first = false;
      line += key + "=" + escape_command_property(value);
    }
  }
  line += "::";
  line += escape_command_data(data);
  line += '\n';
  return line;
}

}  // namespace lamina
