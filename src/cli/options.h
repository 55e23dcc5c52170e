#pragma once
// The command line, parsed (CLI11) into a plain value. Settings that .lamina.yml and LAMINA_*
// variables can also give are optional here: unset means "not given on the command line".
#include <optional>
#include <string>
#include <vector>

#include "config/setting_flags.h"

namespace lamina {

// SettingFlags (src/config/setting_flags.h): --config, --jobs, --timeout, --budget, --fail-on,
// --filter, --fail-fast, which the settings layer over the file and the environment.
struct Options : SettingFlags {
  std::string command;  // "plan", "scan", "report", "config", "scanners"

  // Where and what to scan.
  std::string repo_dir;  // -C DIR; "" = the CI workspace or the current directory
  std::optional<std::string> layer;
  std::optional<std::string> only;  // --only SCANNER,...: run just these of the layer
  std::optional<std::string> skip;  // --skip SCANNER,...: leave these out for this run
  // --require SCANNER,...: a missing one is a scanner failure (with --staged, only these are)
  std::optional<std::string> require;
  bool staged = false;  // --staged: the index against HEAD, files as staged (pre-commit)
  std::optional<std::string> base;
  std::optional<std::string> head;
  bool all = false;
  bool no_fetch = false;                   // never fetch missing commits; fail with the fix instead
  std::optional<std::string> config_from;  // "worktree" | "base"

  // Inputs and outputs.
  bool json = false;
  bool markdown = false;  // lamina scanners --markdown: README's scanner table
  bool verbose = false;   // --verbose: every skipped scanner on the console, one line each
  std::optional<std::string> out_dir;
  std::optional<std::string> baseline;
  std::optional<std::string> publish;  // --publish LIST (see src/platform/publish.h)
  bool publish_required = false;
  bool dry_run = false;  // --dry-run: --publish tickets plans and changes nothing
  std::optional<std::string> timings;
  std::optional<std::string> shard;  // --shard I/N (1-based): run that share of the plan
  std::vector<std::string> artifacts;
  std::optional<std::string> target_url;
  std::vector<std::string> inputs;   // lamina report --input FILE.sarif; lamina merge DIR...
  std::vector<std::string> on_fail;  // --on-fail CMD ARGS...

  // lamina init.
  std::optional<std::string> init_layers;  // --layers LIST (default inline)
  bool init_github = false;                // --github: write the workflows
  bool init_gitlab = false;                // --gitlab: write .gitlab-ci.yml
  bool force = false;                      // --force: replace files that exist
};

// What parsing produced: options to run, or text to print and an exit code (help, version,
// usage errors).
struct CommandLine {
  Options options;
  std::optional<int> exit_now;
  std::string output;  // printed to stdout when exit_now is 0, else to stderr
};

CommandLine parse_command_line(int argc, const char* const* argv);

// "lamina 0.1.0 (commit abc123, libgit2 1.5.1)"
std::string version_text();

}  // namespace lamina
