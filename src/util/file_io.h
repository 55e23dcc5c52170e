#pragma once
// Whole-file reads, and a folder written by descriptor. Knows nothing of lamina.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lamina {

// The file's bytes, or nullopt with `error` set to strerror-like text.
std::optional<std::string> read_file(const std::string& path, std::string* error = nullptr);

// Creates "<parent>/<prefix>XXXXXX" (mkdtemp: a new name, mode 0700) and returns its path. Throws
// Error "temporary directory <parent>: cannot create <what> (<reason>); set TMPDIR to a writable
// directory".
std::string make_private_directory(const std::string& parent, std::string_view prefix,
                                   std::string_view what);

// A folder opened once, by descriptor: files are created, replaced and removed in it by name, so
// a symlink planted at the folder's path after it was opened, or at a file's name, redirects
// nothing. Move-only.
class Folder {
 public:
  // Opens `path`, which must be a folder and not a symlink (the folders above it are trusted).
  // Throws Error naming the path.
  static Folder open(const std::string& path);
  // Opens `relative` below `base` one component at a time, never through a symlink, creating
  // missing folders when `create`. Throws Error naming the component that is a symlink or file.
  static Folder open_beneath(const Folder& base, std::string_view relative, bool create);

  Folder(Folder&& other) noexcept;
  Folder& operator=(Folder&& other) noexcept;
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
  ~Folder();

  const std::string& path() const { return path_; }

  // Writes `data` to a new file under a random name (O_CREAT|O_EXCL|O_NOFOLLOW), fsyncs it and
  // renames it over `name`, so readers see the old file or the whole new one and nothing planted
  // in the folder is written through. Throws Error naming path()/name on failure.
  void write_atomically(const std::string& name, const std::string& data) const;
  // Removes the file or symlink `name` (never what a symlink points to, never a folder); true
  // when there was one.
  bool remove(const std::string& name) const;
  // The names in the folder ("." and ".." left out).
  std::vector<std::string> names() const;

 private:
  Folder(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

// Appends `text` to the file at `path` (created 0644 when missing): for files a job's steps share,
// such as $GITHUB_STEP_SUMMARY and $GITHUB_OUTPUT. Throws Error naming `what` and the path.
void append_to_file(const std::string& path, const std::string& text, const char* what);

}  // namespace lamina
