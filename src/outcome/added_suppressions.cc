#include "outcome/added_suppressions.h"

#include <algorithm>
#include <cctype>

#include "util/text.h"

namespace lamina {
namespace {

struct Directive {
  const char* text;      // matched case-insensitively
  const char* silences;  // the scanners that honour it
  bool word = false;     // must not be part of a longer word ("nosec" in "nosecurity")
};

constexpr Directive kDirectives[] = {
    {"nosec", "bandit, gosec", true},
    {"eslint-disable", "eslint"},
    {"cppcheck-suppress", "cppcheck"},
    {"nosemgrep", "semgrep"},
    {"shellcheck disable", "shellcheck"},
    {"yamllint disable", "yamllint"},
    {"secretlint-disable", "secretlint"},
    {"gitleaks:allow", "gitleaks"},
    {"flawfinder: ignore", "flawfinder"},
    {"codespell:ignore", "codespell"},
    {"checkov:skip", "checkov"},
    {"trivy:ignore", "trivy"},
    {"hadolint ignore", "hadolint"},
    {"nolint", "clang-tidy, golangci-lint"},  // also NOLINTNEXTLINE, NOLINTBEGIN
};

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Where `needle` (lower case) occurs in `lower` (a line, lower-cased), as a word when asked; npos.
size_t find_directive(std::string_view lower, const Directive& d) {
  std::string_view needle = d.text;
  for (size_t at = lower.find(needle); at != std::string::npos; at = lower.find(needle, at + 1)) {
    if (!d.word) return at;
    bool before = at > 0 && word_char(lower[at - 1]);
    bool after = at + needle.size() < lower.size() && word_char(lower[at + needle.size()]);
    if (!before && !after) return at;
  }
  return std::string::npos;
}

bool added(const FileChange& file, uint32_t line) {
  for (const LineRange& r : file.added_lines) {
    if (line >= r.first && line <= r.last) return true;
  }
  return false;
}

Finding suppression_finding(const FileChange& file, uint32_t line, uint32_t column,
                            std::string message) {
  Finding f;
  f.tool = kSuppressionScannerId;
  f.rule_id = "inline-suppression";
  f.rule_name = "Inline suppression added by the change";
  f.severity = Severity::sev2;
  f.tool_level = "error";
  f.location.path = file.path;
  f.location.region.start_line = line;
  f.location.region.end_line = line;
  f.location.region.start_column = column;
  f.message = std::move(message);
  return f;
}

}  // namespace

std::vector<Finding> added_suppressions(const FileChange& file, std::string_view content) {
  std::vector<Finding> found;
  // A binary file has no line diff: every line of it counts as the change's.
  if (!file.scannable() || (!file.binary && file.added_lines.empty())) return found;
  uint32_t number = 0;
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);  // whole: no hiding past a cut
    start = end + 1;
    ++number;
    if (!file.binary && !added(file, number)) continue;
    std::string lower(line);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const Directive& d : kDirectives) {
      size_t at = find_directive(lower, d);
      if (at == std::string::npos) continue;
      found.push_back(suppression_finding(
          file, number, static_cast<uint32_t>(at + 1),
          "The change adds \"" + one_line(line.substr(at), 60) + "\", an inline suppression that " +
              d.silences +
              " would honour. The configuration comes from the base commit, so the change "
              "cannot silence a scanner: a reviewer accepts the exception in the base "
              "configuration or the baseline, or the code is fixed."));
      break;  // one finding per line
    }
  }
  return found;
}

Finding unchecked_for_suppressions(const FileChange& file, const std::string& why) {
  return suppression_finding(file, 1, 0,
                             "The change's file could not be checked for inline suppression "
                             "comments (" +
                                 why +
                                 "), so it may silence a scanner unseen: "
                                 "review it.");
}

}  // namespace lamina
