#pragma once
// Writes into one directory and nowhere else. Every operation walks its path from the root's file
// descriptor with openat(O_NOFOLLOW): a symlink or file where a folder should be is an error,
// never followed, whichever layer created it. Files get 0644 or 0755, folders 0755, no owner
// change, no device node, no setuid/setgid/sticky bit.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace lamina {

class ConfinedTree {
 public:
  // `root` must be an existing folder. Throws Error when it cannot be opened.
  explicit ConfinedTree(const std::string& root);
  ~ConfinedTree();
  ConfinedTree(const ConfinedTree&) = delete;
  ConfinedTree& operator=(const ConfinedTree&) = delete;

  // Paths are clean entry paths (clean_entry_path()); "" is the root. Missing parent folders are
  // created. Each throws Error("<path>: why") when it cannot be done safely.
  void make_directory(std::string_view path);
  // Replaces whatever is at `path` with an empty file; returns its descriptor (caller closes).
  int create_file(std::string_view path, bool executable);
  // `target` is written as given: callers pass confined_symlink_target().
  void make_symlink(std::string_view path, const std::string& target);
  // `target` is another clean entry path in the tree, which must be a regular file.
  void make_hard_link(std::string_view path, std::string_view target);
  // Removes `path` (a folder with its contents); nothing there, or behind a symlink, is no error.
  void remove(std::string_view path);
  // Bytes an unprivileged writer can still use on the root's file system.
  uint64_t free_bytes() const;
  // Removes the entries of folder `path` for which `keep(child path)` is false.
  void clear_directory(std::string_view path, const std::function<bool(const std::string&)>& keep);

 private:
  // The parent folder of `path` (a descriptor the caller closes) and the last component.
  int open_parent(std::string_view path, bool create, std::string* name);
  int root_fd_ = -1;
};

// Removes `name` in folder `dir_fd` and, if it is a folder, everything in it, without following
// symlinks. A missing `name` is no error; other failures throw Error.
void remove_tree_at(int dir_fd, const std::string& name);

}  // namespace lamina
