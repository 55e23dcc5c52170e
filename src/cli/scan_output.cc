#include "cli/scan_output.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/workflow_hint.h"
#include "exec/progress.h"
#include "exec/scanner_env.h"
#include "exec/spawn.h"
#include "findings/diff_filter.h"
#include "findings/gate.h"
#include "report/console.h"
#include "report/report_writer.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {

ScanResult new_scan_result(const ChangePlan& p, const EnvMap& env) {
  ScanResult scan;
  scan.layer = p.layer;
  scan.context = p.context;
  scan.changes = p.changes;
  const Setting<std::string>& filter = p.settings.filter;
  bool full = p.changes.full_scan;
  std::string mode = filter.level == SettingLevel::builtin_default && full ? "all" : filter.value;
  auto parsed_filter = parse_filter_mode(mode);
  if (!parsed_filter) throw Error(filter.origin + ": unknown filter " + in_quotes(mode));
  scan.filter = *parsed_filter;
  auto fail_on = parse_fail_on(p.settings.fail_on.value);
  if (!fail_on)
    throw Error(p.settings.fail_on.origin + ": unknown fail_on " +
                in_quotes(p.settings.fail_on.value));
  scan.fail_on = *fail_on;
  std::string server = env_or_empty(env, "GITHUB_SERVER_URL");
  std::string repo = env_or_empty(env, "GITHUB_REPOSITORY");
  if (p.context.provider == Provider::github && !server.empty() && !repo.empty() &&
      !scan.changes.head.empty()) {
    scan.head_url_prefix = server + "/" + repo + "/blob/" + scan.changes.head + "/";
  }
  return scan;
}

std::string report_directory(const Options& options, const ChangePlan& p) {
  std::string out_dir = options.out_dir.value_or("lamina-out");
  if (!out_dir.empty() && out_dir.front() != '/') out_dir = p.repo_root + "/" + out_dir;
  return out_dir;
}

void prepare_report_directory(const std::string& dir, const EnvMap& env) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string reason = ec ? ec.message() : "";
  if (!ec && ::access(dir.c_str(), W_OK) != 0) reason = std::strerror(errno);
  if (reason.empty()) return;
  throw Error("report directory " + in_quotes(dir) + ": cannot write there (" + reason +
              "); lamina only reads the workspace, so give a writable folder with --out DIR" +
              workflow_hint(env, WorkflowFix::report_dir));
}

int emit_scan_reports(const ScanResult& scan, const ChangePlan& p, const Options& options,
                      const EnvMap& env) {
  bool github = p.context.provider == Provider::github;
  std::string out_dir = report_directory(options, p);
  ReportTargets targets = report_targets_from(env, out_dir, p.repo_root, github);
  WrittenReports written = write_reports(scan, targets);
  bool color = use_color(env, ::isatty(1) == 1);
  std::string text = console_findings(scan, color) + written.annotations;
  text += console_summary(scan, written.files, color);
  for (const std::string& note : written.notes) text += "note: " + printable(note) + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  // A report the CI expects but cannot read makes the run's result unknown: exit 2, after
  // everything that could be written was.
  for (const std::string& error : written.errors) {
    std::cerr << "lamina: " << printable(error) << "\n";
  }
  if (!written.errors.empty()) return kExitUsage;
  return scan.gate.exit_code;
}

void run_on_fail(const std::vector<std::string>& argv, const ScanResult& scan, int exit_code,
                 const EnvMap& env) {
  SpawnSpec spec;
  spec.argv = argv;
  // The rollback command is the user's own, trusted like the workflow that names it: it gets
  // lamina's environment plus the gate result.
  for (const auto& [name, value] : env) spec.env.push_back(name + "=" + value);
  spec.env.push_back(std::string("LAMINA_GATE=") + (scan.gate.passed ? "pass" : "fail"));
  spec.env.push_back("LAMINA_EXIT_CODE=" + std::to_string(exit_code));
  spec.env.push_back(std::string("LAMINA_LAYER=") + to_string(scan.layer));
  for (int i = 0; i < 3; ++i) {
    spec.env.push_back("LAMINA_SEV" + std::to_string(i + 1) + "=" +
                       std::to_string(scan.gate.by_severity[i]));
  }
  spec.env.push_back("LAMINA_FAILED_SCANNERS=" + std::to_string(scan.gate.failed_scanners));
  std::cerr << "lamina: exit code " << exit_code << ", running --on-fail " << in_quotes(argv[0])
            << "\n";
  CompletedProcess done = run_process(spec, std::chrono::minutes(30));
  std::fwrite(done.out.data(), 1, done.out.size(), stdout);
  std::fflush(stdout);
  std::fwrite(done.err.data(), 1, done.err.size(), stderr);
  std::string keeps = "; lamina's exit code stays " + std::to_string(exit_code) + "\n";
  if (!done.started) {
    std::cerr << "lamina: --on-fail " << in_quotes(argv[0])
              << " could not start: " << one_line(done.spawn_error, 300) << keeps;
  } else if (done.timed_out) {
    std::cerr << "lamina: --on-fail " << in_quotes(argv[0]) << " was stopped after 30 minutes"
              << keeps;
  } else if (done.term_signal != 0) {
    std::cerr << "lamina: --on-fail " << in_quotes(argv[0]) << " was killed by signal "
              << done.term_signal << keeps;
  } else if (done.exit_code != 0) {
    std::cerr << "lamina: --on-fail " << in_quotes(argv[0]) << " exited with " << done.exit_code
              << keeps;
  }
}

}  // namespace lamina
