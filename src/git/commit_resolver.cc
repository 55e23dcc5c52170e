#include "git/commit_resolver.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "ci/revision_text.h"
#include "git/fix_command.h"
#include "git/repository.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina::git {
namespace {

// The first parent named in the commit's raw header. Read from the object itself rather than
// through git_commit_parent, which needs the parent object (absent at a shallow boundary).
std::optional<git_oid> first_parent_in_header(const git_commit* commit) {
  const char* header = git_commit_raw_header(commit);
  for (const char* line = header; line != nullptr && *line != '\0';) {
    if (std::strncmp(line, "parent ", 7) == 0) {
      git_oid oid;
      if (git_oid_fromstrn(&oid, line + 7, GIT_OID_HEXSZ) == 0) return oid;
    }
    const char* next = std::strchr(line, '\n');
    line = next != nullptr ? next + 1 : nullptr;
  }
  return std::nullopt;
}

// The names of the configured remotes, from their `remote.<name>.url` entries. Not
// git_remote_list: libgit2 1.5 leaks a PCRE2 match block for each config entry its regex rejects.
std::vector<std::string> remote_names(git_repository* repo) {
  std::vector<std::string> names;
  git_config* config = nullptr;
  if (git_repository_config_snapshot(&config, repo) != 0) return names;
  git_config_iterator* entries = nullptr;
  if (git_config_iterator_new(&entries, config) == 0) {
    const std::string prefix = "remote.", suffix = ".url";
    git_config_entry* entry = nullptr;
    while (git_config_next(&entry, entries) == 0) {
      std::string key = entry->name;
      if (key.size() > prefix.size() + suffix.size() && key.starts_with(prefix) &&
          key.ends_with(suffix)) {
        std::string name = key.substr(prefix.size(), key.size() - prefix.size() - suffix.size());
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      }
    }
    git_config_iterator_free(entries);
  }
  git_config_free(config);
  return names;
}

}  // namespace

CommitResolver::CommitResolver(git_repository* repo, std::string repo_dir, FetchPolicy policy,
                               std::vector<std::string>* notes)
    : repo_(repo), repo_dir_(std::move(repo_dir)), policy_(policy), notes_(notes) {}

std::optional<git_oid> CommitResolver::find(const std::string& rev, const std::string& role,
                                            std::string* problem) {
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repo_, rev.c_str()) == 0) {
    ObjectPtr object(raw);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0) {
      *problem = "revision '" + rev + "' (" + role + ") names a " +
                 git_object_type2string(git_object_type(object.get())) +
                 ", not a commit; pass a commit SHA, branch or tag";
      return std::nullopt;
    }
    ObjectPtr commit(peeled);
    return *git_object_id(commit.get());
  }
  if (!is_full_sha(rev)) {
    *problem = "unknown revision '" + rev + "' (" + role + "): no commit, branch or tag of that " +
               "name in this clone; " + fix_for_name(rev);
    return std::nullopt;
  }
  if (!fetch_commit(rev, role, Need::commit, problem)) return std::nullopt;
  git_oid oid;
  git_oid_fromstr(&oid, rev.c_str());
  if (has_commit(oid)) return oid;
  *problem = "commit " + rev + " (" + role + ") is still missing after fetching it; " +
             fix_for(rev, Need::commit);
  return std::nullopt;
}

git_oid CommitResolver::require(const std::string& rev, const std::string& role) {
  std::string problem;
  std::optional<git_oid> oid = find(rev, role, &problem);
  if (!oid) throw Error(problem);
  return *oid;
}

std::optional<git_oid> CommitResolver::find_remote_branch(const std::string& branch,
                                                          const std::string& role,
                                                          std::string* problem) {
  std::string remote = fetch_remote();
  std::string ref = "refs/remotes/" + (remote.empty() ? "origin" : remote) + "/" + branch;
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo_, ref.c_str()) == 0) return oid;
  std::string what = "the branch " + branch + " (" + role + ")";
  std::string reason = policy_.fetcher == nullptr ? "fetching is disabled (--no-fetch)"
                       : remote.empty()           ? "the repository has no remote to fetch it from"
                                                  : "";
  if (reason.empty()) {
    std::vector<std::string> args{"fetch", "--no-tags"};
    bool shallow = git_repository_is_shallow(repo_) == 1;
    if (shallow) args.push_back("--depth=1");
    args.insert(args.end(), {"--", remote, branch_refspec(remote, branch)});
    FetchOutcome outcome = run_fetch(
        args, "Fetched " + what + " by name from `" + remote + "`, which the clone lacked" +
                  (shallow ? ", 1 commit deep" : "") + " (`" + git_command_text(args) + "`).");
    if (outcome.ok && git_reference_name_to_id(&oid, repo_, ref.c_str()) == 0) return oid;
    reason = outcome.ok ? "`" + git_command_text(args) + "` did not create " + ref
                        : "`" + git_command_text(args) + "` failed: " + outcome.error;
  }
  *problem = what + " is not in this clone and " + reason + "; " +
             fix_for_branch(branch, remote.empty() ? "origin" : remote);
  return std::nullopt;
}

