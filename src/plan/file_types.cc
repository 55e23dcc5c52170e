#include "plan/file_types.h"

#include <map>

namespace lamina {
namespace {

// Data, not rules: one row per type, the kind of check a change to such a file calls for.
const std::map<std::string_view, std::string_view>& kinds_by_type() {
  static const std::map<std::string_view, std::string_view> table = [] {
    std::map<std::string_view, std::string_view> t;
    for (std::string_view ext :
         {".c",   ".h",   ".cc",  ".cpp",    ".cxx",   ".c++",  ".hh",     ".hpp",   ".hxx",
          ".m",   ".mm",  ".go",  ".rs",     ".java",  ".kt",   ".kts",    ".scala", ".groovy",
          ".clj", ".cs",  ".fs",  ".vb",     ".swift", ".py",   ".pyw",    ".rb",    ".php",
          ".pl",  ".pm",  ".lua", ".js",     ".mjs",   ".cjs",  ".jsx",    ".ts",    ".tsx",
          ".mts", ".cts", ".vue", ".svelte", ".dart",  ".ex",   ".exs",    ".erl",   ".hs",
          ".ml",  ".r",   ".jl",  ".sh",     ".bash",  ".zsh",  ".ksh",    ".ps1",   ".psm1",
          ".bat", ".cmd", ".sql", ".jsp",    ".asp",   ".aspx", ".cshtml", ".erb",   ".ejs"}) {
      t[ext] = "sast";
    }
    for (std::string_view type : {".tf", ".tfvars", ".hcl", ".bicep", "Dockerfile", "Containerfile",
                                  ".dockerfile", "Vagrantfile", "Jenkinsfile"}) {
      t[type] = "iac";
    }
    for (std::string_view name : {"package.json",     "package-lock.json", "npm-shrinkwrap.json",
                                  "yarn.lock",        "pnpm-lock.yaml",    "requirements.txt",
                                  "Pipfile",          "Pipfile.lock",      "poetry.lock",
                                  "uv.lock",          "pyproject.toml",    "go.mod",
                                  "go.sum",           "Cargo.toml",        "Cargo.lock",
                                  "Gemfile",          "Gemfile.lock",      "composer.json",
                                  "composer.lock",    "pom.xml",           "build.gradle",
                                  "build.gradle.kts", "gradle.lockfile",   "packages.lock.json",
                                  ".csproj",          "mix.lock",          "pubspec.yaml",
                                  "pubspec.lock"}) {
      t[name] = "dependencies";
    }
    for (std::string_view type : {".yml", ".yaml", "Makefile"}) t[type] = "lint";
    return t;
  }();
  return table;
}

}  // namespace

std::string file_type_of(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto& table = kinds_by_type();
  if (!name.empty() && name.front() != '.' && table.count(name)) return std::string(name);
  for (std::string_view prefix : {"Dockerfile.", "Containerfile."}) {
    if (name.starts_with(prefix)) return std::string(prefix.substr(0, prefix.size() - 1));
  }
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  std::string ext(name.substr(dot));
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext;
}

std::string_view expected_check(std::string_view type) {
  const auto& table = kinds_by_type();
  auto it = table.find(type);
  return it != table.end() ? it->second : std::string_view();
}

}  // namespace lamina
