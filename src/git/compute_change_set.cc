#include "git/compute_change_set.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "git/commit_resolver.h"
#include "git/diff_changes.h"
#include "git/line_ranges.h"
#include "git/local_upstream.h"
#include "git/repository.h"
#include "git/stage_deadline.h"
#include "git/tracked_files.h"
#include "util/error.h"

namespace lamina {
namespace {

std::optional<git_oid> oid_of(const std::string& hex) {
  if (hex.empty()) return std::nullopt;
  git_oid oid;
  git::check(git_oid_fromstr(&oid, hex.c_str()), "blob id " + hex);
  return oid;
}

using git::CommitResolver;

// The two ends of the diff. No base means the empty tree (a root commit, an unborn HEAD).
struct Range {
  std::optional<git_oid> base;
  std::optional<git_oid> head;
  bool worktree = false;  // the head side is the working tree (with the index), not `head`
};

std::string head_revision(const CiContext& ctx) {
  return ctx.head.empty() ? "HEAD" : ctx.head;
}

// A revision of the context. "origin/<remote_branch>" is the remote's branch, fetched by name
// when the clone lacks it (a depth-1 checkout has only the commit it was made for).
std::optional<git_oid> find_revision(CommitResolver& resolver, const CiContext& ctx,
                                     const std::string& rev, const std::string& role,
                                     std::string* problem) {
  if (!ctx.remote_branch.empty() && rev == "origin/" + ctx.remote_branch) {
    return resolver.find_remote_branch(ctx.remote_branch, role, problem);
  }
  return resolver.find(rev, role, problem);
}

struct Base {
  git_oid commit;
  bool fallback = false;  // ctx.fallback_base, to be used as ctx.fallback_range says
};

// ctx.base, else ctx.fallback_base (stated in the notes), else an error about the base.
Base resolve_base(CommitResolver& resolver, const CiContext& ctx, std::vector<std::string>* notes) {
  if (ctx.base.empty() && ctx.fallback_base.empty()) {
    throw Error(std::string("the ") + to_string(ctx.range) +
                " range has no base revision to compare with; pass one with --base REV");
  }
  std::string problem;
  if (!ctx.base.empty()) {
    if (std::optional<git_oid> base =
            find_revision(resolver, ctx, ctx.base, "the diff base", &problem)) {
      return {*base, false};
    }
    if (ctx.fallback_base.empty()) throw Error(problem);
  }
  std::string fallback_problem;
  std::optional<git_oid> fallback =
      find_revision(resolver, ctx, ctx.fallback_base, "the fallback diff base", &fallback_problem);
  if (!fallback) {
    throw Error(problem.empty()
                    ? fallback_problem
                    : problem + " (the fallback base failed too: " + fallback_problem + ")");
  }
  notes->push_back(ctx.base.empty() ? "Used the fallback base " + ctx.fallback_base + "."
                                    : "Used the fallback base " + ctx.fallback_base +
                                          " because the base could not be had: " + problem);
  return {*fallback, true};
}

Range first_parent_range(CommitResolver& resolver, const CiContext& ctx,
                         std::vector<std::string>* notes) {
  git_oid head = resolver.require(head_revision(ctx), "the head");
  std::optional<git_oid> parent = resolver.first_parent(head);
  if (!parent) {
    notes->push_back("The head " + git::oid_hex(head) +
                     " is a root commit: every file in it counts as added.");
  }
  return {parent, head, false};
}

// merge-base(target, head)..head.
Range merge_base_range(CommitResolver& resolver, const CiContext& ctx, const git_oid& target,
                       std::vector<std::string>* notes) {
  git_oid head = resolver.require(head_revision(ctx), "the head");
  git_oid base = resolver.merge_base(target, head);
  if (!git_oid_equal(&base, &target)) {
    notes->push_back("Compared with " + git::oid_hex(base) + ", the merge base of the base " +
                     git::oid_hex(target) + " and the head.");
  }
  return {base, head, false};
}

Range resolve_range(git_repository* repo, CommitResolver& resolver, const CiContext& ctx,
                    std::vector<std::string>* notes) {
  switch (ctx.range) {
    case RangeKind::diff: {
      Base base = resolve_base(resolver, ctx, notes);
      // A force push's replaced tip is gone: what the branch adds to the default branch.
      if (base.fallback && ctx.fallback_range == RangeKind::merge_base) {
        return merge_base_range(resolver, ctx, base.commit, notes);
      }
      return {base.commit, resolver.require(head_revision(ctx), "the head"), false};
    }
    case RangeKind::merge_base:
      return merge_base_range(resolver, ctx, resolve_base(resolver, ctx, notes).commit, notes);
    case RangeKind::first_parent:
      return first_parent_range(resolver, ctx, notes);
    case RangeKind::local_upstream: {
      git::LocalRange local = git::local_upstream_range(repo, resolver, notes);
      return {local.base, local.head, ctx.include_worktree};
    }
    case RangeKind::full:
    case RangeKind::nothing:
      break;
  }
  return {};
}

git::TreePtr tree_of(git_repository* repo, const std::optional<git_oid>& commit) {
  if (!commit) return nullptr;
  return git::commit_tree(git::lookup_commit(repo, *commit).get());
}

git::DiffPtr diff_of(git_repository* repo, const Range& range, bool names_only) {
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
  // The file list must not read blobs: libgit2 otherwise loads both sides to flag binaries.
  if (names_only) options.flags |= GIT_DIFF_SKIP_BINARY_CHECK;
  git::TreePtr base = tree_of(repo, range.base);
  git_diff* raw = nullptr;
  if (range.worktree) {
    options.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
                     GIT_DIFF_SHOW_UNTRACKED_CONTENT;
    // Changes inside a submodule's own working tree are its business; its commit is ours.
    options.ignore_submodules = GIT_SUBMODULE_IGNORE_DIRTY;
    git::check(git_diff_tree_to_workdir_with_index(&raw, repo, base.get(), &options),
               "cannot diff the working tree");
  } else {
    git::TreePtr head = tree_of(repo, range.head);
    git::check(git_diff_tree_to_tree(&raw, repo, base.get(), head.get(), &options),
               "cannot diff the commits");
  }
  return git::DiffPtr(raw);
}

void list_full_scan(git_repository* repo, CommitResolver& resolver, const CiContext& ctx,
                    const ChangeSetOptions& opts, ChangeSet* set) {
  set->full_scan = true;
  set->lines_known = false;
  if (head_revision(ctx) == "HEAD" && git_repository_head_unborn(repo) == 1) {
    set->notes.push_back("Full scan of nothing: HEAD has no commits yet, so no file is tracked.");
    return;
  }
  git_oid head = resolver.require(head_revision(ctx), "the head");
  set->head = git::oid_hex(head);
  StageDeadline deadline("listing the tracked files", opts.deadline);
  set->files = git::tracked_files(repo, tree_of(repo, head).get(), !opts.names_only);
  set->notes.push_back("Full scan: every file tracked at " + set->head + ".");
}

}  // namespace

ChangeSet compute_change_set(const std::string& repo_dir, const CiContext& ctx,
                             const ChangeSetOptions& opts) {
  ChangeSet set;
  if (ctx.range == RangeKind::nothing) {
    set.notes.push_back(
        "Nothing to scan: " +
        (ctx.reason.empty() ? std::string("the context names no commit range.") : ctx.reason));
    return set;
  }
  git::RepositoryPtr repo = git::open_checkout(repo_dir);
  std::unique_ptr<GitFetcher> real_fetcher;
  GitFetcher* fetcher = opts.fetcher;
  if (opts.allow_fetch && fetcher == nullptr) {
    real_fetcher = std::make_unique<CliGitFetcher>(read_process_environment());
    fetcher = real_fetcher.get();
  }
  const char* workdir = git_repository_workdir(repo.get());
  CommitResolver resolver(
      repo.get(), workdir != nullptr ? workdir : repo_dir,
      {opts.allow_fetch ? fetcher : nullptr, ctx.provider, opts.max_deepen, opts.console},
      &set.notes);
  if (ctx.range == RangeKind::full) {
    list_full_scan(repo.get(), resolver, ctx, opts, &set);
    return set;
  }
  Range range = resolve_range(repo.get(), resolver, ctx, &set.notes);
  set.base = range.base ? git::oid_hex(*range.base) : "";
  set.head = range.head ? git::oid_hex(*range.head) : "";
  set.includes_worktree = range.worktree;
  set.lines_known = !opts.names_only;
  StageDeadline deadline("computing the change set (diff, renames, line ranges)", opts.deadline);
  git::DiffPtr diff = diff_of(repo.get(), range, opts.names_only);
  bool defer = opts.defer_lines && !opts.names_only && !range.worktree;
  git::DiffSettings settings{!opts.names_only, range.worktree, defer, opts.rename_limit};
  set.files = git::changes_of(repo.get(), diff.get(), settings, &set.notes, &set.pending_lines);
  if (defer && !set.pending_lines.empty()) {
    set.lines_known = false;
    set.git_dir = git_repository_path(repo.get());
  }
  return set;
}

std::vector<FileChange> compute_pending_lines(const ChangeSet& set,
                                              std::chrono::milliseconds deadline) {
  StageDeadline stage("computing the changed lines (line diff)", deadline);
  std::vector<FileChange> computed;
  computed.reserve(set.pending_lines.size());
  std::vector<git::BlobPair> pairs;
  pairs.reserve(set.pending_lines.size());
  for (const PendingLines& pending : set.pending_lines) {
    FileChange& change = computed.emplace_back();
    change.path = pending.path;
  }
  for (size_t i = 0; i < computed.size(); ++i) {
    const PendingLines& pending = set.pending_lines[i];
    pairs.push_back({&computed[i], oid_of(pending.old_blob), oid_of(pending.new_blob)});
  }
  if (!pairs.empty()) git::add_blob_line_ranges(set.git_dir, pairs);
  return computed;
}

void apply_pending_lines(ChangeSet& set, std::vector<FileChange> computed) {
  auto by_path = [](const FileChange& f, const std::string& path) { return f.path < path; };
  for (FileChange& lines : computed) {
    auto it = std::lower_bound(set.files.begin(), set.files.end(), lines.path, by_path);
    if (it == set.files.end() || it->path != lines.path) continue;  // left out since
    it->added_lines = std::move(lines.added_lines);
    it->hunks = std::move(lines.hunks);
  }
  set.pending_lines.clear();
  set.git_dir.clear();
  set.lines_known = true;
}

}  // namespace lamina
