#include "cli/options.h"

#include <CLI/CLI.hpp>

#include "catalog/near_miss.h"
#include "cli/target_url.h"
#include "git/git_library.h"
#include "util/error.h"
#include "util/text.h"
#include "version.h"

namespace lamina {
namespace {

void add_config_from_flag(CLI::App& cmd, Options& o) {
  cmd.add_option("--config-from", o.config_from,
                 "worktree | base | auto: read .lamina.yml from the working tree or the change's "
                 "base commit; auto = base on pull_request_target (default worktree)");
}

// `lamina config` and `lamina scanners` read the configuration like `scan` does, so they take
// the flags that choose it, including the base commit for --config-from base.
void add_config_flags(CLI::App& cmd, Options& o) {
  cmd.add_option("-C,--repo", o.repo_dir, "Repository (default .)");
  cmd.add_option("--config", o.config_path, "Configuration file (default: .lamina.yml)");
  add_config_from_flag(cmd, o);
  cmd.add_option("--base", o.base, "Base revision, for --config-from base");
  cmd.add_option("--head", o.head, "Head revision, for --config-from base");
  cmd.add_flag("--json", o.json, "Print JSON");
}

// Flags shared by every command that selects a change set and a layer.
void add_selection_flags(CLI::App& cmd, Options& o) {
  cmd.add_option("-C,--repo", o.repo_dir, "Repository to scan (default: CI workspace or .)");
  cmd.add_option("--layer", o.layer,
                 "inline | pre-deploy | post-deploy | continuous (default inline)");
  cmd.add_option("--base", o.base, "Base revision of the diff (overrides the CI context)");
  cmd.add_option("--head", o.head, "Head revision of the diff (overrides the CI context)");
  cmd.add_flag("--all", o.all, "Scan every tracked file, no diff");
  cmd.add_option("--only", o.only, "SCANNER,...: run only these scanners of the layer, this run");
  cmd.add_option("--skip", o.skip, "SCANNER,...: leave these scanners out, this run");
  cmd.add_flag("--no-fetch", o.no_fetch, "Never fetch missing commits in shallow clones");
  cmd.add_option("--config", o.config_path, "Configuration file (default: .lamina.yml)");
  add_config_from_flag(cmd, o);
  cmd.add_option("--jobs", o.jobs, "Scanners run at once (default: online CPUs)");
  cmd.add_option("--timeout", o.timeout, "Per-scanner timeout, e.g. 30s, 5m");
  cmd.add_option("--filter", o.filter, "added | context | file | all");
  cmd.add_flag("--json", o.json, "Print JSON instead of text");
  cmd.add_option("--artifact", o.artifacts, "Artifact to scan (pre-deploy), repeatable");
  cmd.add_option("--target-url", o.target_url, "URL to scan (post-deploy)");
}

void add_gate_flags(CLI::App& cmd, Options& o) {
  cmd.add_option("--fail-on", o.fail_on, "sev1 | sev2 | sev3 | never (default sev1)");
  cmd.add_option("--out", o.out_dir, "Report directory (default lamina-out/)");
  cmd.add_option("--baseline", o.baseline, "SARIF of an earlier scan: its findings never gate");
  cmd.add_option("--publish", o.publish,
                 "Where to publish: annotations (default), check, review, comment, "
                 "code-scanning, tickets (GitHub); discussion, comment, status (GitLab); none");
  cmd.add_flag("--publish-required", o.publish_required,
               "A failed publish exits 3 (default: reported, the verdict unchanged)");
  cmd.add_flag("--dry-run", o.dry_run,
               "With --publish tickets: write tickets-plan.json, open, edit or close nothing");
}

// Everything after "--on-fail" is the rollback command's argv, dashes included ("kubectl rollout
// undo -n prod"), so it is cut off before CLI11 reads options from it. Returns the argc left.
int split_on_fail(int argc, const char* const* argv, std::vector<std::string>& on_fail) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") return argc;  // what follows is operands, not lamina's options
    if (arg == "--on-fail" || arg.rfind("--on-fail=", 0) == 0) {
      if (arg != "--on-fail")
        on_fail.emplace_back(arg.substr(std::string_view("--on-fail=").size()));
      int first = i + 1;
      if (on_fail.empty() && first < argc && std::string_view(argv[first]) == "--") ++first;
      for (int k = first; k < argc; ++k) on_fail.emplace_back(argv[k]);
      return i;
    }
  }
  return argc;
}

// " (did you mean --fail-on?)" for each argument CLI11 did not expect: an option is compared with
// the options of the command being parsed, a word with the command names, as configuration keys
// already are.
std::string near_misses(CLI::App& app) {
  std::vector<std::string> commands, flags;
  CLI::App* chosen = nullptr;
  for (CLI::App* sub : app.get_subcommands({})) {
    commands.push_back(sub->get_name());
    if (sub->parsed()) chosen = sub;
  }
  for (CLI::App* scope : {&app, chosen}) {
    if (!scope) continue;
    for (const CLI::Option* opt : scope->get_options({})) {
      for (const std::string& name : opt->get_lnames()) flags.push_back("--" + name);
    }
  }
  std::string hints;
  std::vector<std::string> rest = chosen ? chosen->remaining() : app.remaining();
  for (const std::string& word : rest) {
    std::string name = word.substr(0, word.find('='));
    bool flag = name.rfind("--", 0) == 0;
    if (!flag && (chosen || name.empty() || name[0] == '-')) continue;
    std::string guess = closest_match(name, flag ? flags : commands);
    if (!guess.empty()) hints += "\n  " + word + ": did you mean " + guess + "?";
  }
  return hints;
}

}  // namespace

