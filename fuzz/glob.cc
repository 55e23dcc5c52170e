// The glob matcher: the first line is a pattern list separated by '\t', each later line a
// repository path. One glob and the compiled set must agree, and a pattern that is a plain path
// (no wildcard, escape, negation or slash at either end) must match that path.
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "util/glob.h"
#include "util/glob_set.h"

namespace {

bool plain_path(std::string_view pattern) {
  if (pattern.empty() || pattern.front() == '/' || pattern.back() == '/') return false;
  if (pattern.front() == '!' || pattern.front() == '#') return false;
  if (pattern.find_first_of("*?[\\") != std::string_view::npos) return false;
  // Empty, "." and ".." components are not what a repository path contains.
  return pattern.find("//") == std::string_view::npos && pattern != "." && pattern != ".." &&
         pattern.rfind("./", 0) != 0 && pattern.rfind("../", 0) != 0 &&
         pattern.find("/./") == std::string_view::npos &&
         pattern.find("/../") == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = lamina::fuzz::as_text(data, size);
  std::string_view patterns = lamina::fuzz::take_part(input, '\n');
  lamina::GlobSet set;
  std::vector<lamina::Glob> globs;
  while (!patterns.empty()) {
    std::string_view pattern = lamina::fuzz::take_part(patterns, '\t');
    lamina::Glob glob;
    std::string error;
    uint32_t id = 0;
    bool compiled = lamina::compile_glob(pattern, &glob, &error);
    FUZZ_CHECK(compiled == set.add(pattern, 0, &id, &error));
    if (!compiled) continue;
    if (plain_path(pattern)) {
      lamina::GlobSet alone;
      FUZZ_CHECK(alone.add(pattern, 0, &id, &error));
      std::vector<lamina::GlobHit> hits;
      alone.match(pattern, &hits);
      FUZZ_CHECK(hits.size() == 1);
    }
    globs.push_back(std::move(glob));
  }
  std::vector<lamina::GlobHit> hits;
  while (!input.empty()) {
    std::string_view path = lamina::fuzz::take_part(input, '\n');
    for (const lamina::Glob& glob : globs) {
      lamina::glob_matches_path(glob, path);
      lamina::glob_matches_name(glob, path.substr(path.rfind('/') + 1));
    }
    hits.clear();
    set.match(path, &hits);
    FUZZ_CHECK(hits.size() <= 1);
  }
  return 0;
}
