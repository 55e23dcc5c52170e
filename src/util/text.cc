#include "util/text.h"
#include "util/utf8.h"

#include <algorithm>
#include <cstdint>

namespace lamina {

size_t utf8_decode(std::string_view s, size_t i, uint32_t* code_point) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t b0 = byte(i);
  *code_point = b0;
  if (b0 < 0x80) return 1;
  size_t len = 0;
  uint32_t min = 0, cp = 0;
  if ((b0 & 0xE0) == 0xC0)
    len = 2, min = 0x80, cp = b0 & 0x1F;
  else if ((b0 & 0xF0) == 0xE0)
    len = 3, min = 0x800, cp = b0 & 0x0F;
  else if ((b0 & 0xF8) == 0xF0)
    len = 4, min = 0x10000, cp = b0 & 0x07;
  else
    return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *code_point = cp;
  return len;
}

namespace {

size_t utf8_sequence_length(std::string_view s, size_t i) {
  uint32_t unused = 0;
  return utf8_decode(s, i, &unused);
}

// Characters that are valid UTF-8 but change how a line reads: C1 controls, U+2028/U+2029 and
// the bidi embedding, override and isolate controls ("Trojan Source").
bool is_invisible_control(std::string_view sequence) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(sequence[i]); };
  if (sequence.size() == 2) return byte(0) == 0xC2 && byte(1) < 0xA0;
  if (sequence.size() != 3 || byte(0) != 0xE2) return false;
  const unsigned code = ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);  // low 12 bits, U+2xxx
  return (code >= 0x028 && code <= 0x02E) || (code >= 0x066 && code <= 0x069) || code == 0x00E ||
         code == 0x00F;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    size_t len = utf8_sequence_length(bytes, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string to_valid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    size_t len = utf8_sequence_length(bytes, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(bytes.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string printable(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    auto c = static_cast<uint8_t>(bytes[i]);
    size_t len = utf8_sequence_length(bytes, i);
    if (len > 1 && !is_invisible_control(bytes.substr(i, len))) {
      out.append(bytes.substr(i, len));
      i += len;
      continue;
    }
    if (len > 1) {  // an invisible control: every byte escaped
      for (size_t k = 0; k < len; ++k) {
        auto b = static_cast<uint8_t>(bytes[i + k]);
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 0xF];
      }
      i += len;
      continue;
    }
    ++i;
    switch (c) {
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      default:
        break;
    }
    if (len == 1 && c >= 0x20 && c != 0x7F) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string printable_lines(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t start = 0;
  for (;;) {
    size_t end = bytes.find_first_of("\n\t", start);
    out += printable(bytes.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    out += bytes[end];
    start = end + 1;
  }
}

std::string without_controls(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    auto c = static_cast<uint8_t>(bytes[i]);
    size_t len = utf8_sequence_length(bytes, i);
    bool control = len == 0 ||
                   (len == 1 && (c == 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))) ||
                   (len > 1 && is_invisible_control(bytes.substr(i, len)));
    if (control) {
      out += "\xEF\xBF\xBD";
      i += len == 0 ? 1 : len;
    } else {
      out.append(bytes.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 0x3F];
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 0x3F];
    out += kAlphabet[(v >> 12) & 0x3F];
    out += rest == 2 ? kAlphabet[(v >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::string one_line(std::string_view text, std::size_t max_bytes) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    const std::string_view sequence = text.substr(i, length == 0 ? 1 : length);
    const bool control =
        length == 1 && (static_cast<unsigned char>(text[i]) < 0x20 || text[i] == 0x7F);
    const std::string_view shown =
        (length == 0 || control || is_invisible_control(sequence)) ? "?" : sequence;
    if (out.size() + shown.size() > max_bytes) {
      out += "...";
      break;
    }
    out += shown;
    i += sequence.size();
  }
  return out;
}

std::string replace_invisible_controls(std::string_view text, std::string_view replacement) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = std::max<std::size_t>(utf8_sequence_length(text, i), 1);
    const std::string_view sequence = text.substr(i, length);
    out += length > 1 && is_invisible_control(sequence) ? replacement : sequence;
    i += length;
  }
  return out;
}

std::string in_quotes(std::string_view text) {
  return "\"" + one_line(text) + "\"";
}

}  // namespace lamina
