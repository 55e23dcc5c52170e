#include "plan/plan_output.h"

#include <functional>

#include "util/duration.h"

namespace lamina {
namespace {

template <typename Strings>
void write_strings(JsonText& json, const Strings& strings) {
  json.begin_array();
  for (std::string_view s : strings) json.value(s);
  json.end_array();
}

// Keys sorted, as the DOM this replaced wrote them.
void write_invocation_details(JsonText& json, const Invocation& invocation) {
  json.begin_object();
  json.key("cwd").value(invocation.cwd);
  json.key("env_passthrough");
  write_strings(json, invocation.env_passthrough);
  json.key("files");
  write_strings(json, invocation.files);
  json.key("format").value(invocation.format);
  json.key("ok_exit_codes").begin_array();
  for (int code : invocation.ok_exit_codes) json.value(code);
  json.end_array();
  json.key("output_from")
      .value(invocation.output_from == OutputSource::out_file ? "out" : "stdout");
  json.key("timeout_ms").value(invocation.timeout.count());
  json.end_object();
}

nlohmann::json parsed(const std::function<void(JsonText&)>& write) {
  std::string text;
  JsonText json(text);
  write(json);
  return nlohmann::json::parse(text);
}

// Quotes an argument only when a reader could misread it.
std::string shown_argument(const std::string& arg) {
  bool plain =
      !arg.empty() && arg.find_first_of(" \t\n'\"\\$`;&|<>(){}[]*?!#~") == std::string::npos;
  if (plain) return arg;
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

void write_scanners(JsonText& json, const Plan& plan) {
  json.begin_array();
  for (const ScannerDecision& d : plan.scanners) {
    json.begin_object();
    json.key("files").begin_array();
    for (const FileMatch& match : d.files)
      json.begin_object().key("path").value(match.path).key("rule").value(*match.rule).end_object();
    json.end_array();
    json.key("id").value(d.scanner_id);
    json.key("install_hint").value(d.install_hint);
    json.key("installed").value(d.installed);
    json.key("installed_path").value(d.installed_path);
    json.key("invocation_details").begin_array();
    for (const Invocation& invocation : d.invocations) write_invocation_details(json, invocation);
    json.end_array();
    json.key("invocations").begin_array();
    for (const Invocation& invocation : d.invocations) write_strings(json, invocation.argv);
    json.end_array();
    json.key("name").value(d.name);
    json.key("reason").value(d.reason);
    json.key("required").value(d.required);
    json.key("selected").value(d.selected);
    json.end_object();
  }
  json.end_array();
}

void write_exclusions(JsonText& json, const Plan& plan) {
  json.begin_array();
  for (const Exclusion& e : plan.exclusions)
    json.begin_object().key("path").value(e.path).key("rule").value(e.rule).end_object();
  json.end_array();
}

void write_notes(JsonText& json, const Plan& plan) {
  write_strings(json, plan.notes);
}

void write_plan(JsonText& json, const Plan& plan) {
  json.begin_object();
  json.key("excluded");
  write_exclusions(json, plan);
  json.key("layer").value(to_string(plan.layer));
  json.key("not_covered").begin_array();
  for (const CoverageGap& g : plan.coverage_gaps) {
    json.begin_object();
    json.key("check").value(g.check);
    json.key("file_type").value(g.file_type);
    json.key("in_catalog").value(g.in_catalog);
    json.key("kind").value(g.kind);
    json.key("paths");
    write_strings(json, g.paths);
    json.key("scanners").begin_array();
    for (const MissingScanner& s : g.scanners)
      json.begin_object().key("id").value(s.id).key("install").value(s.install).end_object();
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.key("notes");
  write_notes(json, plan);
  json.key("repo_root").value(plan.repo_root);
  json.key("scanners");
  write_scanners(json, plan);
  json.end_object();
}

nlohmann::json scanners_to_json(const Plan& plan) {
  return parsed([&](JsonText& json) { write_scanners(json, plan); });
}

nlohmann::json plan_to_json(const Plan& plan) {
  return parsed([&](JsonText& json) { write_plan(json, plan); });
}

std::string plan_scanners_text(const Plan& plan) {
  std::string out = "layer " + std::string(to_string(plan.layer)) + " in " + plan.repo_root + "\n";
  for (const ScannerDecision& d : plan.scanners) {
    out +=
        "\n" + std::string(d.selected ? "runs " : "skips ") + d.scanner_id + ": " + d.reason + "\n";
    if (!d.selected) continue;
    if (d.installed) out += "  tool " + d.installed_path + "\n";
    for (const FileMatch& match : d.files)
      out.append("  ").append(match.path).append("  (").append(*match.rule).append(")\n");
    for (const Invocation& invocation : d.invocations) {
      out += "  $";
      for (const std::string& arg : invocation.argv) out += " " + shown_argument(arg);
      out += "\n    in " + invocation.cwd + ", timeout " + duration_text(invocation.timeout) + "\n";
    }
  }
  if (!plan.exclusions.empty()) {
    out += "\nexcluded from every scanner:\n";
    for (const Exclusion& e : plan.exclusions) out += "  " + e.path + "  (" + e.rule + ")\n";
  }
  for (const CoverageGap& gap : plan.coverage_gaps) out += "\n" + gap.text() + "\n";
  for (const std::string& note : plan.notes) out += "\nnote: " + note + "\n";
  return out;
}

}  // namespace lamina
