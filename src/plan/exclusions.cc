#include "plan/exclusions.h"

#include <sstream>

namespace lamina {

std::vector<ExclusionRule> vendored_folder_rules() {
  const char* why = "vendored or generated; default_excludes: false keeps it";
  std::vector<ExclusionRule> rules;
  for (const char* pattern : {"node_modules/", "bower_components/", "vendor/", "third_party/",
                              "third-party/", "Pods/", "*.min.js", "*.min.css"}) {
    rules.push_back({pattern, why});
  }
  return rules;
}

std::vector<ExclusionRule> gitattributes_rules(const std::string& text, const std::string& file) {
  std::vector<ExclusionRule> rules;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    std::istringstream words(line);
    std::string pattern;
    if (!(words >> pattern) || pattern[0] == '#') continue;
    std::string attribute;
    while (words >> attribute) {
      bool negative = attribute[0] == '-';
      std::string name = negative ? attribute.substr(1) : attribute;
      size_t eq = name.find('=');
      std::string value = eq == std::string::npos ? "" : name.substr(eq + 1);
      name = name.substr(0, eq);
      if (name != "linguist-generated" && name != "linguist-vendored") continue;
      bool excludes = !negative && (value.empty() || value == "true");
      bool includes = negative || value == "false";
      if (!excludes && !includes) continue;
      std::string why = file + ":" + std::to_string(number) + " " + attribute;
      rules.push_back({(includes ? "!" : "") + pattern, why});
    }
  }
  return rules;
}

}  // namespace lamina
