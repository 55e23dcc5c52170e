// `lamina plan`: what would run on this change, and why; nothing is executed.
#include <cstdio>

#include "cli/change_plan.h"
#include "cli/commands.h"
#include "cli/stdout_text.h"
#include "plan/plan_output.h"
#include "report/plan_report.h"
#include "util/json_text.h"
#include "version.h"

namespace lamina {

int run_plan_command(const Options& options, const EnvMap& env) {
  ChangePlan p = make_change_plan(options, env);
  if (options.json) {
    // Streamed, keys sorted (the order of the DOM this replaced), in stdout's style: in a GitHub
    // log ASCII-only (no ignorable character), "##[" written "##\u005b"; strings are quoted, so
    // no line starts with "::".
    std::string buffer;
    JsonText json(buffer, stdout_json_style(env));
    json.stream_to([](std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); });
    json.begin_object();
    json.key("changes");
    write_changes(json, p.changes);
    json.key("context");
    write_context(json, p.context, p.changes);
    json.key("excluded");
    write_exclusions(json, p.plan);
    json.key("lamina_version").value(kVersion);
    json.key("layer").value(to_string(p.layer));
    json.key("notes");
    write_notes(json, p.plan);
    json.key("repo_root").value(p.repo_root);
    json.key("scanners");
    write_scanners(json, p.plan);
    json.end_object();
    buffer += '\n';
    json.flush();
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
  print_stdout_text(text, env);
  return 0;
}

}  // namespace lamina
