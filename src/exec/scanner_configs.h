#pragma once
// lamina's own configuration files for the built-in scanners (catalog/configs/, compiled into the
// binary). A scan writes them to a private folder that `{configs}` in a catalog argv names, so a
// scanner's rules, plugins, formatter and ignore list come from lamina, never from the checkout.
#include <string>
#include <vector>

namespace lamina {

// The names of the embedded scanner configuration files ("eslint.config.mjs", ...).
std::vector<std::string> scanner_config_names();

class ScannerConfigFolder {
 public:
  // Creates <temp_root>/lamina-configs-XXXXXX (mode 0700) and writes every scanner configuration
  // file into it, read-only. Throws Error naming the folder when it cannot.
  explicit ScannerConfigFolder(const std::string& temp_root);
  // Removes the folder.
  ~ScannerConfigFolder();
  ScannerConfigFolder(const ScannerConfigFolder&) = delete;
  ScannerConfigFolder& operator=(const ScannerConfigFolder&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace lamina
