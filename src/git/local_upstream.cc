#include "git/local_upstream.h"

#include "git/repository.h"

namespace lamina::git {
namespace {

struct Upstream {
  git_oid commit;
  std::string name;  // as a person writes it: "origin/main"
};

std::string short_name(const std::string& ref) {
  for (const char* prefix : {"refs/heads/", "refs/remotes/"}) {
    if (ref.rfind(prefix, 0) == 0) return ref.substr(std::string(prefix).size());
  }
  return ref;
}

std::optional<git_oid> commit_of(git_reference* ref) {
  git_object* peeled = nullptr;
  if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) != 0) return std::nullopt;
  ObjectPtr commit(peeled);
  return *git_object_id(commit.get());
}

std::optional<Upstream> branch_upstream(git_repository* repo) {
  git_reference* head = nullptr;
  if (git_repository_head(&head, repo) != 0) return std::nullopt;
  ReferencePtr head_ref(head);
  git_reference* upstream = nullptr;
  if (!git_reference_is_branch(head) || git_branch_upstream(&upstream, head) != 0) {
    return std::nullopt;
  }
  ReferencePtr upstream_ref(upstream);
  std::optional<git_oid> commit = commit_of(upstream);
  if (!commit) return std::nullopt;
  return Upstream{*commit, short_name(git_reference_name(upstream))};
}

std::optional<Upstream> find_upstream(git_repository* repo) {
  if (std::optional<Upstream> upstream = branch_upstream(repo)) return upstream;
  for (const char* name : {"refs/remotes/origin/HEAD", "refs/heads/main", "refs/heads/master",
                           "refs/remotes/origin/main", "refs/remotes/origin/master"}) {
    git_reference* raw = nullptr;
    if (git_reference_lookup(&raw, repo, name) != 0) continue;
    ReferencePtr ref(raw);
    if (std::optional<git_oid> commit = commit_of(raw)) return Upstream{*commit, short_name(name)};
  }
  return std::nullopt;
}

}  // namespace

LocalRange local_upstream_range(git_repository* repo, CommitResolver& resolver,
                                std::vector<std::string>* notes) {
  if (git_repository_head_unborn(repo) == 1) {
    notes->push_back(
        "HEAD has no commits yet: every file in the index and working tree "
        "counts as added.");
    return {};
  }
  git_oid head;
  check(git_reference_name_to_id(&head, repo, "HEAD"), "cannot resolve HEAD");
  std::optional<Upstream> upstream = find_upstream(repo);
  if (!upstream) {
    notes->push_back(
        "No upstream branch, origin/HEAD, main or master to compare with: only the "
        "working tree's changes against HEAD are included (pass --base REV to "
        "compare with a branch).");
    return {head, head};
  }
  git_oid base;
  int rc = git_merge_base(&base, repo, &upstream->commit, &head);
  if (rc != 0 && git_repository_is_shallow(repo) == 1) {
    base = resolver.merge_base(upstream->commit, head);
  } else if (rc != 0) {
    notes->push_back("HEAD and " + upstream->name +
                     " share no history: only the working "
                     "tree's changes against HEAD are included (pass --base REV to compare "
                     "with another commit).");
    return {head, head};
  }
  notes->push_back("Compared with " + oid_hex(base) + ", the merge base of HEAD and " +
                   upstream->name + ".");
  return {base, head};
}

}  // namespace lamina::git
