#include "exec/scanner_configs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/embedded.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina {
namespace {

// A file may name its siblings by absolute path: "{configs}" in it becomes `folder`.
std::string config_text(const std::string& folder, const std::string& name) {
  std::string text(embedded_file(name).value_or(""));
  const std::string token = "{configs}";
  for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at)) {
    text.replace(at, token.size(), folder);
    at += folder.size();
  }
  return text;
}

// Created read-only with O_EXCL in the folder lamina just made.
void write_config(const std::string& folder, const std::string& name) {
  std::string path = folder + "/" + name;
  std::string text = config_text(folder, name);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0400);
  bool ok = fd >= 0;
  size_t done = 0;
  while (ok && done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  std::string reason = ok ? "" : std::strerror(errno);
  if (fd >= 0 && ::close(fd) != 0 && ok) {
    ok = false;
    reason = std::strerror(errno);
  }
  if (!ok) throw Error("scanner configuration " + path + ": cannot write it (" + reason + ")");
}

}  // namespace

std::vector<std::string> scanner_config_names() {
  std::vector<std::string> names;
  std::string_view all = LAMINA_SCANNER_CONFIG_NAMES;  // "a/b/c/", from CMakeLists.txt
  for (size_t start = 0, slash; (slash = all.find('/', start)) != std::string_view::npos;
       start = slash + 1) {
    names.emplace_back(all.substr(start, slash - start));
  }
  return names;
}

ScannerConfigFolder::ScannerConfigFolder(const std::string& temp_root) {
  path_ = make_private_directory(temp_root, "lamina-configs-", "the scanner configuration folder");
  try {
    for (const std::string& name : scanner_config_names()) write_config(path_, name);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
    throw;
  }
}

ScannerConfigFolder::~ScannerConfigFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace lamina