std::optional<git_oid> CommitResolver::first_parent(const git_oid& commit) {
  std::optional<git_oid> parent = first_parent_in_header(lookup_commit(repo_, commit).get());
  if (!parent || has_commit(*parent)) return parent;
  std::string sha = oid_hex(*parent), problem;
  std::string role = "the first parent of " + oid_hex(commit);
  if (!fetch_commit(sha, role, Need::parent, &problem)) throw Error(problem);
  if (!has_commit(*parent))
    throw Error("commit " + sha + " (" + role + ") is still missing after fetching it; " +
                fix_for(sha, Need::parent));
  return parent;
}

git_oid CommitResolver::merge_base(const git_oid& base, const git_oid& head) {
  unsigned deepened = 0;
  for (unsigned next_step = 50;; next_step *= 2) {
    git_oid found;
    int rc = git_merge_base(&found, repo_, &base, &head);
    if (rc == 0) return found;
    std::string base_sha = oid_hex(base), head_sha = oid_hex(head);
    if (!git_repository_is_shallow(repo_)) {
      if (rc == GIT_ENOTFOUND) {
        throw Error("the base " + base_sha + " and the head " + head_sha +
                    " share no history, so there is no merge base to diff from; pass the "
                    "commit to compare with as the base (--base REV)");
      }
      check(rc, "cannot compute the merge base of " + base_sha + " and " + head_sha);
    }
    std::string role = "history down to the merge base of " + base_sha + " and " + head_sha;
    if (deepened >= policy_.max_deepen) {
      throw Error(missing_problem(
          base_sha, role,
          "no merge base was found within " + std::to_string(deepened) + " fetched commits",
          Need::history));
    }
    unsigned step = std::min(next_step, policy_.max_deepen - deepened);
    deepen(base_sha, head_sha, step, role);
    deepened += step;
  }
}

void CommitResolver::deepen(const std::string& base_sha, const std::string& head_sha, unsigned step,
                            const std::string& role) {
  std::string remote = fetch_remote();
  std::string reason = policy_.fetcher == nullptr ? "fetching is disabled (--no-fetch)"
                       : remote.empty()           ? "the repository has no remote to fetch from"
                                                  : "";
  if (!reason.empty()) throw Error(missing_problem(base_sha, role, reason, Need::history));
  std::vector<std::string> args{
      "fetch", "--no-tags", "--deepen=" + std::to_string(step), "--", remote, base_sha, head_sha};
  FetchOutcome outcome =
      run_fetch(args, "Deepened the shallow clone by " + std::to_string(step) + " commits from `" +
                          remote + "` to find the merge base of " + short_sha(base_sha) + " and " +
                          short_sha(head_sha) + " (at most " + std::to_string(policy_.max_deepen) +
                          " in all; `" + git_command_text(args) + "`).");
  if (!outcome.ok) {
    throw Error(missing_problem(base_sha, role,
                                "`" + git_command_text(args) + "` failed: " + outcome.error,
                                Need::history));
  }
}

FetchOutcome CommitResolver::run_fetch(const std::vector<std::string>& args,
                                       const std::string& note) {
  FetchOutcome outcome = policy_.fetcher->fetch(repo_dir_, args);
  if (!outcome.ok) return outcome;
  refresh();
  notes_->push_back(note);
  // Said as it happens: a fetch is network traffic and time the reader of the log should see.
  if (policy_.console != nullptr) *policy_.console << "lamina: " << printable(note) << "\n";
  return outcome;
}

bool CommitResolver::has_commit(const git_oid& oid) {
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo_) != 0) return false;
  bool present = git_odb_exists(odb, &oid) == 1;
  git_odb_free(odb);
  return present;
}

bool CommitResolver::fetch_commit(const std::string& sha, const std::string& role, Need need,
                                  std::string* problem) {
  if (policy_.fetcher == nullptr) {
    *problem = missing_problem(sha, role, "fetching is disabled (--no-fetch)", need);
    return false;
  }
  std::string remote = fetch_remote();
  if (remote.empty()) {
    *problem = missing_problem(sha, role, "the repository has no remote to fetch it from", need);
    return false;
  }
  std::vector<std::string> args{"fetch", "--no-tags"};
  // --depth into a full clone would make it shallow: only a shallow clone gets one.
  bool shallow = git_repository_is_shallow(repo_) == 1;
  if (shallow) args.push_back("--depth=1");
  args.insert(args.end(), {"--", remote, sha});
  FetchOutcome outcome =
      run_fetch(args, "Fetched " + role + " " + sha + " from `" + remote + "`, which the " +
                          (shallow ? "shallow clone lacked, 1 commit deep" : "clone lacked") +
                          " (`" + git_command_text(args) + "`).");
  if (!outcome.ok) {
    *problem = missing_problem(sha, role,
                               "`" + git_command_text(args) + "` failed: " + outcome.error, need);
    return false;
  }
  return true;
}

