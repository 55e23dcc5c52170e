#include "report/console.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

#include "util/text.h"

namespace lamina {
namespace {

constexpr size_t kMaxConsoleMessage = 2000;

struct Palette {
  bool on;
  std::string paint(const std::string& text, const char* code) const {
    return on ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
  }
};

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::sev1:
      return "1;31";
    case Severity::sev2:
      return "33";
    case Severity::sev3:
      return "36";
  }
  return "0";
}

std::string seconds(std::chrono::system_clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs",
                std::chrono::duration_cast<std::chrono::milliseconds>(d).count() / 1000.0);
  return buf;
}

std::string message_line(const std::string& message) {
  std::string text = printable(message);
  if (text.size() > kMaxConsoleMessage) text = text.substr(0, kMaxConsoleMessage) + "...";
  return text;
}

std::string verdict(const ScanResult& scan) {
  const GateResult& g = scan.gate;
  std::string threshold = scan.fail_on.threshold ? to_string(*scan.fail_on.threshold) : "never";
  if (!g.passed) {
    return "FAIL: " + std::to_string(g.gating) + " finding(s) at or above " + threshold +
           " (filter: " + to_string(scan.filter) + ")";
  }
  if (g.failed_scanners > 0) {
    return "SCANNER FAILURE: " + std::to_string(g.failed_scanners) +
           " scanner(s) did not complete; the gate passed on what did run";
  }
  size_t unread = uncovered_file_count(scan.not_covered);
  std::string gaps = unread == 0 ? ""
                                 : "; " + std::to_string(unread) +
                                       " changed file(s) not covered by some kind of check (see "
                                       "above)";
  return "PASS: no finding at or above " + threshold + " (filter: " + to_string(scan.filter) + ")" +
         gaps;
}

// Why a finding the console lists does not count; "" when it does.
std::string standing_tag(GateStanding standing) {
  switch (standing) {
    case GateStanding::filtered_out:
      return " (outside the diff)";
    case GateStanding::suppressed:
      return " (suppressed)";
    case GateStanding::in_baseline:
      return " (baseline)";
    case GateStanding::gating:
    case GateStanding::counted:
      return "";
  }
  return "";
}

// Why a scanner was skipped, in a word a group of them shares: "no matching files", "not
// installed", "disabled by --only", "no artifact given" (the detail up to its first parenthesis,
// semicolon or colon).
std::string skip_group(const std::string& detail) {
  if (detail.starts_with("not installed")) return "not installed";
  if (detail.starts_with("no matching file has ")) return "no project root";
  std::string group = detail.substr(0, detail.find_first_of("(;:"));
  while (!group.empty() && group.back() == ' ') group.pop_back();
  return group.empty() ? "no reason given" : printable(one_line(group, 80));
}

// The skipped scanners in one line, e.g. "  14 skipped: 12 no matching files; 2 not installed:
// gitleaks, semgrep (--verbose lists each)". Those not installed are named: installing one is
// the reader's next step. "" when none was skipped.
std::string skipped_summary(const std::vector<ScannerOutcome>& scanners) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // first-seen order
  size_t total = 0;
  for (const ScannerOutcome& s : scanners) {
    if (s.state != ScannerState::skipped) continue;
    ++total;
    std::string group = skip_group(s.detail);
    auto it =
        std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == group; });
    if (it == groups.end()) it = groups.insert(groups.end(), {group, {}});
    it->second.push_back(printable(s.scanner_id));
  }
  if (total == 0) return "";
  // The largest group first, "not installed" last, with its scanners' names.
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    bool a_missing = a.first == "not installed", b_missing = b.first == "not installed";
    if (a_missing != b_missing) return b_missing;
    return a.second.size() > b.second.size();
  });
  std::string line = "  " + std::to_string(total) + " skipped: ";
  for (size_t i = 0; i < groups.size(); ++i) {
    line += (i ? "; " : "") + std::to_string(groups[i].second.size()) + " " + groups[i].first;
    if (groups[i].first == "not installed") {
      for (size_t k = 0; k < groups[i].second.size(); ++k)
        line += (k ? ", " : ": ") + groups[i].second[k];
    }
  }
  return line + " (--verbose lists each)\n";
}

}  // namespace

std::string exit_code_meaning(int code) {
  switch (code) {
    case 0:
      return "0: passed";
    case 1:
      return "1: the gate failed";
    case 2:
      return "2: usage, configuration or input error";
    case 3:
      return "3: a scanner failed (the gate passed on the rest)";
  }
  return std::to_string(code) + ": unknown";
}

