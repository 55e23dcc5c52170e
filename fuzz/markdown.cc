// The job summary's escaper for hostile text (file names, messages): whatever the input, the
// output is one line of valid UTF-8 with no HTML tag, entity start, table cell break, mention,
// link, emphasis or code span that the input could have written, and no invisible control (C1,
// line separators, bidi overrides) that would make the line read differently.
#include <string>

#include "fuzz_check.h"
#include "util/markdown.h"
#include "util/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = lamina::fuzz::as_text(data, size);
  std::string out = lamina::markdown_inert(input, 200);
  FUZZ_CHECK(lamina::is_valid_utf8(out));
  FUZZ_CHECK(out.size() <= 200 + 8 + 3);  // an entity started before the bound, then "…"
  FUZZ_CHECK(lamina::replace_invisible_controls(out, "?") == out);
  for (size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    FUZZ_CHECK(c != '\n' && c != '\r' && c != '<' && c != '>' && c != '|' && c != '@');
    FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
    // '&' only starts the entities the escaper writes; they are skipped whole.
    if (c == '&') {
      std::string_view rest(out.data() + i, out.size() - i);
      size_t entity = 0;
      for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#64;", "&#124;", "&#xFFFD;"})
        if (rest.rfind(e, 0) == 0) entity = e.size();
      FUZZ_CHECK(entity > 0);
      i += entity - 1;
      continue;
    }
    // Markdown punctuation is always preceded by the backslash that makes it literal.
    if (std::string_view("`*_[]()#!~").find(c) != std::string_view::npos) {
      FUZZ_CHECK(i > 0 && out[i - 1] == '\\');
    }
  }
  return 0;
}
