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

// Value types shown in --help (CLI11 type names): what each option takes.
constexpr const char* kPath = "PATH";
constexpr const char* kRev = "REV";
constexpr const char* kDuration = "DURATION";
constexpr const char* kScanners = "SCANNER,...";

void add_config_from_flag(CLI::App& cmd, Options& o) {
  cmd.add_option("--config-from", o.config_from,
                 "Read .lamina.yml from the working tree or the change's base commit; auto = base "
                 "on pull_request_target (default worktree)")
      ->type_name("worktree|base|auto");
}

// `lamina config` and `lamina scanners` read the configuration like `scan` does, so they take
// the flags that choose it, including the base commit for --config-from base.
void add_config_flags(CLI::App& cmd, Options& o) {
  cmd.add_option("-C,--repo", o.repo_dir, "Repository (default .)")->type_name(kPath);
  cmd.add_option("--config", o.config_path, "Configuration file (default: .lamina.yml)")
      ->type_name(kPath);
  add_config_from_flag(cmd, o);
  cmd.add_option("--base", o.base, "Base revision, for --config-from base")->type_name(kRev);
  cmd.add_option("--head", o.head, "Head revision, for --config-from base")->type_name(kRev);
  cmd.add_flag("--json", o.json, "Print JSON");
}

// Flags of every command that reads a change set: where, which range, which configuration.
void add_change_flags(CLI::App& cmd, Options& o, bool range) {
  cmd.add_option("-C,--repo", o.repo_dir, "Repository to scan (default: CI workspace or .)")
      ->type_name(kPath);
  cmd.add_option("--layer", o.layer, "The layer (default inline)")
      ->type_name("inline|pre-deploy|post-deploy|continuous");
  if (range) {
    cmd.add_option("--base", o.base, "Base revision of the diff (overrides the CI context)")
        ->type_name(kRev);
    cmd.add_option("--head", o.head, "Head revision of the diff (overrides the CI context)")
        ->type_name(kRev);
    cmd.add_flag("--all", o.all, "Scan every tracked file, no diff");
  }
  cmd.add_flag("--no-fetch", o.no_fetch, "Never fetch missing commits in shallow clones");
  cmd.add_option("--config", o.config_path, "Configuration file (default: .lamina.yml)")
      ->type_name(kPath);
  add_config_from_flag(cmd, o);
}

// Flags of the commands that plan scanners (plan, scan): which ones, on what.
void add_scanner_flags(CLI::App& cmd, Options& o) {
  cmd.add_option("--only", o.only, "Run only these scanners of the layer, this run")
      ->type_name(kScanners);
  cmd.add_option("--skip", o.skip, "Leave these scanners out, this run")->type_name(kScanners);
  cmd.add_flag("--staged", o.staged,
               "Scan what the next commit holds: the index against HEAD, files as staged (not the "
               "working tree); scanners not installed are skipped unless --require names them");
  cmd.add_option("--require", o.require,
                 "These scanners must be installed (a missing one is a scanner failure)")
      ->type_name(kScanners);
  cmd.add_option("--timeout", o.timeout, "Per-scanner timeout, e.g. 30s, 5m (default 5m)")
      ->type_name(kDuration);
  cmd.add_option("--artifact", o.artifacts, "Artifact to scan (pre-deploy), repeatable")
      ->type_name(kPath);
  cmd.add_option("--target-url", o.target_url, "URL to scan (post-deploy)")->type_name("URL");
}

void add_filter_flag(CLI::App& cmd, Options& o) {
  cmd.add_option("--filter", o.filter,
                 "Which findings count: on added lines, in hunks, in changed files, all "
                 "(default added; all on a full scan)")
      ->type_name("added|context|file|all");
}

