#include "ci/printable.h"

namespace lamina {
namespace {

// Length of the valid UTF-8 sequence at the start of `s`, or 0 when it is not valid.
std::size_t utf8_sequence_length(std::string_view s) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4)
    length = 4;
  else
    return 0;
  if (s.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
  }
  // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
  if (lead == 0xE0 && byte(1) < 0xA0) return 0;
  if (lead == 0xED && byte(1) > 0x9F) return 0;
  if (lead == 0xF0 && byte(1) < 0x90) return 0;
  if (lead == 0xF4 && byte(1) > 0x8F) return 0;
  return length;
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

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text.substr(i));
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

std::string in_quotes(std::string_view text) {
  return "\"" + printable(text) + "\"";
}

}  // namespace lamina
