#include "report/github_annotations.h"

#include <algorithm>
#include <tuple>

#include "report/workflow_command.h"
#include "util/text.h"

namespace lamina {
namespace {

constexpr size_t kMaxMessage = 4000;  // the runner truncates at 4096 characters

const char* command_for(Severity s) {
  switch (s) {
    case Severity::sev1:
      return "error";
    case Severity::sev2:
      return "warning";
    case Severity::sev3:
      return "notice";
  }
  return "notice";
}

std::string truncated(std::string text) {
  if (text.size() <= kMaxMessage) return text;
  text.resize(kMaxMessage);
  // Do not cut a UTF-8 sequence in half.
  while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
  if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
  return text + " [truncated]";
}

std::string annotation_for(const Finding& f, const std::string& path_prefix) {
  std::vector<std::pair<std::string, std::string>> props;
  if (!f.location.path.empty()) {
    const Region& r = f.location.region;
    props.emplace_back("file", without_controls(path_prefix + f.location.path));
    if (r.start_line > 0) {
      props.emplace_back("line", std::to_string(r.start_line));
      uint32_t end_line = std::max(r.end_line, r.start_line);
      props.emplace_back("endLine", std::to_string(end_line));
      // Columns only make sense on one line; the runner drops them otherwise.
      if (r.start_column > 0 && end_line == r.start_line) {
        props.emplace_back("col", std::to_string(r.start_column));
        if (r.end_column > r.start_column) {
          props.emplace_back("endColumn", std::to_string(r.end_column - 1));
        }
      }
    }
  }
  std::string rule = f.rule_id.empty() ? f.tool : f.tool + "/" + f.rule_id;
  props.emplace_back("title", without_controls(std::string(to_string(f.severity)) + " " + rule));
  // The runner's log shows escape sequences (colours, OSC 8 links) as they come: none from a
  // scanner's text reaches it.
  return workflow_command(command_for(f.severity), props, truncated(without_controls(f.message)));
}

}  // namespace

Annotations github_annotations(const ScanResult& scan, const std::string& path_prefix,
                               AnnotationBudget budget) {
  std::vector<const Finding*> ranked = by_attention(scan.findings, scan.filter);
  size_t per_type_total[3] = {0, 0, 0};
  for (const Finding* f : ranked) ++per_type_total[static_cast<int>(f->severity) - 1];

  Annotations out;
  size_t used[3] = {0, 0, 0};
  size_t job_left = budget.per_job;
  for (const Finding* f : ranked) {
    size_t type = static_cast<size_t>(f->severity) - 1;
    // When a type overflows, its last slot announces the overflow instead of a finding.
    bool overflows = per_type_total[type] > budget.per_type;
    size_t slots = overflows && budget.per_type > 0 ? budget.per_type - 1 : budget.per_type;
    if (used[type] >= slots || job_left <= 1) continue;
    out.commands += annotation_for(*f, path_prefix);
    ++used[type];
    ++out.emitted;
    --job_left;
  }
  out.left_out = scan.findings.size() - out.emitted;
  for (size_t type = 0; type < 3; ++type) {
    size_t missing = per_type_total[type] - used[type];
    if (missing == 0 || job_left == 0) continue;
    Severity s = static_cast<Severity>(type + 1);
    out.commands += workflow_command(
        command_for(s), {{"title", std::string("lamina: more ") + to_string(s) + " findings"}},
        std::to_string(missing) + " more " + to_string(s) +
            " findings are not annotated (GitHub shows " + std::to_string(budget.per_type) +
            " per type per step); all are in the job summary and in lamina.sarif.");
    --job_left;
  }
  return out;
}

}  // namespace lamina
