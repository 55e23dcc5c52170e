#include "catalog/output_formats.h"

#include <algorithm>

namespace lamina {

const std::vector<std::string_view>& known_output_formats() {
  static const std::vector<std::string_view> formats = {
      "sarif",        "gcc",          "checkstyle",        "shellcheck-json1",
      "cppcheck-xml", "bandit-json",  "yamllint-parsable", "codespell",
      "clamscan",     "wapiti-json",  "gitleaks-json",     "trivy-json",
      "zap-json",     "nuclei-jsonl", "cyclonedx-json",    "npm-audit-json",
  };
  return formats;
}

bool is_known_output_format(std::string_view name) {
  const auto& formats = known_output_formats();
  return std::find(formats.begin(), formats.end(), name) != formats.end();
}

}  // namespace lamina
