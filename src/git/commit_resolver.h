#pragma once
// Turns revisions into commits present in the local object database. What a shallow clone lacks
// (a base, a parent, the history down to a merge base) is fetched by SHA from the checkout's own
// remote through the GitFetcher; each fetch is stated in `notes`.
#include <git2.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "ci/ci_context.h"
#include "git/git_fetcher.h"

namespace lamina::git {

struct FetchPolicy {
  GitFetcher* fetcher = nullptr;  // nullptr: fetching is forbidden (--no-fetch)
  Provider provider = Provider::local;
  unsigned max_deepen = 0;  // commits of history fetched at most while looking for a merge base
  std::ostream* console = nullptr;  // each fetch is also said here as it happens (stderr in a run)
};

class CommitResolver {
 public:
  CommitResolver(git_repository* repo, std::string repo_dir, FetchPolicy policy,
                 std::vector<std::string>* notes);

  // The commit `rev` names; `role` says what it is for ("the diff base"). A full SHA missing from
  // the clone is fetched. On failure returns nullopt and sets `problem` to a sentence naming the
  // revision and the fix.
  std::optional<git_oid> find(const std::string& rev, const std::string& role,
                              std::string* problem);
  // The tip of `branch` on the checkout's remote (refs/remotes/<remote>/<branch>). A clone that
  // lacks it (a depth-1 checkout of another branch) fetches the branch by name into that ref,
  // one commit deep when the clone is shallow. nullopt with `problem` set when it cannot be had.
  std::optional<git_oid> find_remote_branch(const std::string& branch, const std::string& role,
                                            std::string* problem);
  // Like find(), but throws lamina::Error with the problem.
  git_oid require(const std::string& rev, const std::string& role);

  // The first parent of `commit`, fetched when the clone is shallow. nullopt for a root commit.
  std::optional<git_oid> first_parent(const git_oid& commit);

  // The merge base of `base` and `head`. A shallow clone is deepened step by step (doubling,
  // bounded by max_deepen) until the base is reachable; throws lamina::Error when it is not.
  git_oid merge_base(const git_oid& base, const git_oid& head);

 private:
  enum class Need { commit, parent, history };

  bool has_commit(const git_oid& oid);
  // Fetches `step` more commits of history behind both ends; throws when it cannot.
  void deepen(const std::string& base_sha, const std::string& head_sha, unsigned step,
              const std::string& role);
  bool fetch_commit(const std::string& sha, const std::string& role, Need need,
                    std::string* problem);
  std::string missing_problem(const std::string& sha, const std::string& role,
                              const std::string& reason, Need need) const;
  std::string fix_for(const std::string& sha, Need need) const;
  std::string fix_for_name(const std::string& rev);
  std::string fix_for_branch(const std::string& branch, const std::string& remote) const;
  // Runs one fetch; on success refreshes libgit2's view and records `note` (notes and console).
  FetchOutcome run_fetch(const std::vector<std::string>& args, const std::string& note);
  std::string fetch_remote();
  void refresh();

  git_repository* repo_;
  std::string repo_dir_;
  FetchPolicy policy_;
  std::vector<std::string>* notes_;
};

}  // namespace lamina::git
