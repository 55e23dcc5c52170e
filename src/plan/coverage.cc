#include "plan/coverage.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

namespace lamina {
namespace {

std::string check_name(const std::string& report_kind) {
  static const std::map<std::string, std::string> names = {
      {"sast", "static analysis"},
      {"secret_detection", "secret detection"},
      {"dependency_scanning", "dependency check"},
      {"container_scanning", "container scan"},
  };
  auto it = names.find(report_kind);
  return it != names.end() ? it->second : "lint";
}

bool runs(const ScannerDecision& d) {
  return d.selected && d.installed && d.refused.empty();
}

}  // namespace

std::string CoverageGap::text() const {
  constexpr size_t kShown = 3;
  std::string shown;
  for (size_t i = 0; i < paths.size() && i < kShown; ++i) shown += (i ? ", " : "") + paths[i];
  if (paths.size() > kShown) shown += ", and " + std::to_string(paths.size() - kShown) + " more";
  std::string tools;
  for (size_t i = 0; i < scanners.size(); ++i) tools += (i ? ", " : "") + scanners[i];
  return "not covered: " + std::to_string(paths.size()) + " changed file" +
         (paths.size() == 1 ? "" : "s") + " (" + shown + ") had no " + check + ": " + tools +
         (scanners.size() == 1 ? " is" : " are") + " not installed";
}

std::vector<CoverageGap> coverage_gaps(const std::vector<const ScannerSpec*>& specs,
                                       const std::vector<ScannerDecision>& decisions) {
  // Usually every scanner that matched a file is installed: then nothing is indexed (a 10,000-file
  // change would otherwise hash every path once per kind of check).
  auto missing_one = [](const ScannerDecision& d) {
    return !d.installed && !d.required && !d.files.empty();
  };
  if (std::none_of(decisions.begin(), decisions.end(), missing_one)) return {};
  std::map<std::string, std::unordered_set<std::string_view>> covered;  // kind -> paths
  for (size_t i = 0; i < decisions.size() && i < specs.size(); ++i) {
    if (!runs(decisions[i])) continue;
    auto& paths = covered[specs[i]->report_kind];
    for (const FileMatch& m : decisions[i].files) paths.insert(m.path);
  }
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> missing;
  for (size_t i = 0; i < decisions.size() && i < specs.size(); ++i) {
    const ScannerDecision& d = decisions[i];
    if (!missing_one(d)) continue;
    const std::string& kind = specs[i]->report_kind;
    const auto& done = covered[kind];
    for (const FileMatch& m : d.files) {
      if (done.count(m.path)) continue;
      missing[kind].first.insert(std::string(m.path));
      missing[kind].second.insert(d.scanner_id);
    }
  }
  std::vector<CoverageGap> gaps;
  for (auto& [kind, gap] : missing) {
    gaps.push_back({check_name(kind),
                    {gap.first.begin(), gap.first.end()},
                    {gap.second.begin(), gap.second.end()}});
  }
  return gaps;
}

}  // namespace lamina
