#include "model/finding.h"

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

bool is_suppressed(const Finding& finding) {
  bool accepted = false;
  for (const Suppression& s : finding.suppressions) {
    if (s.status == "underReview" || s.status == "rejected") return false;
    accepted = accepted || s.status.empty() || s.status == "accepted";
  }
  return accepted;
}

}  // namespace lamina
