#include "model/coverage_gap.h"

#include <set>
#include <string_view>

namespace lamina {

std::string CoverageGap::files_text() const {
  size_t n = paths.size();
  std::string count = std::to_string(n) + " changed ";
  if (file_type == "*") return count + (n == 1 ? "file" : "files");
  if (file_type.empty()) return count + (n == 1 ? "file" : "files") + " without an extension";
  if (file_type.front() == '.') return count + file_type + (n == 1 ? " file" : " files");
  return n == 1 ? count + file_type : count + "files named " + file_type;
}

std::string CoverageGap::text() const {
  constexpr size_t kShown = 3;
  std::string shown;
  for (size_t i = 0; i < paths.size() && i < kShown; ++i) shown += (i ? ", " : "") + paths[i];
  if (paths.size() > kShown) shown += ", and " + std::to_string(paths.size() - kShown) + " more";
  std::string head = "not covered: " + files_text() + " (" + shown + ") had no " + check + ": ";
  if (!in_catalog) {
    return head +
           "no scanner in the catalog reads them (add one under scanners: in .lamina.yml, "
           "or exclude them)";
  }
  std::string tools;
  for (const MissingScanner& s : scanners) {
    tools += (tools.empty() ? "" : "; ") + s.id + " (install: " + s.install + ")";
  }
  return head + "no scanner installed: " + tools;
}

size_t uncovered_file_count(const std::vector<CoverageGap>& gaps) {
  std::set<std::string_view> paths;
  for (const CoverageGap& gap : gaps) paths.insert(gap.paths.begin(), gap.paths.end());
  return paths.size();
}

}  // namespace lamina