std::string console_findings(const ScanResult& scan, bool color) {
  Palette p{color};
  std::string out;
  for (const Finding& f : scan.findings) {
    std::string where =
        f.location.path.empty() ? printable(f.artifact_path) : printable(f.location.path);
    if (where.empty()) where = f.url.empty() ? "(no file)" : printable(f.url);
    if (!f.artifact_layer.empty()) where += " (layer " + printable(f.artifact_layer) + ")";
    if (f.location.region.start_line > 0) {
      where += ":" + std::to_string(f.location.region.start_line);
      if (f.location.region.start_column > 0)
        where += ":" + std::to_string(f.location.region.start_column);
    }
    std::string rule = f.rule_id.empty() ? f.tool : f.tool + "/" + printable(f.rule_id);
    std::string tags = standing_tag(gate_standing(f, scan.filter, scan.fail_on));
    out += p.paint(where, "1") + ": " + p.paint(to_string(f.severity), severity_color(f.severity)) +
           " [" + rule + "] " + message_line(f.message) + tags + "\n";
  }
  return out;
}

std::string console_summary(const ScanResult& scan, const std::vector<std::string>& report_paths,
                            bool color, bool verbose) {
  Palette p{color};
  size_t ran = 0, skipped = 0, failed = 0;
  for (const ScannerOutcome& s : scan.scanners) {
    if (s.state == ScannerState::skipped)
      ++skipped;
    else
      ++ran;
    if (is_failure(s.state)) ++failed;
  }
  std::string out = "\nlamina " + std::string(to_string(scan.layer)) + ": " + std::to_string(ran) +
                    " scanner(s) ran, " + std::to_string(skipped) + " skipped, " +
                    std::to_string(failed) + " failed\n";
  if (!scan.context.reason.empty()) {
    std::string scope = scan.changes.full_scan
                            ? std::to_string(scan.changes.files.size()) + " tracked file(s)"
                            : std::to_string(scan.changes.files.size()) + " changed file(s)";
    out += "scope: " + scope + "; " + printable(scan.context.reason) + "\n";
  }
  for (const CoverageGap& gap : scan.not_covered)
    out += p.paint(printable(gap.text()), "33") + "\n";
  for (const ScannerOutcome& s : scan.scanners) {
    if (s.state == ScannerState::skipped && !verbose) continue;  // in skipped_summary()
    std::string line = "  " + s.scanner_id;
    line.resize(std::max<size_t>(line.size() + 1, 16), ' ');
    std::string state = to_string(s.state);
    state.resize(std::max<size_t>(state.size(), 9), ' ');
    const char* code = is_failure(s.state)                 ? "1;31"
                       : s.state == ScannerState::findings ? "33"
                                                           : "0";
    line += p.paint(state, code);
    if (s.state != ScannerState::skipped) line += " " + seconds(s.end_time - s.start_time);
    if (s.state == ScannerState::findings)
      line += "  " + std::to_string(s.finding_count) + " finding(s)";
    if (!s.detail.empty()) {
      line += "  " + printable(s.detail);
    } else if (!s.notes.empty()) {
      line += "  " + printable(one_line(s.notes.front(), 120));
    }
    out += line + "\n";
  }
  if (!verbose) out += skipped_summary(scan.scanners);
  const GateResult& g = scan.gate;
  out += "findings: ";
  for (int i = 0; i < 3; ++i) {
    out += std::string(i ? ", " : "") + "sev" + std::to_string(i + 1) + " " +
           std::to_string(g.by_severity[i]) + " (" + std::to_string(g.counted_by_severity[i]) +
           " counted)";
  }
  out += "; " + std::to_string(g.filtered_out) + " outside the diff filter";
  if (g.suppressed > 0) out += ", " + std::to_string(g.suppressed) + " suppressed";
  if (scan.baseline_given) out += ", " + std::to_string(g.in_baseline) + " in the baseline";
  if (scan.refused_paths > 0) {
    out += ", " + std::to_string(scan.refused_paths) +
           " at repository level (location not mapped into the repository)";
  }
  out += "\n";
  if (!scan.critical_path.empty()) {
    out += "critical path:";
    for (const std::string& id : scan.critical_path) out += " " + id;
    out += "\n";
  }
  if (scan.incomplete) out += p.paint("INCOMPLETE: lamina was interrupted", "1;31") + "\n";
  out +=
      "verdict: " + p.paint(verdict(scan), g.passed && g.failed_scanners == 0 ? "1;32" : "1;31") +
      "\n";
  out += "exit code " + exit_code_meaning(g.exit_code) + "\n";
  for (const std::string& path : report_paths) out += "report: " + printable(path) + "\n";
  return out;
}

}  // namespace lamina
