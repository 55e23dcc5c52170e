#include "report/step_summary.h"

#include <algorithm>
#include <cstdio>

#include "report/sarif_writer.h"
#include "util/markdown.h"

namespace lamina {
namespace {

std::string seconds(std::chrono::system_clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s",
                std::chrono::duration_cast<std::chrono::milliseconds>(d).count() / 1000.0);
  return buf;
}

// Mermaid task names and ids: a conservative alphabet, since scanner ids may come from a PR's
// configuration.
std::string mermaid_name(const std::string& id) {
  std::string out;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
  }
  return out.empty() ? "scanner" : out;
}

std::string verdict_line(const ScanResult& scan) {
  const GateResult& g = scan.gate;
  std::string threshold = scan.fail_on.threshold ? to_string(*scan.fail_on.threshold) : "never";
  if (scan.incomplete) return "### ⚠️ lamina was interrupted: results are incomplete";
  if (!g.passed) {
    return "### ❌ Gate failed: " + std::to_string(g.gating) + " finding(s) at or above " +
           threshold;
  }
  if (g.failed_scanners > 0) {
    return "### ⚠️ " + std::to_string(g.failed_scanners) +
           " scanner(s) failed; the gate passed on the rest";
  }
  return "### ✅ Gate passed: no finding at or above " + threshold;
}

std::string scanner_table(const ScanResult& scan) {
  std::string out =
      "| scanner | status | duration | sev1 | sev2 | sev3 | details |\n"
      "|---|---|---|---|---|---|---|\n";
  for (const ScannerOutcome& s : scan.scanners) {
    size_t counts[3] = {0, 0, 0};
    for (const Finding& f : scan.findings) {
      if (f.tool == s.scanner_id) ++counts[static_cast<int>(f.severity) - 1];
    }
    bool ran = s.state != ScannerState::skipped;
    out += "| " + markdown_inert(s.scanner_id, 100) + " | " + to_string(s.state) + " | " +
           (ran ? seconds(s.end_time - s.start_time) : "") + " | " + std::to_string(counts[0]) +
           " | " + std::to_string(counts[1]) + " | " + std::to_string(counts[2]) + " | " +
           markdown_inert(s.detail, 300) + " |\n";
  }
  return out;
}

std::string gantt(const ScanResult& scan) {
  std::chrono::system_clock::time_point start = std::chrono::system_clock::time_point::max();
  for (const ScannerOutcome& s : scan.scanners) {
    if (s.state != ScannerState::skipped && s.start_time.time_since_epoch().count() > 0) {
      start = std::min(start, s.start_time);
    }
  }
  if (start == std::chrono::system_clock::time_point::max()) return "";
  std::string out =
      "```mermaid\ngantt\n  title Scanner runs (critical path in red)\n"
      "  dateFormat x\n  axisFormat %M:%S\n  section scanners\n";
  int n = 0;
  for (const ScannerOutcome& s : scan.scanners) {
    if (s.state == ScannerState::skipped || s.start_time.time_since_epoch().count() == 0) continue;
    auto ms = [&](std::chrono::system_clock::time_point t) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(t - start).count();
    };
    auto begin = ms(s.start_time);
    auto end = std::max(ms(s.end_time), begin + 1);
    bool critical = std::find(scan.critical_path.begin(), scan.critical_path.end(), s.scanner_id) !=
                    scan.critical_path.end();
    std::string tags = critical ? "crit, " : "";
    if (is_failure(s.state)) tags += "active, ";
    out += "  " + mermaid_name(s.scanner_id) + " :" + tags + "t" + std::to_string(n++) + ", " +
           std::to_string(begin) + ", " + std::to_string(end) + "\n";
  }
  return out + "```\n";
}

std::string finding_link(const ScanResult& scan, const Finding& f) {
  std::string where =
      markdown_inert(f.location.path.empty() ? f.artifact_path : f.location.path, 300);
  if (f.location.region.start_line > 0)
    where += "\\:" + std::to_string(f.location.region.start_line);
  if (!f.artifact_layer.empty()) where += " (layer " + markdown_inert(f.artifact_layer, 80) + ")";
  if (scan.head_url_prefix.empty() || f.location.path.empty()) return where;
  std::string url = scan.head_url_prefix + uri_from_path(f.location.path);
  if (f.location.region.start_line > 0) url += "#L" + std::to_string(f.location.region.start_line);
  // The URL is built from percent-encoded parts only, so it cannot break out of the link.
  return "[" + where + "](" + url + ")";
}

}  // namespace

std::string step_summary_markdown(const ScanResult& scan, const SummaryOptions& options,
                                  size_t* findings_listed) {
  std::string out = "## lamina: " + std::string(to_string(scan.layer)) + " layer\n\n" +
                    verdict_line(scan) + "\n\n";
  for (const CoverageGap& gap : scan.not_covered)
    out += "> ⚠️ " + markdown_inert(gap.text(), 600) + "\n\n";
  const GateResult& g = scan.gate;
  out += "Findings: **" + std::to_string(g.by_severity[0]) + "** sev1, **" +
         std::to_string(g.by_severity[1]) + "** sev2, **" + std::to_string(g.by_severity[2]) +
         "** sev3; " + std::to_string(g.filtered_out) + " outside the diff filter (`" +
         to_string(scan.filter) + "`)";
  if (g.suppressed > 0) {
    out += ", " + std::to_string(g.suppressed) + " suppressed by the tool (not counted)";
  }
  if (scan.baseline_given) out += ", " + std::to_string(g.in_baseline) + " already in the baseline";
  out += ".\n\n" + scanner_table(scan) + "\n" + gantt(scan);
  std::vector<const Finding*> top = by_attention(scan.findings, scan.filter, scan.fail_on);
  if (!top.empty())
    out += "\n### Top findings\n\n| severity | location | rule | message |\n|---|---|---|---|\n";
  size_t shown = 0;
  const std::string tail_reserve(400, ' ');
  for (const Finding* f : top) {
    std::string row = "| " + std::string(to_string(f->severity)) + " | " + finding_link(scan, *f) +
                      " | " + markdown_inert(f->tool + "/" + f->rule_id, 200) + " | " +
                      markdown_inert(f->message, 500) + " |\n";
    if (shown >= options.max_findings ||
        out.size() + row.size() + tail_reserve.size() > options.max_bytes)
      break;
    out += row;
    ++shown;
  }
  if (findings_listed) *findings_listed = shown;
  if (shown < top.size()) {
    out += "\n" + std::to_string(top.size() - shown) + " more finding(s) not shown here";
    out += options.sarif_path.empty()
               ? ".\n"
               : "; all are in `" + markdown_inert(options.sarif_path, 200) + "`.\n";
  }
  return out;
}

}  // namespace lamina