std::string version_text() {
  return std::string("lamina ") + kVersion + " (commit " + kBuildCommit + ", libgit2 " +
         git::libgit2_version() + ")";
}

CommandLine parse_command_line(int argc, const char* const* argv) {
  CommandLine result;
  Options& o = result.options;
  CLI::App app{"lamina: layered security scanning for CI", "lamina"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "Print version, build commit and libgit2 version");

  CLI::App* plan = app.add_subcommand("plan", "Show which scanners run on this change, and why");
  add_selection_flags(*plan, o);
  CLI::App* scan = app.add_subcommand("scan", "Run the layer's scanners and gate on severity");
  add_selection_flags(*scan, o);
  add_gate_flags(*scan, o);
  scan->add_option("--budget", o.budget, "Wall-time budget for the whole layer, e.g. 10m");
  scan->add_option("--timings", o.timings, "SARIF of an earlier run: scanner durations");
  scan->add_option("--require-coverage", o.require_coverage,
                   "KIND,...: a changed file no installed scanner of these kinds looked at is a "
                   "scanner failure (secrets, dependencies, sast, iac, lint, ...)");
  // Callbacks, not a flag bound to the optional: CLI11 assigned that optional on every parse, so
  // "not given" read as --no-fail-fast and pre-deploy lost its fail-fast default.
  scan->add_flag_callback(
      "--fail-fast", [&o] { o.fail_fast = true; },
      "Stop the other scanners at the first gating finding (default for pre-deploy)");
  scan->add_flag_callback(
      "--no-fail-fast", [&o] { o.fail_fast = false; }, "Let every scanner finish");
  std::vector<std::string> on_fail_help;  // the real value is cut off by split_on_fail
  scan->add_option("--on-fail", on_fail_help,
                   "Last option: the command (argv, no shell) run when the scan fails; every "
                   "argument after it is the command's")
      ->expected(1, -1);
  CLI::App* report = app.add_subcommand("report", "Filter, gate and report SARIF made elsewhere");
  add_selection_flags(*report, o);
  add_gate_flags(*report, o);
  report->add_option("--input", o.inputs, "SARIF file to ingest, repeatable")->required();
  CLI::App* publish = app.add_subcommand(
      "publish",
      "In a workflow_run job: post what a fork's pull_request job could not (its report folder)");
  publish->add_option("--input", o.inputs, "The report folder the pull_request job uploaded")
      ->required()
      ->expected(1);
  publish->add_option("--publish", o.publish,
                      "Targets (default: those the scan asked for): check, review, comment, "
                      "code-scanning");
  CLI::App* tickets = app.add_subcommand(
      "tickets", "File the findings of a SARIF as tickets (lamina report --all --publish tickets)");
  add_selection_flags(*tickets, o);
  add_gate_flags(*tickets, o);
  tickets->add_option("--input", o.inputs, "SARIF file (e.g. a continuous scan's), repeatable")
      ->required();
  // Never parsed here: main() turns `lamina action` into a `lamina scan` argv
  // (cli/action_inputs.h).
  app.add_subcommand("action",
                     "GitHub Docker action entry: lamina scan with the options its INPUT_* "
                     "variables give")
      ->allow_extras();
  CLI::App* config = app.add_subcommand("config", "Show the effective settings and their origins");
  add_config_flags(*config, o);
  CLI::App* scanners = app.add_subcommand("scanners", "List the scanner catalog");
  add_config_flags(*scanners, o);
  scanners->add_flag("--markdown", o.markdown,
                     "Print the catalog as README's Markdown table (what each entry checks and "
                     "reads; nothing about this machine)");

  bool on_fail_given = false;
  try {
    int lamina_argc = split_on_fail(argc, argv, o.on_fail);
    on_fail_given = lamina_argc < argc;
    app.parse(lamina_argc, argv);
  } catch (const CLI::CallForHelp&) {
    result.exit_now = kExitPass;
    result.output = app.help();
    return result;
  } catch (const CLI::CallForAllHelp&) {
    result.exit_now = kExitPass;
    result.output = app.help("", CLI::AppFormatMode::All);
    return result;
  } catch (const CLI::ParseError& e) {
    result.exit_now = kExitUsage;
    result.output = std::string("lamina: ") + e.what() + near_misses(app) +
                    "\nRun 'lamina --help' for usage.\n";
    return result;
  }
  if (show_version) {
    result.exit_now = kExitPass;
    result.output = version_text() + "\n";
    return result;
  }
  for (CLI::App* sub : app.get_subcommands()) o.command = sub->get_name();
  if (o.command.empty()) {
    result.exit_now = kExitUsage;
    result.output = "lamina: no command given\n" + app.help();
  } else if (on_fail_given && (o.command != "scan" || o.on_fail.empty() || o.on_fail[0].empty())) {
    result.exit_now = kExitUsage;
    result.output = o.command != "scan"
                        ? "lamina: --on-fail is an option of lamina scan only\n"
                        : "lamina: --on-fail: no command given; write it last, e.g. --on-fail "
                          "./rollback.sh staging\n";
  } else if (std::optional<std::string> problem =
                 o.target_url ? target_url_problem(*o.target_url) : std::nullopt) {
    result.exit_now = kExitUsage;
    result.output = "lamina: --target-url " + in_quotes(*o.target_url) + ": " + *problem +
                    "; give the URL of the deployed service, e.g. --target-url "
                    "https://staging.example.com/\n";
  }
  return result;
}

}  // namespace lamina
