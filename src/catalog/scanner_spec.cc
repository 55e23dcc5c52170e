#include "catalog/scanner_spec.h"

#include <algorithm>
#include <map>

namespace lamina {
namespace {

constexpr Scope kScopes[] = {Scope::files, Scope::project, Scope::repo, Scope::artifact,
                             Scope::url};

}  // namespace

const char* to_string(Scope scope) {
  switch (scope) {
    case Scope::files:
      return "files";
    case Scope::project:
      return "project";
    case Scope::repo:
      return "repo";
    case Scope::artifact:
      return "artifact";
    case Scope::url:
      return "url";
  }
  return "files";
}

std::optional<Scope> parse_scope(std::string_view text) {
  for (Scope scope : kScopes) {
    if (text == to_string(scope)) return scope;
  }
  return std::nullopt;
}

const std::vector<std::string>& known_check_kinds() {
  static const std::vector<std::string> kinds = {
      "secrets", "dependencies", "sast", "iac", "lint", "container", "sbom", "malware", "dast"};
  return kinds;
}

std::string check_kind_title(std::string_view kind) {
  static const std::map<std::string_view, const char*> titles = {
      {"secrets", "secret detection"},
      {"dependencies", "dependency check"},
      {"sast", "static analysis"},
      {"iac", "infrastructure-as-code check"},
      {"lint", "lint"},
      {"container", "container scan"},
      {"sbom", "SBOM"},
      {"malware", "malware scan"},
      {"dast", "dynamic scan"},
  };
  auto it = titles.find(kind);
  return it != titles.end() ? it->second : std::string(kind);
}

std::string ScannerSpec::check_kind() const {
  if (!check.empty()) return check;
  static const std::map<std::string_view, const char*> by_report = {
      {"sast", "sast"},
      {"secret_detection", "secrets"},
      {"dependency_scanning", "dependencies"},
      {"container_scanning", "container"},
  };
  auto it = by_report.find(report_kind);
  return it != by_report.end() ? it->second : "lint";
}

bool ScannerSpec::in_layer(Layer layer) const {
  return std::find(layers.begin(), layers.end(), layer) != layers.end();
}

std::vector<std::string> ScannerSpec::required_executables() const {
  if (!required_tools.empty()) return required_tools;
  if (command.empty()) return {};
  return {command.front()};
}

}  // namespace lamina
