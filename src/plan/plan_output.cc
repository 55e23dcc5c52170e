#include "plan/plan_output.h"

#include "util/duration.h"

namespace lamina {
namespace {

nlohmann::json invocation_details(const Invocation& invocation) {
  return {{"cwd", invocation.cwd},
          {"files", invocation.files},
          {"timeout_ms", invocation.timeout.count()},
          {"format", invocation.format},
          {"output_from", invocation.output_from == OutputSource::out_file ? "out" : "stdout"},
          {"ok_exit_codes", invocation.ok_exit_codes},
          {"env_passthrough", invocation.env_passthrough}};
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

nlohmann::json scanners_to_json(const Plan& plan) {
  nlohmann::json scanners = nlohmann::json::array();
  for (const ScannerDecision& d : plan.scanners) {
    nlohmann::json files = nlohmann::json::array();
    for (const FileMatch& match : d.files)
      files.push_back({{"path", match.path}, {"rule", *match.rule}});
    nlohmann::json argvs = nlohmann::json::array();
    nlohmann::json details = nlohmann::json::array();
    for (const Invocation& invocation : d.invocations) {
      argvs.push_back(invocation.argv);
      details.push_back(invocation_details(invocation));
    }
    scanners.push_back({{"id", d.scanner_id},
                        {"name", d.name},
                        {"selected", d.selected},
                        {"required", d.required},
                        {"installed", d.installed},
                        {"installed_path", d.installed_path},
                        {"reason", d.reason},
                        {"install_hint", d.install_hint},
                        {"files", files},
                        {"invocations", argvs},
                        {"invocation_details", details}});
  }
  return scanners;
}

nlohmann::json plan_to_json(const Plan& plan) {
  nlohmann::json excluded = nlohmann::json::array();
  for (const Exclusion& e : plan.exclusions)
    excluded.push_back({{"path", e.path}, {"rule", e.rule}});
  nlohmann::json gaps = nlohmann::json::array();
  for (const CoverageGap& g : plan.coverage_gaps) {
    nlohmann::json missing = nlohmann::json::array();
    for (const MissingScanner& s : g.scanners)
      missing.push_back({{"id", s.id}, {"install", s.install}});
    gaps.push_back({{"kind", g.kind},
                    {"check", g.check},
                    {"file_type", g.file_type},
                    {"in_catalog", g.in_catalog},
                    {"paths", g.paths},
                    {"scanners", missing}});
  }
  return {{"layer", to_string(plan.layer)},
          {"repo_root", plan.repo_root},
          {"scanners", scanners_to_json(plan)},
          {"excluded", excluded},
          {"not_covered", gaps},
          {"notes", plan.notes}};
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
