#include "artifact/confined_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "artifact/entry_path.h"
#include "util/error.h"

namespace lamina {
namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

[[noreturn]] void fail(std::string_view path, const std::string& why) {
  throw Error(std::string(path.empty() ? "." : path) + ": " + why);
}

std::string errno_text() {
  return std::strerror(errno);
}

// Closes a descriptor when the scope ends, however it ends.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// Descends into folder `name` of `dir_fd`, creating it when asked; never through a symlink.
int open_child_directory(int dir_fd, const std::string& name, bool create, std::string_view path) {
  int fd = ::openat(dir_fd, name.c_str(), kDirFlags);
  if (fd < 0 && errno == ENOENT && create) {
    if (::mkdirat(dir_fd, name.c_str(), 0755) != 0 && errno != EEXIST) {
      fail(path, "cannot create folder " + name + " (" + errno_text() + ")");
    }
    fd = ::openat(dir_fd, name.c_str(), kDirFlags);
  }
  if (fd >= 0) return fd;
  if (errno == ELOOP || errno == ENOTDIR) {
    fail(path, "goes through " + name + ", which is a symlink or a file, not a folder");
  }
  if (errno == ENOENT) return -1;
  fail(path, "cannot open folder " + name + " (" + errno_text() + ")");
}

}  // namespace

void remove_tree_at(int dir_fd, const std::string& name) {
  if (::unlinkat(dir_fd, name.c_str(), 0) == 0 || errno == ENOENT) return;
  if (errno != EISDIR && errno != EPERM) {
    throw Error(name + ": cannot remove (" + errno_text() + ")");
  }
  int fd = ::openat(dir_fd, name.c_str(), kDirFlags);
  if (fd < 0) throw Error(name + ": cannot open to remove (" + errno_text() + ")");
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    ::close(fd);
    throw Error(name + ": cannot list to remove (" + errno_text() + ")");
  }
  while (dirent* e = ::readdir(dir)) {
    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
    try {
      remove_tree_at(::dirfd(dir), e->d_name);
    } catch (...) {
      ::closedir(dir);
      throw;
    }
  }
  ::closedir(dir);
  if (::unlinkat(dir_fd, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
    throw Error(name + ": cannot remove folder (" + errno_text() + ")");
  }
}

ConfinedTree::ConfinedTree(const std::string& root) {
  root_fd_ = ::open(root.c_str(), kDirFlags);
  if (root_fd_ < 0) throw Error(root + ": cannot open the unpack folder (" + errno_text() + ")");
}

ConfinedTree::~ConfinedTree() {
  if (root_fd_ >= 0) ::close(root_fd_);
}

int ConfinedTree::open_parent(std::string_view path, bool create, std::string* name) {
  std::vector<std::string_view> parts = path_components(path);
  if (parts.empty()) fail(path, "is the root itself");
  int fd = ::dup(root_fd_);
  if (fd < 0) fail(path, "cannot duplicate the root descriptor (" + errno_text() + ")");
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    FdCloser parent{fd};
    fd = open_child_directory(parent.fd, std::string(parts[i]), create, path);
    if (fd < 0) return -1;
  }
  *name = std::string(parts.back());
  return fd;
}

void ConfinedTree::make_directory(std::string_view path) {
  if (path.empty()) return;
  std::string name;
  FdCloser parent{open_parent(path, true, &name)};
  if (::mkdirat(parent.fd, name.c_str(), 0755) == 0) return;
  if (errno != EEXIST) fail(path, "cannot create folder (" + errno_text() + ")");
  struct stat st {};
  if (::fstatat(parent.fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
    return;  // a folder of an earlier layer: merged, as overlayfs does
  }
  remove_tree_at(parent.fd, name);
  if (::mkdirat(parent.fd, name.c_str(), 0755) != 0) {
    fail(path, "cannot create folder (" + errno_text() + ")");
  }
}

int ConfinedTree::create_file(std::string_view path, bool executable) {
  std::string name;
  FdCloser parent{open_parent(path, true, &name)};
  remove_tree_at(parent.fd, name);
  int fd = ::openat(parent.fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    executable ? 0755 : 0644);
  if (fd < 0) fail(path, "cannot create file (" + errno_text() + ")");
  return fd;
}

void ConfinedTree::make_symlink(std::string_view path, const std::string& target) {
  std::string name;
  FdCloser parent{open_parent(path, true, &name)};
  remove_tree_at(parent.fd, name);
  if (::symlinkat(target.c_str(), parent.fd, name.c_str()) != 0) {
    fail(path, "cannot create symlink (" + errno_text() + ")");
  }
}

void ConfinedTree::make_hard_link(std::string_view path, std::string_view target) {
  std::string target_name;
  FdCloser target_parent{open_parent(target, false, &target_name)};
  struct stat st {};
  if (target_parent.fd < 0 ||
      ::fstatat(target_parent.fd, target_name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    fail(path, "hard link to " + std::string(target) + ", which is not in the archive before it");
  }
  if (!S_ISREG(st.st_mode)) {
    fail(path, "hard link to " + std::string(target) + ", which is not a regular file");
  }
  std::string name;
  FdCloser parent{open_parent(path, true, &name)};
  if (name == target_name && path == target) return;
  remove_tree_at(parent.fd, name);
  if (::linkat(target_parent.fd, target_name.c_str(), parent.fd, name.c_str(), 0) != 0) {
    fail(path, "cannot create hard link (" + errno_text() + ")");
  }
}

uint64_t ConfinedTree::free_bytes() const {
  struct statvfs fs {};
  if (::fstatvfs(root_fd_, &fs) != 0)
    throw Error("cannot read the free space of the unpack folder (" + errno_text() + ")");
  return static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
}

void ConfinedTree::remove(std::string_view path) {
  std::string name;
  int fd = -1;
  try {
    fd = open_parent(path, false, &name);
  } catch (const Error&) {
    return;  // behind a symlink or a file: there is nothing of the tree to remove
  }
  if (fd < 0) return;
  FdCloser parent{fd};
  remove_tree_at(parent.fd, name);
}

void ConfinedTree::clear_directory(std::string_view path,
                                   const std::function<bool(const std::string&)>& keep) {
  int fd = ::dup(root_fd_);
  if (!path.empty()) {
    std::string name;
    FdCloser parent{open_parent(path, false, &name)};
    ::close(fd);
    fd = parent.fd < 0 ? -1 : open_child_directory(parent.fd, name, false, path);
  }
  if (fd < 0) return;
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    ::close(fd);
    fail(path, "cannot list folder (" + errno_text() + ")");
  }
  std::string prefix = path.empty() ? "" : std::string(path) + "/";
  std::vector<std::string> doomed;
  while (dirent* e = ::readdir(dir)) {
    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
    if (!keep(prefix + e->d_name)) doomed.emplace_back(e->d_name);
  }
  try {
    for (const std::string& name : doomed) remove_tree_at(::dirfd(dir), name);
  } catch (...) {
    ::closedir(dir);
    throw;
  }
  ::closedir(dir);
}

}  // namespace lamina
