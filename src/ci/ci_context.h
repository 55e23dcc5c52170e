#pragma once
// Where lamina runs and which commit range it must scan: derived purely from the environment map
// (and the event payload's text), before any git access.
#include <optional>
#include <string>

namespace lamina {

enum class Provider { github, gitlab, local };

// How the git stage turns the context into a ChangeSet.
enum class RangeKind {
  diff,            // base..head, both given (SHAs or revisions)
  merge_base,      // merge-base(base, head)..head: base is the target branch tip
  first_parent,    // head^1..head: head is a (test) merge commit
  local_upstream,  // merge-base(HEAD, upstream | origin/HEAD | main | master)..HEAD + working tree
  full,            // no diff: every tracked file
  nothing,         // nothing to scan (e.g. a deleted branch)
};

struct CiContext {
  Provider provider = Provider::local;
  // event, repository and reason are printable text (see ci/printable.h); workspace is a raw path.
  std::string event;       // "pull_request", "push", "merge_request_event", "local", ...
  std::string repository;  // "owner/name" or "group/project"; "" when unknown
  RangeKind range = RangeKind::local_upstream;
  std::string base;           // revision for diff/merge_base; "" otherwise
  std::string head;           // revision scanned; "HEAD" locally
  std::string fallback_base;  // tried when `base` cannot be had (e.g. payload base.sha)
  // How fallback_base is used: diff (fallback_base..head) or merge_base (merge-base..head).
  RangeKind fallback_range = RangeKind::diff;
  std::string default_branch;  // e.g. "main", for new-branch pushes; "" when unknown
  // The branch that `base` or `fallback_base` names as "origin/<branch>" (the default branch, a
  // merge request's target): a clone that lacks it fetches it by name. "" when neither does.
  std::string remote_branch;
  std::optional<long> pr_number;  // PR / MR number
  // The pull request's head commit (GitHub check runs and review comments attach to it; the
  // test merge commit scanned is not on the PR); "" when not a pull request.
  std::string pr_head_sha;
  std::string workspace;          // checkout directory
  bool include_worktree = false;  // local runs: uncommitted changes are part of the change set
  std::string reason;             // one sentence: how the range was chosen
};

const char* to_string(Provider provider);
const char* to_string(RangeKind range);

}  // namespace lamina