void add_gate_flags(CLI::App& cmd, Options& o) {
  add_filter_flag(cmd, o);
  cmd.add_flag("-v,--verbose", o.verbose,
               "List every skipped scanner and why (default: one summary line)");
  cmd.add_option("--fail-on", o.fail_on,
                 "Lowest severity that fails the gate (default, as the layer's GitHub action and "
                 "GitLab template: sev2; post-deploy sev1; continuous sev3)")
      ->type_name("sev1|sev2|sev3|never");
  cmd.add_option("--out", o.out_dir,
                 "Report folder (default: lamina-out/ in CI, <git dir>/lamina/out elsewhere)")
      ->type_name(kPath);
  cmd.add_option("--baseline", o.baseline, "SARIF of an earlier scan: its findings never gate")
      ->type_name(kPath);
  cmd.add_option("--publish", o.publish,
                 "Where to publish: annotations (default), check, review, comment, "
                 "code-scanning, tickets (GitHub); discussion, comment, status (GitLab); none")
      ->type_name("LIST");
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
  add_change_flags(*plan, o, true);
  add_scanner_flags(*plan, o);
  plan->add_flag("--json", o.json, "Print the plan as JSON instead of text");
  CLI::App* scan = app.add_subcommand("scan", "Run the layer's scanners and gate on severity");
  add_change_flags(*scan, o, true);
  add_scanner_flags(*scan, o);
  scan->add_option("--jobs", o.jobs, "Scanners run at once (default: online CPUs)")->type_name("N");
  add_gate_flags(*scan, o);
  scan->add_option("--budget", o.budget, "Wall-time budget for the whole layer, e.g. 10m")
      ->type_name(kDuration);
  scan->add_option("--timings", o.timings, "SARIF of an earlier run: scanner durations")
      ->type_name(kPath);
  scan->add_option("--shard", o.shard,
                   "Run shard I (1-based) of N of the plan's invocations, balanced by --timings, "
                   "for lamina merge (default: CI_NODE_INDEX/CI_NODE_TOTAL when set)")
      ->type_name("I/N");
  scan->add_option("--require-coverage", o.require_coverage,
                   "KIND,...: a changed file no installed scanner of these kinds looked at is a "
                   "scanner failure (secrets, dependencies, sast, iac, lint, ...)")
      ->type_name("KIND,...");
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
      ->type_name("CMD ARGS...")
      ->expected(1, -1);
  CLI::App* report = app.add_subcommand("report", "Filter, gate and report SARIF made elsewhere");
  add_change_flags(*report, o, true);
  add_gate_flags(*report, o);
  report->add_option("--input", o.inputs, "SARIF file to ingest, repeatable")
      ->type_name(kPath)
      ->required();
  CLI::App* merge = app.add_subcommand(
      "merge", "Join the report folders of lamina scan --shard I/N jobs into one scan's reports");
  add_change_flags(*merge, o, true);
  add_gate_flags(*merge, o);
  merge->add_option("dirs", o.inputs, "Report folders of the shards, one per shard")
      ->type_name(kPath)
      ->required();
  CLI::App* publish = app.add_subcommand(
      "publish",
      "In a workflow_run job: post what a fork's pull_request job could not (its report folder)");
  publish->add_option("--input", o.inputs, "The report folder the pull_request job uploaded")
      ->type_name(kPath)
      ->required()
      ->expected(1);
  publish
      ->add_option("--publish", o.publish,
                   "Targets (default: those the scan asked for): check, review, comment, "
                   "code-scanning")
      ->type_name("LIST");
  CLI::App* tickets = app.add_subcommand(
      "tickets", "File the findings of a SARIF as tickets (lamina report --all --publish tickets)");
  add_change_flags(*tickets, o, false);
  add_gate_flags(*tickets, o);
  tickets->add_option("--input", o.inputs, "SARIF file (e.g. a continuous scan's), repeatable")
      ->type_name(kPath)
      ->required();
  // Never parsed here except for --help: main() turns `lamina action` into a `lamina scan` argv
  // (cli/action_inputs.h).
  app.add_subcommand("action",
                     "GitHub Docker action entry: lamina scan with the options its INPUT_* "
                     "variables give")
      ->allow_extras()
      ->footer(
          "The action's inputs arrive as INPUT_<NAME> variables: layer, fail-on, filter, out, "
          "config, config-from, jobs, target-url, baseline (each --NAME VALUE when not empty), "
          "artifact (one --artifact per line) and args (more lamina scan options, split on "
          "blanks). Words after `lamina action` are appended: any option of `lamina scan` "
          "(lamina scan --help).");
  CLI::App* init = app.add_subcommand(
      "init", "Write a commented .lamina.yml for this repository, and its CI files");
  init->add_option("-C,--repo", o.repo_dir, "Repository (default .)")->type_name(kPath);
  init->add_option("--layers", o.init_layers, "Layers to set up CI for (default inline)")
      ->type_name("LAYER,...");
  init->add_flag("--github", o.init_github,
                 "Write .github/workflows/lamina-<layer>.yml (default: print them)");
  init->add_flag("--gitlab", o.init_gitlab, "Write .gitlab-ci.yml (default: print the include)");
  init->add_flag("--force", o.force, "Replace files that exist");
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
