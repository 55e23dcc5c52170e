#pragma once
// The front half of every scanning command: options and environment -> CI context -> change set
// -> settings and catalog -> plan. `lamina plan` prints it; `lamina scan` runs it.
#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "ci/ci_context.h"
#include "cli/config_choice.h"
#include "cli/options.h"
#include "config/settings.h"
#include "git/change_set.h"
#include "git/staged_changes.h"
#include "plan/make_plan.h"
#include "plan/plan.h"
#include "util/env.h"

namespace lamina {

struct ChangePlan {
  std::string repo_root;  // absolute
  // Where the scanned files' contents are: scanners run there, findings' paths are relative to
  // it. repo_root, except under --staged: the temporary tree of the staged files (`staged`).
  std::string scan_root;
  std::shared_ptr<const git::StagedTree> staged;  // --staged: kept while the plan is
  Layer layer = Layer::inline_layer;
  CiContext context;
  ChangeSet changes;
  ConfigChoice config;  // where the settings' file came from
  Settings settings;
  Catalog catalog;
  PlanInputs inputs;  // what make_plan was given besides the above
  Plan plan;
};

// `scanner_configs`: the folder {configs} names (a ScannerConfigFolder), "" to keep the
// placeholder. Throws Error (exit 2) for a bad flag, configuration, payload or revision.
// `defer_lines`: the change set's line diff is left pending (ChangeSetOptions::defer_lines), for
// `lamina scan` to compute while its scanners run.
ChangePlan make_change_plan(const Options& options, const EnvMap& env,
                            const std::string& scanner_configs = "", bool defer_lines = false);

// Only what comes before reading git: layer, context and repo_root (where the report folder
// is, before anything can fail). Throws like make_change_plan.
ChangePlan locate_checkout(const Options& options, const EnvMap& env);

// The first half only: repo_root, layer, context and changes (what --config-from base needs to
// find the base commit). Throws like make_change_plan.
ChangePlan resolve_changes(const Options& options, const EnvMap& env, bool defer_lines = false);

}  // namespace lamina
