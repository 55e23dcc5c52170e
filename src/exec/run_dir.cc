#include "exec/run_dir.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "util/error.h"
#include "util/file_io.h"

namespace lamina {

RunDirectory::RunDirectory(const std::string& root) {
  path_ = make_private_directory(root, "lamina-run-", "a run directory");
  if (::mkdir(tmp().c_str(), 0700) != 0) {
    std::string reason = std::strerror(errno);
    std::filesystem::remove(path_);
    throw Error("temporary directory " + path_ + ": cannot create tmp/ (" + reason + ")");
  }
}

RunDirectory::~RunDirectory() {
  // Scanners may leave read-only trees behind; what cannot be removed stays, harmlessly.
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string RunDirectory::file_for(size_t index, const std::string& label,
                                   const std::string& suffix) const {
  std::string safe;
  for (char c : label) {
    bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    safe += plain ? c : '_';
  }
  return path_ + "/" + std::to_string(index) + "-" + safe + suffix;
}

std::string default_temp_root(const std::string& tmpdir_value) {
  return tmpdir_value.empty() ? "/tmp" : tmpdir_value;
}

}  // namespace lamina
