#include "exec/out_token.h"

#include <algorithm>

namespace lamina {

bool has_out_token(const std::vector<std::string>& argv) {
  return std::any_of(argv.begin(), argv.end(),
                     [](const std::string& a) { return a.find("{out}") != std::string::npos; });
}

std::vector<std::string> replace_out_token(std::vector<std::string> argv, const std::string& path) {
  for (std::string& arg : argv) {
    for (size_t at = arg.find("{out}"); at != std::string::npos; at = arg.find("{out}", at)) {
      arg.replace(at, 5, path);
      at += path.size();
    }
  }
  return argv;
}

}  // namespace lamina
