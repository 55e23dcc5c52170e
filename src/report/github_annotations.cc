#include "report/github_annotations.h"

#include <algorithm>
#include <tuple>

#include "util/text.h"
#include "util/workflow_command.h"

namespace lamina {
namespace {

constexpr size_t kMaxMessage = 4000;  // the runner truncates at 4096 characters

// The two annotation types lamina uses: the gate's verdict is the only thing shown as an error.
enum AnnotationType { kError, kNotice, kTypes };

const char* command_for(AnnotationType type) {
  return type == kError ? "error" : "notice";
}

std::string truncated(std::string text) {
  if (text.size() <= kMaxMessage) return text;
  text.resize(kMaxMessage);
  // Do not cut a UTF-8 sequence in half.
  while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
  if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
  return text + " [truncated]";
}

std::string annotation_for(const Finding& f, AnnotationType type, const std::string& path_prefix) {
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
  return workflow_command(command_for(type), props, truncated(without_controls(f.message)));
}

// The last slot of an overflowing type: how many were left out, and where to find them.
std::string overflow_note(AnnotationType type, size_t missing, size_t missing_listed,
                          std::optional<size_t> summary_lists, size_t per_type) {
  std::string what =
      type == kError ? "findings that fail the gate" : "findings that do not fail it";
  std::string text = std::to_string(missing) + " more " + what +
                     " are not annotated (GitHub shows " + std::to_string(per_type) +
                     " per type per step); ";
  if (!summary_lists) {
    text += "see lamina.sarif.";
  } else if (missing_listed == missing) {
    text += "the job summary and lamina.sarif list them.";
  } else {
    text += "the job summary lists " + std::to_string(missing_listed) + " of them (it lists " +
            std::to_string(*summary_lists) + " findings in all); see lamina.sarif for the other " +
            std::to_string(missing - missing_listed) + ".";
  }
  return workflow_command(command_for(type), {{"title", "lamina: more " + what}}, text);
}

}  // namespace

Annotations github_annotations(const ScanResult& scan, const std::string& path_prefix,
                               std::optional<size_t> summary_lists, AnnotationBudget budget) {
  // The job summary lists a prefix of this same order, so rank i is listed when i < summary_lists.
  std::vector<const Finding*> ranked = by_attention(scan.findings, scan.filter, scan.fail_on);
  std::vector<std::optional<AnnotationType>> type_of(ranked.size());  // none: suppressed
  size_t total[kTypes] = {0, 0};
  Annotations out;
  for (size_t i = 0; i < ranked.size(); ++i) {
    GateStanding standing = gate_standing(*ranked[i], scan.filter, scan.fail_on);
    if (standing == GateStanding::suppressed) {
      ++out.suppressed;
      continue;
    }
    type_of[i] = standing == GateStanding::gating ? kError : kNotice;
    ++total[*type_of[i]];
  }
  size_t used[kTypes] = {0, 0}, missing_listed[kTypes] = {0, 0};
  size_t job_left = budget.per_job;
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (!type_of[i]) continue;
    AnnotationType type = *type_of[i];
    // When a type overflows, its last slot announces the overflow instead of a finding.
    bool overflows = total[type] > budget.per_type;
    size_t slots = overflows && budget.per_type > 0 ? budget.per_type - 1 : budget.per_type;
    if (used[type] >= slots || job_left <= 1) {
      if (summary_lists && i < *summary_lists) ++missing_listed[type];
      continue;
    }
    out.commands += annotation_for(*ranked[i], type, path_prefix);
    ++used[type];
    ++out.emitted;
    --job_left;
  }
  out.left_out = scan.findings.size() - out.emitted - out.suppressed;
  for (AnnotationType type : {kError, kNotice}) {
    size_t missing = total[type] - used[type];
    if (missing == 0 || job_left == 0) continue;
    out.commands +=
        overflow_note(type, missing, missing_listed[type], summary_lists, budget.per_type);
    --job_left;
  }
  return out;
}

}  // namespace lamina
