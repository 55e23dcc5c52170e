#pragma once
// Changed files of one type that a kind of check did not reach (src/plan/coverage.h decides
// which): said on the console, in the summary and in SARIF, and a scanner failure when the
// configuration requires that kind (require_coverage).
#include <string>
#include <vector>

namespace lamina {

struct MissingScanner {
  std::string id;
  std::string install;  // the catalog's install hint
  bool operator==(const MissingScanner&) const = default;
};

struct CoverageGap {
  std::string kind;       // the kind of check, as the catalog names it: "sast", "dependencies", ...
  std::string check;      // the same in words: "static analysis", "dependency check", ...
  std::string file_type;  // ".go", "Dockerfile", "package-lock.json"; "" = no extension
  bool in_catalog = true;                // false: no catalog entry reads files of this type at all
  std::vector<std::string> paths;        // repository-relative, sorted, every one
  std::vector<MissingScanner> scanners;  // the scanners of the kind that match them, not installed

  // "12 changed .go files", "1 changed Dockerfile", "2 changed files without an extension",
  // "30 changed files" (any type).
  std::string files_text() const;
  // One line: the files (the first few named), the check they missed and why.
  std::string text() const;
  bool operator==(const CoverageGap&) const = default;
};

// Every path in `gaps`, each once.
size_t uncovered_file_count(const std::vector<CoverageGap>& gaps);

}  // namespace lamina
