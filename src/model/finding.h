#pragma once
// One finding in lamina's common model, whatever tool produced it.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lamina {

enum class Severity { sev1 = 1, sev2 = 2, sev3 = 3 };

// 1-based, inclusive lines; columns 1-based, end_column exclusive (SARIF convention); 0 = unknown.
struct Region {
  uint32_t start_line = 0;
  uint32_t start_column = 0;
  uint32_t end_line = 0;
  uint32_t end_column = 0;
};

struct Location {
  std::string path;  // repository-relative, normalised; "" when the finding has no file
  Region region;
  std::string message;  // for related locations
};

// A path through the code (SARIF codeFlow): each thread flow is a list of steps. A step whose
// file could not be mapped into the repository has no path, only its message.
struct CodeFlow {
  std::string message;
  std::vector<std::vector<Location>> thread_flows;
};

// What a tool's rule says about itself beyond id and name (SARIF reportingDescriptor), shared by
// the findings of that rule so lamina's SARIF carries it on.
struct RuleText {
  std::string short_description;
  std::string full_description;
  std::string help_text;
  std::string help_markdown;
};

enum class DiffPosition { unknown, added_lines, in_hunk_context, in_changed_file, outside_diff };

// A SARIF suppression as the tool wrote it (eslint-disable comments, CodeQL's alert-suppression).
struct Suppression {
  std::string kind;    // "inSource" or "external"
  std::string status;  // "accepted", "underReview", "rejected", or "" (none given: accepted)
  std::string justification;
};

struct Finding {
  std::string tool;  // scanner id
  std::string rule_id;
  std::string rule_name;
  std::string help_uri;
  std::string message;     // raw text from the tool; escaped only when written to a channel
  std::string tool_level;  // the tool's own level ("error", "HIGH", "SC2086 style"...)
  std::optional<double> security_severity;  // SARIF security-severity when given
  Severity severity = Severity::sev3;
  Location location;
  std::vector<Location> related;
  std::vector<CodeFlow> code_flows;
  std::shared_ptr<const RuleText> rule_text;  // nullptr when the tool gave none
  // The location the tool named when lamina could not map it into the repository (or artifact):
  // the finding is then kept at repository level (no path), counted by the gate, and each report
  // says why. "" when the finding is placed or has no file.
  std::string unmapped_location;
  std::string artifact_path;     // path inside a scanned artifact (pre-deploy), else ""
  std::string artifact_layer;    // image artifacts: digest of the layer that last wrote the file
  std::string package;           // dependency findings: package name, else ""
  std::string package_version;   // dependency findings: installed version
  std::string operating_system;  // image findings: the image's OS ("alpine 3.10.2") when known
  std::string url;               // the flagged URL of a DAST finding, else ""
  std::vector<Suppression> suppressions;            // SARIF suppressions, kept for lamina.sarif
  std::map<std::string, std::string> fingerprints;  // partialFingerprints, incl. "lamina/v1"
  DiffPosition diff_position = DiffPosition::unknown;
  bool in_baseline = false;
  std::vector<std::string> notes;  // e.g. "line -3 clamped to 1"
  std::string original;            // the tool's original record (JSON or text), verbatim
};

const char* to_string(Severity severity);  // "sev1", "sev2", "sev3"
std::optional<Severity> parse_severity(const std::string& text);

// Whether the tool suppressed the finding (SARIF §3.27.23, as the SARIF SDK and GitLab read it):
// at least one suppression accepted (or without a status) and none under review or rejected.
bool is_suppressed(const Finding& finding);

}  // namespace lamina
