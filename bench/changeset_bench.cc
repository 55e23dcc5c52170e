// Times lamina's change set against git on a generated history, side by side in one run:
//   file list     compute_change_set(names_only)   vs  git diff --name-status BASE HEAD
//   line ranges   compute_change_set(with lines)   vs  git diff -U0 BASE HEAD
// Usage: changeset_bench [CACHE_DIR] [REPETITIONS]   (defaults /tmp/lamina-changeset-bench, 7)
// The repository (20,000 files, 1,000 commits changing over 12,000 of them) is generated once
// through libgit2, packed with `git repack`, and reused from CACHE_DIR afterwards.
#include <git2.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "git/compute_change_set.h"
#include "util/error.h"
#include "util/spawn.h"

namespace {

constexpr int kFiles = 20000;
constexpr int kCommits = 1000;
constexpr int kModifiedPerCommit = 12;
constexpr const char* kMarker = "/lamina-bench-v1";  // holds "BASE HEAD" once generated

struct History {
  std::string dir, base, head;
};

void check(int rc, const char* what) {
  if (rc < 0) {
    std::fprintf(stderr, "%s: %s\n", what, git_error_last() ? git_error_last()->message : "?");
    std::exit(1);
  }
}

std::string file_path(int n) {
  char path[64];
  std::snprintf(path, sizeof path, "src/dir_%03d/file_%05d.txt", n % 200, n);
  return path;
}

// 40 lines of text; `version` changes two lines and appends one per edit.
std::string file_text(int n, int version) {
  std::string text;
  for (int line = 1; line <= 40 + version; ++line) {
    bool edited = version > 0 && (line == 7 + version % 20 || line == 30);
    text += "file " + std::to_string(n) + " line " + std::to_string(line) +
            (edited ? " edited in version " + std::to_string(version) : " original text") + "\n";
  }
  return text;
}

void stage(git_index* index, const std::string& path, const std::string& text) {
  git_index_entry entry{};
  entry.mode = GIT_FILEMODE_BLOB;
  entry.path = path.c_str();
  check(git_index_add_from_buffer(index, &entry, text.data(), text.size()), "stage");
}

std::string commit_index(git_repository* repo, git_index* index, const char* message) {
  git_oid tree_id, commit_id, parent_id;
  check(git_index_write_tree(&tree_id, index), "write tree");
  git_tree* tree = nullptr;
  check(git_tree_lookup(&tree, repo, &tree_id), "tree");
  git_signature* sig = nullptr;
  check(git_signature_new(&sig, "Bench", "bench@example.com", 1767225600, 0), "signature");
  git_commit* parent = nullptr;
  if (git_reference_name_to_id(&parent_id, repo, "HEAD") == 0) {
    check(git_commit_lookup(&parent, repo, &parent_id), "parent");
  }
  const git_commit* parents[] = {parent};
  check(git_commit_create(&commit_id, repo, "HEAD", sig, sig, nullptr, message, tree,
                          parent ? 1 : 0, parents),
        "commit");
  git_commit_free(parent);
  git_signature_free(sig);
  git_tree_free(tree);
  char hex[GIT_OID_HEXSZ + 1];
  return git_oid_tostr(hex, sizeof hex, &commit_id);
}

lamina::CompletedProcess run_git(const std::string& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "-C", dir});
  const char* path = std::getenv("PATH");
  lamina::SpawnSpec spec{args,
                         "",
                         {std::string("PATH=") + (path ? path : "/usr/bin:/bin"),
                          "HOME=/nonexistent", "GIT_CONFIG_NOSYSTEM=1"}};
  return lamina::run_process(spec, std::chrono::minutes(10), 256u << 20);
}

// Every 10th commit also renames one file unchanged and deletes another; each adds one file.
History generate(const std::string& dir) {
  std::filesystem::remove_all(dir);
  git_repository* repo = nullptr;
  check(git_repository_init(&repo, dir.c_str(), 0), "init");
  git_index* index = nullptr;
  check(git_repository_index(&index, repo), "index");
  for (int n = 0; n < kFiles; ++n) stage(index, file_path(n), file_text(n, 0));
  History history{dir, commit_index(repo, index, "base"), ""};
  for (int c = 1; c <= kCommits; ++c) {
    for (int j = 0; j < kModifiedPerCommit; ++j) {
      int n = (c * kModifiedPerCommit + j) % kFiles;
      stage(index, file_path(n), file_text(n, c));
    }
    stage(index, "added/new_" + std::to_string(c) + ".txt", file_text(kFiles + c, 0));
    if (c % 10 == 0) {
      int renamed = kFiles - c / 10, deleted = kFiles - 200 - c / 10;
      stage(index, "moved/" + std::to_string(renamed) + ".txt", file_text(renamed, 0));
      check(git_index_remove(index, file_path(renamed).c_str(), 0), "rename");
      check(git_index_remove(index, file_path(deleted).c_str(), 0), "delete");
    }
    history.head = commit_index(repo, index, "change");
  }
  git_index_free(index);
  git_repository_free(repo);
  if (run_git(dir, {"repack", "-a", "-d", "-q"}).exit_code != 0) std::exit(1);
  std::ofstream(dir + kMarker) << history.base << " " << history.head << "\n";
  return history;
}

