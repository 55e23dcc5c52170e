#include "findings/finding.h"

namespace lamina {

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::sev1:
      return "sev1";
    case Severity::sev2:
      return "sev2";
    case Severity::sev3:
      return "sev3";
  }
  return "sev3";
}

std::optional<Severity> parse_severity(const std::string& text) {
  if (text == "sev1") return Severity::sev1;
  if (text == "sev2") return Severity::sev2;
  if (text == "sev3") return Severity::sev3;
  return std::nullopt;
}

}  // namespace lamina
