#include "util/file_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "util/error.h"

namespace lamina {

std::optional<std::string> read_file(const std::string& path, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (error) *error = std::strerror(errno);
    return std::nullopt;
  }
  std::string data;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    if (error) *error = "is a directory";
    return std::nullopt;
  }
  if (st.st_size > 0) data.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (error) *error = std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return data;
}

namespace {

constexpr int kFolderFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

std::string joined(const std::string& folder, std::string_view name) {
  return folder.empty() || folder.back() == '/' ? folder + std::string(name)
                                                : folder + "/" + std::string(name);
}

// 32 hex digits from the kernel's random source: a name no one can plant a file at in advance.
std::string random_hex() {
  unsigned char bytes[16];
  size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(std::string("cannot read random bytes: ") + std::strerror(errno));
    got += static_cast<size_t>(n);
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

void write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(std::strerror(errno));
    done += static_cast<size_t>(n);
  }
}

}  // namespace

Folder Folder::open(const std::string& path) {
  int fd = ::open(path.c_str(), kFolderFlags);
  if (fd < 0) {
    std::string why = errno == ELOOP || errno == ENOTDIR ? "a symlink or a file, not a folder"
                                                         : std::strerror(errno);
    throw Error(path + ": " + why);
  }
  return Folder(fd, path);
}

Folder Folder::open_beneath(const Folder& base, std::string_view relative, bool create) {
  int fd = ::dup(base.fd_);
  if (fd < 0) throw Error(base.path_ + ": " + std::strerror(errno));
  Folder folder(fd, base.path_);
  size_t start = 0;
  while (start <= relative.size()) {
    size_t slash = std::min(relative.find('/', start), relative.size());
    std::string name(relative.substr(start, slash - start));
    start = slash + 1;
    if (name.empty() || name == ".") continue;
    std::string path = joined(folder.path_, name);
    if (name == "..") throw Error(path + ": \"..\" is not allowed here");
    int child = ::openat(folder.fd_, name.c_str(), kFolderFlags);
    if (child < 0 && errno == ENOENT && create) {
      if (::mkdirat(folder.fd_, name.c_str(), 0755) != 0 && errno != EEXIST) {
        throw Error(path + ": " + std::strerror(errno));
      }
      child = ::openat(folder.fd_, name.c_str(), kFolderFlags);
    }
    if (child < 0) {
      throw Error(path + ": " +
                  (errno == ELOOP || errno == ENOTDIR
                       ? std::string("a symlink or a file, not a folder")
                       : std::string(std::strerror(errno))));
    }
    folder = Folder(child, path);
  }
  return folder;
}

Folder::Folder(Folder&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) {
  other.fd_ = -1;
}

Folder& Folder::operator=(Folder&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    other.fd_ = -1;
  }
  return *this;
}

Folder::~Folder() {
  if (fd_ >= 0) ::close(fd_);
}

void Folder::write_atomically(const std::string& name, const std::string& data) const {
  std::string target = joined(path_, name);
  std::string temp;
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 8; ++attempt) {
    temp = "." + name + ".lamina-tmp-" + random_hex();
    fd = ::openat(fd_, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) throw Error("cannot write " + target + ": " + std::strerror(errno));
  try {
    write_all(fd, data);
    if (::fsync(fd) != 0) throw Error(std::strerror(errno));
    int closed = ::close(fd);
    fd = -1;
    if (closed != 0) throw Error(std::strerror(errno));
    // renameat replaces whatever `name` is (a symlink too) without following it.
    if (::renameat(fd_, temp.c_str(), fd_, name.c_str()) != 0) throw Error(std::strerror(errno));
  } catch (const Error& e) {
    if (fd >= 0) ::close(fd);
    ::unlinkat(fd_, temp.c_str(), 0);
    throw Error("cannot write " + target + ": " + e.what());
  }
}

bool Folder::remove(const std::string& name) const {
  return ::unlinkat(fd_, name.c_str(), 0) == 0;
}

std::vector<std::string> Folder::names() const {
  std::vector<std::string> out;
  int fd = ::openat(fd_, ".", kFolderFlags);
  DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
  if (dir == nullptr) {
    if (fd >= 0) ::close(fd);
    throw Error("cannot list " + path_ + ": " + std::strerror(errno));
  }
  while (dirent* e = ::readdir(dir)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) {
      out.emplace_back(e->d_name);
    }
  }
  ::closedir(dir);
  return out;
}

void append_to_file(const std::string& path, const std::string& text, const char* what) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw Error(std::string("cannot write ") + what + " " + path + ": " + std::strerror(errno) +
                " (check the variable points at a writable file)");
  }
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string reason = std::strerror(errno);
      ::close(fd);
      throw Error(std::string("cannot write ") + what + " " + path + ": " + reason);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    throw Error(std::string("cannot write ") + what + " " + path + ": " + std::strerror(errno));
  }
}

std::string make_private_directory(const std::string& parent, std::string_view prefix,
                                   std::string_view what) {
  std::string path = parent + "/" + std::string(prefix) + "XXXXXX";
  if (::mkdtemp(path.data()) == nullptr) {
    throw Error("temporary directory " + parent + ": cannot create " + std::string(what) + " (" +
                std::strerror(errno) + "); set TMPDIR to a writable directory");
  }
  return path;
}

}  // namespace lamina
