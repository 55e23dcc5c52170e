#include "git/tracked_path.h"

#include <filesystem>

#include "git/repository.h"

namespace lamina::git {

using IndexPtr = std::unique_ptr<git_index, Freer<git_index, git_index_free>>;

bool is_tracked(const std::string& checkout_dir, const std::string& path) {
  RepositoryPtr repo = open_checkout(checkout_dir);
  const char* workdir = git_repository_workdir(repo.get());
  if (workdir == nullptr) return false;
  std::filesystem::path relative =
      std::filesystem::path(path).lexically_normal().lexically_relative(workdir);
  std::string rel = relative.generic_string();
  if (rel.empty() || rel.starts_with("..")) return false;
  while (rel.ends_with("/")) rel.pop_back();
  git_index* raw = nullptr;
  check(git_repository_index(&raw, repo.get()), "reading the index of " + checkout_dir);
  IndexPtr index(raw);
  if (rel == ".") return git_index_entrycount(index.get()) > 0;  // the working tree's root
  if (git_index_get_bypath(index.get(), rel.c_str(), 0) != nullptr) return true;
  size_t at = 0;
  return git_index_find_prefix(&at, index.get(), (rel + "/").c_str()) == 0;
}

std::string git_directory(const std::string& checkout_dir) {
  RepositoryPtr repo = open_checkout(checkout_dir);
  std::string dir = git_repository_path(repo.get());
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

}  // namespace lamina::git
