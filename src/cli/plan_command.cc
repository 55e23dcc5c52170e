// `lamina plan`: what would run on this change, and why; nothing is executed.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/change_plan.h"
#include "cli/commands.h"
#include "plan/plan_output.h"
#include "report/plan_report.h"
#include "util/workflow_command.h"
#include "version.h"

namespace lamina {

int run_plan_command(const Options& options, const EnvMap& env) {
  ChangePlan p = make_change_plan(options, env);
  if (options.json) {
    nlohmann::json out;
    out["lamina_version"] = kVersion;
    out["layer"] = to_string(p.layer);
    out["repo_root"] = p.repo_root;
    out["context"] = context_to_json(p.context, p.changes);
    out["changes"] = changes_to_json(p.changes);
    nlohmann::json plan = plan_to_json(p.plan);
    out["scanners"] = std::move(plan["scanners"]);
    out["excluded"] = std::move(plan["excluded"]);
    out["notes"] = std::move(plan["notes"]);
    // In a GitHub log, file names must not read as workflow commands: ASCII-only JSON holds no
    // ignorable character, no line starts with "::" (strings are quoted) and "##[" can only be
    // inside a string, where "##\u005b" is the same text.
    bool github = env_or_empty(env, "GITHUB_ACTIONS") == "true";
    std::string text = out.dump(2, ' ', github, nlohmann::json::error_handler_t::replace) + "\n";
    for (size_t at = 0; github && (at = text.find("##[", at)) != std::string::npos; at += 8) {
      text.replace(at + 2, 1, "\\u005b");
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::string text = "lamina " + std::string(kVersion) + ", " + to_string(p.layer) + " layer\n" +
                     "context: " + to_string(p.context.provider) + ", " + p.context.reason + "\n";
  if (p.changes.full_scan) {
    text += "range: full scan, " + std::to_string(p.changes.files.size()) + " tracked file(s)\n";
  } else {
    text += "range: " +
            (p.changes.base.empty() ? std::string("(none)") : p.changes.base.substr(0, 12)) + ".." +
            (p.changes.head.empty() ? std::string("(unborn)") : p.changes.head.substr(0, 12)) +
            (p.changes.includes_worktree ? " + working tree" : "") + ", " +
            std::to_string(p.changes.files.size()) + " changed file(s)\n";
  }
  for (const std::string& note : p.changes.notes) text += "note: " + note + "\n";
  if (!p.changes.full_scan) text += changes_text(p.changes);
  text += "\n" + plan_scanners_text(p.plan);
  text = log_text(env_or_empty(env, "GITHUB_ACTIONS") == "true", text);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace lamina
