#include "catalog/scanner_spec.h"

#include <algorithm>

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

bool ScannerSpec::in_layer(Layer layer) const {
  return std::find(layers.begin(), layers.end(), layer) != layers.end();
}

std::vector<std::string> ScannerSpec::required_executables() const {
  if (!required_tools.empty()) return required_tools;
  if (command.empty()) return {};
  return {command.front()};
}

}  // namespace lamina