History cached_or_generated(const std::string& dir) {
  std::ifstream marker(dir + kMarker);
  History history{dir, "", ""};
  if (marker >> history.base >> history.head) return history;
  std::printf("generating %d files and %d commits in %s ...\n", kFiles, kCommits, dir.c_str());
  return generate(dir);
}

// Wall time and CPU time (user + system, of this process or of its reaped children) of one run.
struct Sample {
  double wall_ms = 0;
  double cpu_ms = 0;
};

double cpu_ms(int who) {
  rusage usage{};
  getrusage(who, &usage);
  auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

Sample measure(int who, const std::function<void()>& work) {
  double cpu_start = cpu_ms(who);
  auto start = std::chrono::steady_clock::now();
  work();
  auto wall = std::chrono::steady_clock::now() - start;
  return {std::chrono::duration<double, std::milli>(wall).count(), cpu_ms(who) - cpu_start};
}

Sample median(std::vector<Sample> samples) {
  auto middle = [&](auto field) {
    std::vector<double> values;
    for (const Sample& sample : samples) values.push_back(sample.*field);
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
  };
  return {middle(&Sample::wall_ms), middle(&Sample::cpu_ms)};
}

// Runs lamina and git alternately, so both see the same load on a shared machine.
std::pair<Sample, Sample> compare(int repetitions, const std::function<void()>& lamina,
                                  const std::function<void()>& git) {
  std::vector<Sample> lamina_samples, git_samples;
  for (int i = 0; i < repetitions; ++i) {
    lamina_samples.push_back(measure(RUSAGE_SELF, lamina));
    git_samples.push_back(measure(RUSAGE_CHILDREN, git));
  }
  return {median(lamina_samples), median(git_samples)};
}

lamina::ChangeSet lamina_change_set(const History& history, bool names_only,
                                    bool find_copies = true) {
  lamina::CiContext ctx;
  ctx.range = lamina::RangeKind::diff;
  ctx.base = history.base;
  ctx.head = history.head;
  lamina::ChangeSetOptions opts;
  opts.allow_fetch = false;
  opts.names_only = names_only;
  opts.find_copies = find_copies;
  return lamina::compute_change_set(history.dir, ctx, opts);
}

void run_git_diff(const History& history, const char* mode) {
  if (run_git(history.dir, {"diff", mode, history.base, history.head}).exit_code != 0) {
    std::fprintf(stderr, "git diff %s failed\n", mode);
    std::exit(1);
  }
}

void print_row(const char* what, const std::pair<Sample, Sample>& times, const char* goal) {
  const auto& [lamina, git] = times;
  std::printf("%-12s %8.1f %8.1f %6.2fx %8.1f %8.1f %6.2fx   %s\n", what, lamina.wall_ms,
              git.wall_ms, lamina.wall_ms / git.wall_ms, lamina.cpu_ms, git.cpu_ms,
              lamina.cpu_ms / git.cpu_ms, goal);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : "/tmp/lamina-changeset-bench";
  int repetitions = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
  git_libgit2_init();
  History history = cached_or_generated(dir);

  lamina::ChangeSet names = lamina_change_set(history, true);
  std::string git_names = run_git(dir, {"diff", "--name-status", history.base, history.head}).out;
  size_t git_count = static_cast<size_t>(std::count(git_names.begin(), git_names.end(), '\n'));
  std::printf("repository %s: base..head changes %zu files (git: %zu), %d repetitions\n",
              dir.c_str(), names.files.size(), git_count, repetitions);
  for (const std::string& note : names.notes) std::printf("  note: %s\n", note.c_str());

  auto list = compare(
      repetitions, [&] { lamina_change_set(history, true); },
      [&] { run_git_diff(history, "--name-status"); });
  // Without copy sources the candidates stay within the rename limit, so this row includes
  // libgit2's similarity search over the added and deleted files, as git's own -M does.
  auto renames = compare(
      repetitions, [&] { lamina_change_set(history, true, false); },
      [&] { run_git_diff(history, "--name-status"); });
  auto lines = compare(
      repetitions, [&] { lamina_change_set(history, false); },
      [&] { run_git_diff(history, "-U0"); });

  std::printf("\n%-12s %8s %8s %7s %8s %8s %7s   %s\n", "median ms", "lamina", "git", "ratio",
              "lam.cpu", "git.cpu", "ratio", "goal");
  print_row("file list", list, "<= 2x git --name-status, < 100 ms");
  print_row("list, no -C", renames, "(lamina without copy detection, like git's default)");
  print_row("line ranges", lines, "<= 1x git -U0");
  git_libgit2_shutdown();
  return 0;
}
