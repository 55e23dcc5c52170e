// The JSON string writer of the SARIF and GitLab reports and of `lamina plan --json`, with hostile
// bytes (file names, messages): the result is always one valid JSON string that reads back as the
// input with invalid UTF-8 replaced, so no input can close the string or add a field; in the
// GitHub-log style it is also pure ASCII with no "##[" (no workflow command in a job log).
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_check.h"
#include "util/json_text.h"
#include "util/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = lamina::fuzz::as_text(data, size);
  for (lamina::JsonStyle style :
       {lamina::JsonStyle{},
        lamina::JsonStyle{.indent = 2, .ascii = true, .no_log_markers = true}}) {
    std::string out;
    lamina::append_json_string(out, input, style);
    nlohmann::json parsed = nlohmann::json::parse(out, nullptr, false);
    FUZZ_CHECK(parsed.is_string());
    FUZZ_CHECK(parsed.get<std::string>() == lamina::to_valid_utf8(input));
    FUZZ_CHECK(out.find('\n') == std::string::npos);
    if (style.ascii) {
      for (char c : out)
        FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F);
      FUZZ_CHECK(out.find("##[") == std::string::npos);
    }
  }
  return 0;
}
