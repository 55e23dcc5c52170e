#include "cli/scan_output.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "catalog/catalog.h"
#include "cli/workflow_hint.h"
#include "exec/progress.h"
#include "exec/scanner_env.h"
#include "git/tracked_path.h"
#include "outcome/diff_filter.h"
#include "outcome/gate.h"
#include "platform/publish_file.h"
#include "report/console.h"
#include "report/report_writer.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/markdown.h"
#include "util/spawn.h"
#include "util/text.h"
#include "util/workflow_command.h"

namespace lamina {

std::string default_fail_on(Layer layer) {
  switch (layer) {
    case Layer::post_deploy:
      return "sev1";  // a deployed service is rolled back only for the worst
    case Layer::continuous:
      return "sev3";  // nothing blocks; every finding is reported
    case Layer::inline_layer:
    case Layer::pre_deploy:
      break;
  }
  return "sev2";
}

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
  // Unset anywhere: the layer's default, as its GitHub action's and GitLab template's fail-on.
  std::string fail_on_value = p.settings.fail_on.value;
  if (p.settings.fail_on.level == SettingLevel::builtin_default)
    fail_on_value = default_fail_on(p.layer);
  auto fail_on = parse_fail_on(fail_on_value);
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

bool in_ci(const EnvMap& env) {
  std::string ci = env_or_empty(env, "CI");
  return env_or_empty(env, "GITHUB_ACTIONS") == "true" ||
         env_or_empty(env, "GITLAB_CI") == "true" || (!ci.empty() && ci != "false" && ci != "0");
}

std::string report_directory(const Options& options, const std::string& repo_root,
                             const EnvMap& env) {
  std::string out_dir = options.out_dir ? *options.out_dir
                        : in_ci(env)    ? std::string("lamina-out")
                                        : git::git_directory(repo_root) + "/lamina/out";
  if (!out_dir.empty() && out_dir.front() != '/') out_dir = repo_root + "/" + out_dir;
  std::string normal = std::filesystem::path(out_dir).lexically_normal().string();
  return normal.size() > 1 && normal.back() == '/' ? normal.substr(0, normal.size() - 1) : normal;
}

namespace {

// One line per publish target in the job summary, after the report it follows.
void append_publish_summary(const ReportTargets& targets, const PublishOutcome& o) {
  if (targets.step_summary_path.empty()) return;
  std::string line = std::string("- publish `") + to_string(o.target) +
                     "`: " + (o.ok ? "done" : "**failed**") + " — " +
                     markdown_inert(o.detail, 600) + "\n";
  try {
    append_to_file(targets.step_summary_path, line, "$GITHUB_STEP_SUMMARY");
  } catch (const Error& e) {
    std::cerr << "lamina: " << printable(e.what()) << "\n";
  }
}

// The folder itself, opened once. Inside the checkout every component below the repository root
// is opened without following symlinks (the change could commit `lamina-out` as a link to
// anywhere); outside it, the path comes from the workflow and only its last component must not
// be a symlink.
Folder open_folder(const std::string& dir, const std::string& repo_root, bool inside) {
  if (inside) {
    std::string relative = std::filesystem::path(dir).lexically_relative(repo_root).string();
    return Folder::open_beneath(Folder::open(repo_root), relative, true);
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(dir + ": " + ec.message());
  return Folder::open(dir);
}

std::vector<std::string> builtin_keep_names() {
  std::vector<std::string> names;
  for (const ScannerSpec& spec : builtin_catalog().scanners) {
    if (!spec.keep_output.empty()) names.push_back(spec.keep_output);
  }
  return names;
}

}  // namespace

Folder open_report_folder(const Options& options, const std::string& repo_root, const EnvMap& env) {
  std::string dir = report_directory(options, repo_root, env);
  std::string relative = std::filesystem::path(dir).lexically_relative(repo_root).string();
  bool inside = !relative.empty() && !relative.starts_with("..");
  std::string hint = workflow_hint(env, WorkflowFix::report_dir);
  Folder folder = [&] {
    try {
      Folder opened = open_folder(dir, repo_root, inside);
      if (::access(dir.c_str(), W_OK) != 0) throw Error(std::strerror(errno));
      return opened;
    } catch (const Error& e) {
      std::string reason = e.what();
      if (reason.starts_with(dir + ": ")) reason.erase(0, dir.size() + 2);  // named already
      throw Error("report directory " + in_quotes(dir) + ": cannot write there (" +
                  one_line(reason, 300) +
                  "); lamina writes its reports only into a real folder it can write, never "
                  "through a symlink: give a writable folder with --out DIR" +
                  hint);
    }
  }();
  // First, before anything else can fail: no report of an earlier run, and none the change
  // committed, may be taken for this run's.
  remove_stale_reports(folder, builtin_keep_names);
  if (inside && git::is_tracked(repo_root, dir)) {
    throw Error("report directory " + in_quotes(dir) +
                ": git tracks it (a change can commit reports or a symlink there); lamina writes "
                "only into a folder of its own: give --out a folder git does not track, e.g. "
                "--out ../lamina-out" +
                hint);
  }
  return folder;
}

int emit_scan_reports(const ScanResult& scan, const ChangePlan& p, const Folder& out,
                      const EnvMap& env, const PublishChoice& publishing, bool verbose) {
  bool github = p.context.provider == Provider::github;
  ReportTargets targets = report_targets_from(env, out.path(), p.repo_root, github);
  WrittenReports written = write_reports(scan, targets, out);
  bool color = use_color(env, ::isatty(1) == 1);
  // The annotations are the only commands: every other line, made of file names and messages,
  // is made inert for the runner.
  std::string summary = console_summary(scan, written.files, color, verbose);
  for (const std::string& note : written.notes) summary += "note: " + printable(note) + "\n";
  bool annotate = publishing.targets.count(PublishTarget::annotations) > 0;
  std::string text = log_text(github, console_findings(scan, color)) +
                     (annotate ? written.annotations : std::string()) + log_text(github, summary);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  bool publish_failed = false;
  PublishContext where = publish_context(p.context, env);
  where.sarif_path = out.path() + "/" + kSarifFile;
  where.tickets = p.settings.tickets;
  where.dry_run = publishing.dry_run;
  if (publishing.targets.count(PublishTarget::tickets)) {
    for (const char* name : {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}) {
      if (std::optional<std::string> text = read_file(p.repo_root + "/" + name)) {
        where.codeowners = std::move(*text);
        break;
      }
    }
  }
  // For a job with a write token (a fork's has none): `lamina publish --input <out>`.
  bool api_targets =
      publishing.targets.size() > publishing.targets.count(PublishTarget::annotations);
  if (github && api_targets && where.pr_number) {
    try {
      out.write_atomically(kPublishFile, publish_file_json(scan, publishing.targets, where));
    } catch (const Error& e) {
      std::cerr << log_text(github, std::string("lamina: ") + e.what() + "\n");
    }
  }
  std::string ticket_plan;
  for (const PublishOutcome& o : publish(scan, publishing.targets, where, env, &ticket_plan)) {
    publish_failed = publish_failed || !o.ok;
    std::string line = std::string("lamina: publish ") + to_string(o.target) + ": " +
                       (o.ok ? "" : "FAILED: ") + printable(o.detail) + " (" +
                       std::to_string(o.requests) + " requests)\n";
    std::cerr << log_text(github, line);
    append_publish_summary(targets, o);
  }
  if (!ticket_plan.empty()) {
    try {
      out.write_atomically(kTicketPlanFile, ticket_plan);
    } catch (const Error& e) {
      std::cerr << log_text(github, std::string("lamina: ") + e.what() + "\n");
    }
  }
  // A report the CI expects but cannot read makes the run's result unknown: exit 2, after
  // everything that could be written was.
  for (const std::string& error : written.errors) {
    std::cerr << log_text(github, "lamina: " + printable(error) + "\n");
  }
  if (!written.errors.empty()) return kExitUsage;
  if (publish_failed && publishing.required && scan.gate.exit_code == 0) {
    std::cerr << log_text(github,
                          "lamina: publishing failed and --publish-required is set: exit 3\n");
    return kExitScannerFailed;
  }
  return scan.gate.exit_code;
}

PublishChoice publish_choice(const Options& options, Provider provider) {
  PublishChoice choice;
  if (options.publish) choice.targets = parse_publish_list(*options.publish, provider);
  choice.required = options.publish_required;
  choice.dry_run = options.dry_run;
  return choice;
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
