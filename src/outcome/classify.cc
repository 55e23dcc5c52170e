#include "outcome/classify.h"

#include <algorithm>
#include <cstring>

#include "artifact/artifact_location.h"
#include "model/severity.h"
#include "parse/parse.h"
#include "util/text.h"

namespace lamina {
namespace {

// Whether a line of a tool's stderr says what went wrong ("Error: Cannot find module ...",
// "ModuleNotFoundError: ...", "fatal: ..."), not a banner, a progress line or a stack frame.
bool says_why(const std::string& line) {
  std::string lower;
  for (char c : line) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower.starts_with("at ") || lower.starts_with("file \"") || lower.starts_with("- /") ||
      lower.starts_with("require stack")) {
    return false;  // a frame of a Node or Python stack trace
  }
  for (const char* word : {"error", "fatal", "cannot", "can't", "could not", "couldn't", "failed",
                           "no such", "not found", "denied", "invalid", "unable", "exception",
                           "panic", "unknown", "unrecognized", "missing"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::string stderr_reason(const std::string& text) {
  std::string last_nonempty;
  size_t end = text.size();
  while (end > 0) {
    size_t start = text.rfind('\n', end - 1);
    start = start == std::string::npos ? 0 : start + 1;
    std::string line = text.substr(start, end - start);
    end = start == 0 ? 0 : start - 1;
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    size_t last = line.find_last_not_of(" \t\r");
    line = line.substr(first, last - first + 1);
    if (last_nonempty.empty()) last_nonempty = line;
    if (says_why(line)) return one_line(line, 200);
  }
  return one_line(last_nonempty, 200);
}

namespace {

std::string with_stderr(std::string detail, const RunResult& run) {
  std::string line = stderr_reason(run.stderr_data);
  return line.empty() ? detail : detail + ": " + line;
}

SeverityPolicy policy_for(const Invocation& invocation) {
  SeverityPolicy policy;
  policy.catalog_rules = invocation.severity;
  policy.catalog_levels = invocation.severity;
  return policy;
}

void parse_into(ClassifiedRun& out, const RunResult& run, const std::string& repo_root,
                const PreparedArtifact* artifact) {
  const Invocation& inv = run.invocation;
  if (inv.output_from == OutputSource::out_file && run.out_file_missing) {
    out.state = ScannerState::failed;
    out.detail = with_stderr("the report file ({out}) was not written", run);
    return;
  }
  const std::string& bytes = report_bytes(run);
  ParseContext ctx;
  ctx.scanner_id = inv.scanner_id;
  ctx.repository_root = artifact ? artifact->root : repo_root;
  // Relative paths a tool prints are relative to where it ran, also when it scanned an artifact
  // (secretlint's SARIF names "dist/x.js" from the repository root).
  ctx.working_directory = inv.cwd.empty() ? repo_root : inv.cwd;
  if (inv.output_from == OutputSource::out_file) ctx.console = run.stdout_data;
  // A path the tool printed outside the repository is matched against what lamina gave it (and
  // the usual container mounts); inside an artifact's tree nothing outside can be trusted.
  if (!artifact) {
    ctx.workspace = default_workspace_hints("");
    ctx.workspace.files.assign(inv.files.begin(), inv.files.end());
    std::sort(ctx.workspace.files.begin(), ctx.workspace.files.end());
  }
  ParseOutcome parsed = parse_output(inv.format, bytes, ctx);
  out.refused_paths += parsed.refused_paths;
  out.notes.insert(out.notes.end(), parsed.notes.begin(), parsed.notes.end());
  SeverityPolicy policy = policy_for(inv);
  out.findings_over_limit = parsed.findings.over_limit();
  for (Finding& f : parsed.findings) {
    f.tool = inv.scanner_id;
    f.severity = assign_severity(f, policy);
    if (artifact) place_in_artifact(f, *artifact);
    out.findings.push_back(std::move(f));
  }
  if (out.findings_over_limit > 0) {
    out.state = ScannerState::failed;
    out.detail = over_limit_detail(out.findings.size() + out.findings_over_limit);
  } else if (parsed.error) {
    out.state = ScannerState::failed;
    out.detail = "unparseable " + inv.format + " output: " + one_line(*parsed.error, 300);
  } else if (parsed.tool_failure) {
    out.state = ScannerState::failed;
    out.detail = one_line(*parsed.tool_failure, 300);
  }
}

}  // namespace

ClassifiedRun classify_run(const RunResult& run, const std::string& repo_root,
                           const PreparedArtifact* artifact) {
  ClassifiedRun out;
  const Invocation& inv = run.invocation;
  switch (run.status) {
    case RunStatus::spawn_failed:
      out.state = ScannerState::failed;
      out.detail = "could not start: " + one_line(run.error, 300);
      return out;
    case RunStatus::cancelled:
      out.state = ScannerState::cancelled;
      out.detail = run.error.empty() ? "cancelled" : one_line(run.error, 300);
      return out;
    case RunStatus::signaled:
      out.state = ScannerState::failed;
      out.detail = with_stderr(std::string("killed by signal ") + std::to_string(run.term_signal) +
                                   " (" + strsignal(run.term_signal) + ")",
                               run);
      return out;
    case RunStatus::output_too_large:
      out.state = ScannerState::failed;
      out.detail = "output too large: " + one_line(run.error, 300);
      return out;
    case RunStatus::timed_out:
      // Whatever it printed before the deadline is kept, but the scanner did not finish.
      parse_into(out, run, repo_root, artifact);
      out.state = ScannerState::timed_out;
      out.detail = run.error.empty() ? "timed out" : one_line(run.error, 300);
      return out;
    case RunStatus::exited:
      break;
  }
  bool ok_code = std::find(inv.ok_exit_codes.begin(), inv.ok_exit_codes.end(), run.exit_code) !=
                 inv.ok_exit_codes.end();
  if (!ok_code) {
    out.state = ScannerState::failed;
    out.detail = with_stderr(
        "exit code " + std::to_string(run.exit_code) + " means an error for " + inv.scanner_id,
        run);
    return out;
  }
  parse_into(out, run, repo_root, artifact);
  if (out.state == ScannerState::clean && !out.findings.empty()) out.state = ScannerState::findings;
  return out;
}

ScannerOutcome scanner_outcome(const ScannerDecision& decision, const std::vector<RunResult>& runs,
                               const std::vector<ClassifiedRun>& classified) {
  ScannerOutcome s;
  s.scanner_id = decision.scanner_id;
  s.name = decision.name;
  s.runs = runs;
  if (runs.empty()) {
    s.state = ScannerState::skipped;
    s.detail = decision.reason;
    return s;
  }
  s.start_time = runs.front().start_time;
  s.end_time = runs.front().end_time;
  for (const RunResult& r : runs) {
    if (r.start_time.time_since_epoch().count() > 0)
      s.start_time = std::min(s.start_time, r.start_time);
    s.end_time = std::max(s.end_time, r.end_time);
  }
  // Worst state wins (state_rank).
  s.state = ScannerState::clean;
  for (const ClassifiedRun& c : classified) {
    s.finding_count += c.findings.size() + c.findings_over_limit;
    s.notes.insert(s.notes.end(), c.notes.begin(), c.notes.end());
    if (state_rank(c.state) > state_rank(s.state)) {
      s.state = c.state;
      s.detail = c.detail;
    }
  }
  if (s.finding_count > kMaxFindingsPerScanner && s.state != ScannerState::failed) {
    s.state = ScannerState::failed;  // each batch within the limit, together past it
    s.detail = over_limit_detail(s.finding_count);
  }
  if (s.state == ScannerState::failed && !decision.installed && !decision.install_hint.empty()) {
    s.detail += " (install: " + decision.install_hint + ")";
  }
  return s;
}

std::string over_limit_detail(size_t total) {
  return "reported " + std::to_string(total) + " findings, more than the limit of " +
         std::to_string(kMaxFindingsPerScanner) + " per scanner: only the first " +
         std::to_string(kMaxFindingsPerScanner) +
         " are kept and reported, the rest only counted; fix or exclude what it flags";
}

}  // namespace lamina
