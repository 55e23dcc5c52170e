#pragma once
// The Plan: which scanners of a layer run, on which files, with which exact argv. Output of
// selection (src/plan/), input of the runner (src/exec/). Printed by `lamina plan`.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/coverage_gap.h"
#include "model/finding.h"
#include "model/layer.h"
#include "model/output_source.h"

namespace lamina {

// Why a file was given to a scanner (ripgrep's globset keeps the deciding rule the same way).
// Paths in a Plan are views of the ChangeSet it was made from, which must outlive the Plan, and
// a rule's text is shared by every file it decided: a catch-all scanner over 100,000 changed
// files then costs no copy of each path or rule (issue 3's selection budget), only the argv
// strings handed to the process.
struct FileMatch {
  std::string_view path;                    // repository-relative, a view of ChangeSet::files[i]
  std::shared_ptr<const std::string> rule;  // e.g. "glob **/*.sh", "shebang bash", "..., marker x"
};

// Where the catalog's template put "{out}": argument `arg` of an argv, at byte `at`. The runner
// writes the path of a fresh file in its private temp directory there, and nowhere else: a file
// name or a filled value that happens to contain "{out}" is passed as it is.
struct OutSlot {
  size_t arg = 0;
  size_t at = 0;
  bool operator==(const OutSlot&) const = default;
};

// One process to start. `argv` holds "{out}" (alone or inside an argument, e.g.
// "--output={out}") at each of `out_slots`; the runner reads the report from that file.
struct Invocation {
  std::string scanner_id;
  std::vector<std::string> argv;
  std::vector<OutSlot> out_slots;
  std::string cwd;                           // absolute working directory
  std::vector<std::string> env_passthrough;  // variable names the catalog entry allows through
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::chrono::milliseconds expected_duration{std::chrono::seconds(1)};  // for longest-first
  OutputSource output_from = OutputSource::stdout_stream;
  std::string format;                   // parser name (src/parse/)
  std::vector<int> ok_exit_codes;       // "ran fine, maybe with findings"; others are failures
  std::vector<std::string_view> files;  // repository-relative files it covers (ChangeSet views)
  std::optional<size_t> artifact;       // scope artifact: index of its --artifact
  std::map<std::string, Severity> severity;  // tool level or rule id -> severity (catalog)
};

struct ScannerDecision {
  std::string scanner_id;
  std::string name;
  bool selected = false;
  bool required = false;
  bool installed = false;
  std::string installed_path;  // resolved executable, "" when missing
  std::string reason;          // why it runs or why not ("no matching files", "disabled by ...")
  std::string install_hint;
  // Set when the scanner would run but must not: the change touches a path it loads code from
  // (unsafe_when_changed). It stays selected, with no invocation, and fails with this reason.
  std::string refused;
  std::vector<FileMatch> files;
  std::vector<Invocation> invocations;
};

// A changed path no scanner gets, and the rule that excluded it.
struct Exclusion {
  std::string path;
  std::string rule;  // e.g. "vendor/ (vendored folder, built-in default)"
};

struct Plan {
  Layer layer = Layer::inline_layer;
  std::string repo_root;                   // absolute
  std::vector<ScannerDecision> scanners;   // every scanner of the layer, selected or not
  std::vector<std::string> excluded;       // changed paths excluded by configuration, with why
  std::vector<Exclusion> exclusions;       // the same, as path and rule
  std::vector<std::string> notes;          // e.g. "2 deleted paths are never passed to scanners"
  std::vector<CoverageGap> coverage_gaps;  // checks no installed scanner made on changed files
};

}  // namespace lamina
