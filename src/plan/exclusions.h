#pragma once
// Changed paths that no scanner should get by default: vendored and generated code.
#include <string>
#include <vector>

namespace lamina {

struct ExclusionRule {
  std::string pattern;  // gitignore-style; "!" re-includes
  std::string why;      // shown in the plan next to each excluded path
};

// Common vendor folders and minified files (built-in defaults).
std::vector<ExclusionRule> vendored_folder_rules();

// linguist-generated / linguist-vendored from a .gitattributes text: set (or =true) excludes,
// unset ("-attr") or =false re-includes, as GitHub Linguist reads them.
std::vector<ExclusionRule> gitattributes_rules(const std::string& text, const std::string& file);

}  // namespace lamina
