// The GitHub log escaper (inert_log_text), with hostile file names and messages: whatever the
// input, the runner finds no command in the result. The checks follow actions/runner's parser:
// lines end at CR or LF; a line is a command when, after TrimStart(), it starts with "::", or
// when it holds "##[" anywhere; its comparisons may skip ignorable characters, which the escaper
// must therefore leave none of. Line ends are kept, and text without any of this is unchanged.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "util/utf8.h"
#include "util/workflow_command.h"

namespace {

bool dotnet_whitespace(uint32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// Characters a culture-sensitive comparison skips (a sample of the escaper's list: controls
// other than tab, soft hyphen, zero-width and bidi controls, variation selectors, tags).
bool format_like(uint32_t c) {
  return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || c == 0xAD ||
         (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0xE0000 && c <= 0xE0FFF);
}

size_t count_line_ends(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += c == '\r' || c == '\n';
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = lamina::fuzz::as_text(data, size);
  std::string out = lamina::inert_log_text(input);

  FUZZ_CHECK(count_line_ends(out) == count_line_ends(input));
  FUZZ_CHECK(out.find("##[") == std::string::npos);
  size_t start = 0;
  for (;;) {
    size_t end = out.find_first_of("\r\n", start);
    std::string_view line(out.data() + start,
                          (end == std::string::npos ? out.size() : end) - start);
    size_t at = 0;
    uint32_t c = 0;
    bool leading = true;
    for (size_t len; at < line.size(); at += len == 0 ? 1 : len) {
      len = lamina::utf8_decode(line, at, &c);
      if (len == 0) {
        leading = false;
        continue;
      }
      FUZZ_CHECK(!format_like(c));
      if (leading && !dotnet_whitespace(c)) {
        FUZZ_CHECK(line.compare(at, 2, "::") != 0);
        leading = false;
      }
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  bool plain = input.find("##[") == std::string_view::npos &&
               input.find("::") == std::string_view::npos &&
               input.find('\\') == std::string_view::npos;
  for (unsigned char ch : input) plain = plain && ch >= 0x20 && ch < 0x7F;
  if (plain) FUZZ_CHECK(out == input);
  return 0;
}
