// One scanner output format (LAMINA_FUZZ_FORMATS, a comma-separated list compiled in: the line
// formats share one target), bytes as a scanner would print them. Parsers report bad input as
// an error outcome, never by crashing or throwing; the findings they keep must be confined to
// the repository.
#include <string>

#include "fuzz_check.h"
#include "parse/parse.h"

namespace {

lamina::ParseContext make_context() {
  lamina::ParseContext ctx;
  ctx.scanner_id = "fuzz";
  ctx.repository_root = "/repo";
  ctx.working_directory = "/repo/sub";
  ctx.uri_base_ids = {{"%SRCROOT%", "/repo"}, {"SRCROOT", "file:///repo/"}};
  return ctx;
}

const lamina::ParseContext& context() {
  static const lamina::ParseContext ctx = make_context();
  return ctx;
}

void check_confined(const lamina::Location& location) {
  const std::string& path = location.path;
  FUZZ_CHECK(path.empty() || path.front() != '/');
  FUZZ_CHECK(path != ".." && path.rfind("../", 0) != 0);
  FUZZ_CHECK(path.find("/../") == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view formats = LAMINA_FUZZ_FORMATS;
  while (!formats.empty()) {
    std::string_view format = lamina::fuzz::take_part(formats, ',');
    FUZZ_CHECK(lamina::is_known_format(format));
    lamina::ParseOutcome outcome =
        lamina::parse_output(format, lamina::fuzz::as_text(data, size), context());
    for (const lamina::Finding& finding : outcome.findings) {
      check_confined(finding.location);
      for (const lamina::Location& related : finding.related) check_confined(related);
    }
  }
  return 0;
}
