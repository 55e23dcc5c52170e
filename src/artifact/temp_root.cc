#include "artifact/temp_root.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "artifact/confined_tree.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina {

TempRoot::TempRoot(const std::string& parent) {
  // Absolute, because scanners print absolute paths that are matched against it.
  char resolved[PATH_MAX];
  if (::realpath(parent.c_str(), resolved) == nullptr) {
    throw Error("temporary directory " + parent + ": " + std::strerror(errno) +
                "; set TMPDIR to a writable directory");
  }
  path_ = make_private_directory(resolved, "lamina-artifact-", "a folder to unpack into");
}

TempRoot::~TempRoot() {
  // Everything below was made by lamina with owner write permission, so it can all be removed;
  // remove_tree_at never follows a symlink out of the folder.
  size_t slash = path_.rfind('/');
  std::string parent = slash == 0 ? "/" : path_.substr(0, slash);
  int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  try {
    remove_tree_at(fd, path_.substr(slash + 1));
  } catch (const Error&) {
    // A destructor cannot report; what is left is private (0700) and under $TMPDIR.
  }
  ::close(fd);
}

}  // namespace lamina
