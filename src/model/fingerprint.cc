#include "model/fingerprint.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <tuple>
#include <unordered_map>

#include "util/file_io.h"

namespace lamina {
namespace {

// FNV-1a, 64-bit: stable across platforms and releases, which is all a fingerprint needs.
uint64_t fnv1a(std::string_view bytes, uint64_t hash = 0xcbf29ce484222325ull) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string without_whitespace(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (!std::isspace(c)) out += static_cast<char>(c);
  }
  return out;
}

std::string hex64(uint64_t v) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kHex[v & 0xF];
  return out;
}

// Where a DAST finding is on the service, independent of the host it was deployed to (each pull
// request may get its own preview URL): the URL's path and query, without scheme, authority or
// fragment. "https://pr-7.staging.example.com/search?q=1#x" -> "/search?q=1".
std::string url_location(std::string_view url) {
  size_t start = 0;
  if (size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    start = url.find_first_of("/?#", scheme + 3);
    if (start == std::string_view::npos) return "/";
  }
  std::string_view rest = url.substr(start);
  rest = rest.substr(0, rest.find('#'));
  if (rest.empty() || rest.front() != '/') return "/" + std::string(rest);
  return std::string(rest);
}

}  // namespace

LineSource files_under(const std::string& repo_root) {
  auto cache = std::make_shared<std::unordered_map<std::string, std::vector<std::string>>>();
  return [repo_root, cache](const std::string& path, uint32_t line) -> std::optional<std::string> {
    auto it = cache->find(path);
    if (it == cache->end()) {
      std::vector<std::string> lines;
      if (auto data = read_file(repo_root + "/" + path)) {
        size_t start = 0;
        while (start <= data->size()) {
          size_t end = data->find('\n', start);
          if (end == std::string::npos) end = data->size();
          std::string text = data->substr(start, end - start);
          if (!text.empty() && text.back() == '\r') text.pop_back();
          lines.push_back(std::move(text));
          start = end + 1;
        }
      }
      it = cache->emplace(path, std::move(lines)).first;
    }
    if (line == 0 || line > it->second.size()) return std::nullopt;
    return it->second[line - 1];
  };
}

void assign_fingerprints(std::vector<Finding>& findings, const LineSource& lines) {
  // Occurrences are counted in file order, whatever order the tools reported them in.
  std::vector<size_t> order(findings.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Finding& x = findings[a];
    const Finding& y = findings[b];
    return std::tie(x.location.path, x.location.region.start_line, x.location.region.start_column,
                    x.url) < std::tie(y.location.path, y.location.region.start_line,
                                      y.location.region.start_column, y.url);
  });
  std::map<std::tuple<std::string, std::string, std::string, std::string>, size_t> seen;
  for (size_t index : order) {
    Finding& f = findings[index];
    std::optional<std::string> text;
    // Findings in an artifact have no repository path; where they are in the artifact counts, and
    // for a finding on the deployed service, where it is on the service.
    const std::string where = !f.location.path.empty()       ? f.location.path
                              : !f.artifact_path.empty()     ? f.artifact_path
                              : !f.unmapped_location.empty() ? f.unmapped_location
                                                             : url_location(f.url);
    if (!f.location.path.empty() && f.location.region.start_line > 0) {
      text = lines(f.location.path, f.location.region.start_line);
    }
    std::string normalised = without_whitespace(text ? *text : f.message);
    size_t occurrence = seen[{f.tool, f.rule_id, where, normalised}]++;
    uint64_t h = fnv1a(f.tool);
    for (std::string_view part :
         {std::string_view(f.rule_id), std::string_view(where), std::string_view(normalised)}) {
      h = fnv1a("\x1f", h);
      h = fnv1a(part, h);
    }
    f.fingerprints[kFingerprintKey] = hex64(h) + ":" + std::to_string(occurrence);
  }
}

size_t mark_baseline(std::vector<Finding>& findings, const std::set<std::string>& baseline) {
  std::set<std::string> matched;
  for (Finding& f : findings) {
    auto it = f.fingerprints.find(kFingerprintKey);
    if (it != f.fingerprints.end() && baseline.count(it->second)) {
      f.in_baseline = true;
      matched.insert(it->second);
    }
  }
  return baseline.size() - matched.size();
}

}  // namespace lamina