std::string CommitResolver::missing_problem(const std::string& sha, const std::string& role,
                                            const std::string& reason, Need need) const {
  std::string what =
      need == Need::history ? "the " + role + " is" : "commit " + sha + " (" + role + ") is";
  return what + " not in this clone and " + reason + "; " + fix_for(sha, need);
}

std::string CommitResolver::fix_for(const std::string& sha, Need need) const {
  // --unshallow is refused by a complete clone, which needs no deepening anyway.
  bool shallow = git_repository_is_shallow(repo_) == 1;
  std::string fetch =
      need == Need::history
          ? (shallow ? "`git fetch --no-tags --unshallow origin`" : "`git fetch --no-tags origin`")
          : "`" + git_command_text({"fetch", "--no-tags", "origin", sha}) + "`";
  switch (policy_.provider) {
    case Provider::github:
      return std::string("fix: set `fetch-depth: ") + (need == Need::parent ? "2" : "0") +
             "` on actions/checkout, or run " + fetch + " before lamina";
    case Provider::gitlab:
      return "fix: set `GIT_DEPTH: 0` in the job's variables, or run " + fetch + " before lamina";
    case Provider::local:
      break;
  }
  return "fix: run " + fetch + " first";
}

// A name the clone does not know: fetching it makes sense only for a remote-tracking branch
// ("origin/main") or a branch name; anything else (HEAD~3, a typo) gets no command to paste.
std::string CommitResolver::fix_for_name(const std::string& rev) {
  std::vector<std::string> remotes = remote_names(repo_);
  for (const std::string& remote : remotes) {
    if (rev.starts_with(remote + "/") && is_branch_name(rev.substr(remote.size() + 1))) {
      return fix_for_branch(rev.substr(remote.size() + 1), remote);
    }
  }
  std::string remote = fetch_remote();
  if (remote.empty() || !is_branch_name(rev)) return "check the name";
  return "check the name; if it is a branch of `" + remote + "`, fetch it and pass " + remote +
         "/" + rev + " instead: `" +
         git_command_text({"fetch", "--no-tags", remote, branch_refspec(remote, rev)}) + "`";
}

// Fetches the branch by name into its remote-tracking ref; a shallow clone also needs the history
// down to the merge base, so it is unshallowed in the same command.
std::string CommitResolver::fix_for_branch(const std::string& branch,
                                           const std::string& remote) const {
  std::vector<std::string> args{"fetch", "--no-tags"};
  if (git_repository_is_shallow(repo_) == 1) args.push_back("--unshallow");
  args.insert(args.end(), {remote, branch_refspec(remote, branch)});
  std::string fetch = "`" + git_command_text(args) + "`";
  switch (policy_.provider) {
    case Provider::github:
      return "fix: set `fetch-depth: 0` on actions/checkout, or run " + fetch + " before lamina";
    case Provider::gitlab:
      return "fix: set `GIT_DEPTH: 0` in the job's variables, or run " + fetch + " before lamina";
    case Provider::local:
      break;
  }
  return "fix: run " + fetch + " first";
}

// The remote the checkout came from: its branch's upstream remote, else `origin`, else the
// only remote there is.
std::string CommitResolver::fetch_remote() {
  git_reference* head = nullptr;
  if (git_repository_head(&head, repo_) == 0) {
    ReferencePtr owned(head);
    git_buf remote = GIT_BUF_INIT;
    if (git_reference_is_branch(head) &&
        git_branch_upstream_remote(&remote, repo_, git_reference_name(head)) == 0) {
      std::string name(remote.ptr, remote.size);
      git_buf_dispose(&remote);
      if (name != ".") return name;  // "." tracks a local branch: nothing to fetch from there
    }
  }
  std::vector<std::string> remotes = remote_names(repo_);
  if (std::find(remotes.begin(), remotes.end(), "origin") != remotes.end()) return "origin";
  return remotes.size() == 1 ? remotes.front() : "";
}

// Objects and the shallow file were changed by another process: drop libgit2's view of them.
void CommitResolver::refresh() {
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo_) == 0) {
    git_odb_refresh(odb);
    git_odb_free(odb);
  }
}

}  // namespace lamina::git
