#pragma once
// Selection: which scanners of a layer run on a change, on which files, with which argv.
#include <chrono>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "config/settings.h"
#include "git/change_set.h"
#include "model/layer.h"
#include "plan/plan.h"

namespace lamina {

// What a plan needs beyond the change set.
struct PlanInputs {
  std::vector<std::string> artifacts;  // pre-deploy: --artifact, for scope artifact
  // What {artifact} becomes for each artifact (the unpacked folder); the artifact itself when
  // empty, as in `lamina plan`, which unpacks nothing.
  std::vector<std::string> artifact_arguments;
  std::vector<std::string> artifact_descriptions;  // per artifact, e.g. "docker save tarball..."
  std::string target_url;                          // post-deploy: --target-url, for scope url
  // What {configs} becomes: the folder of lamina's scanner configuration files
  // (ScannerConfigFolder); kept as "{configs}" when empty, as in `lamina plan`.
  std::string scanner_configs;
  // The checkout whose git history .gitattributes is read from, when `repo_root` is a copy of
  // its files (lamina scan --staged); "" = repo_root.
  std::string git_root;
  // Where a program is installed: its name to an absolute path, "" when it is not (the caller
  // looks in PATH, e.g. with util/spawn.h's ExecutableLookup; planning probes nothing). Unset:
  // nothing is installed.
  std::function<std::string(const std::string& name)> find_executable;
  size_t arg_space = 0;  // bytes an argv may take; 0 = system_argument_space()
  // Threads deciding scanners on a large change (the result does not depend on it); 0 = up to
  // 4, one per CPU.
  size_t max_threads = 0;
  // Where "N changed binary files not secret-scanned" is also said as the plan is made (a scan's
  // console); nullptr: in the plan's notes only.
  std::ostream* console = &std::cerr;
  // Planning must end by then, or lamina exits 3 naming the stage (see StageDeadline); 0 = none.
  std::chrono::milliseconds deadline = std::chrono::minutes(5);
};

// Decides every scanner of `layer` in `catalog` (use effective_catalog() for the configured
// one). `repo_root` is absolute; shebang lines and project root markers are read from the working
// tree there, .gitattributes from the base commit. Throws Error for a malformed glob.
Plan make_plan(const Catalog& catalog, const Settings& settings, const ChangeSet& changes,
               Layer layer, const std::string& repo_root, const PlanInputs& extra);

}  // namespace lamina
