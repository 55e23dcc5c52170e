// What each kind of change looks like in the change set: statuses, renames (never copies), flags
// from content only, byte-exact paths. Every test diffs two commits of a real repository.
#include <gtest/gtest.h>

#include <algorithm>

#include "git/compute_change_set.h"
#include "git_test_repo.h"

namespace lamina {
namespace {

using test::change;

ChangeSet diff_between(const test::GitRepo& repo, const std::string& base, const std::string& head,
                       ChangeSetOptions opts = {}) {
  opts.allow_fetch = false;
  return compute_change_set(repo.path(), test::range_context(RangeKind::diff, base, head), opts);
}

FileChange renamed(ChangeStatus status, const std::string& path, const std::string& old_path,
                   std::vector<LineRange> added = {}, std::vector<LineRange> hunks = {}) {
  FileChange file = change(status, path, std::move(added), std::move(hunks));
  file.old_path = old_path;
  return file;
}

TEST(ChangeStatus, AddedModifiedDeletedWithLineRanges) {
  test::GitRepo repo;
  repo.write("keep.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
  repo.write("gone.txt", "bye\n");
  std::string base = repo.commit("base");
  repo.write("keep.txt", "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\nELEVEN\nTWELVE\n");
  repo.remove("gone.txt");
  repo.write("new.txt", "a\nb\n");
  std::string head = repo.commit("head");

  ChangeSet set = diff_between(repo, base, head);

  EXPECT_EQ(set.base, base);
  EXPECT_EQ(set.head, head);
  EXPECT_TRUE(set.lines_known);
  EXPECT_EQ(set.files,
            (std::vector<FileChange>{
                change(ChangeStatus::deleted, "gone.txt"),
                change(ChangeStatus::modified, "keep.txt", {{2, 2}, {11, 12}}, {{1, 5}, {8, 12}}),
                change(ChangeStatus::added, "new.txt", {{1, 2}}, {{1, 2}})}));
}

TEST(ChangeStatus, DistantChangesGiveSeparateHunksWithThreeLinesOfContext) {
  test::GitRepo repo;
  std::string lines;
  for (int i = 1; i <= 30; ++i) lines += std::to_string(i) + "\n";
  repo.write("f.txt", lines);
  std::string base = repo.commit("base");
  std::string changed = lines;
  changed.replace(changed.find("5\n"), 2, "five\n");
  changed.replace(changed.find("\n25\n") + 1, 3, "x\ny\n");
  repo.write("f.txt", changed);
  std::string head = repo.commit("head");

  ChangeSet set = diff_between(repo, base, head);

  ASSERT_EQ(set.files.size(), 1u);
  EXPECT_EQ(set.files[0].added_lines, (std::vector<LineRange>{{5, 5}, {25, 26}}));
  EXPECT_EQ(set.files[0].hunks, (std::vector<LineRange>{{2, 8}, {22, 29}}));
}

TEST(ChangeStatus, RenameWithEditsKeepsOldPathAndOnlyTheEditedLines) {
  test::GitRepo repo;
  repo.write("old/name.txt", "one\ntwo\nthree\nfour\nfive\nsix\n");
  std::string base = repo.commit("base");
  repo.git({"mv", "old/name.txt", "new name.txt"});
  repo.write("new name.txt", "one\ntwo\nthree\nfour\nfive\nSIX\n");
  std::string head = repo.commit("rename");

  EXPECT_EQ(diff_between(repo, base, head).files,
            (std::vector<FileChange>{renamed(ChangeStatus::renamed, "new name.txt", "old/name.txt",
                                             {{6, 6}}, {{3, 6}})}));
}

// Issue 14 item 2: copy detection made a new module that resembles an edited one a "copy", so
// only its differing lines counted and its findings on the copied lines passed the gate.
TEST(ChangeStatus, CopyOfAModifiedFileIsAddedWithEveryLine) {
  test::GitRepo repo;
  repo.write("src.txt", "alpha\nbeta\ngamma\ndelta\nepsilon\n");
  std::string base = repo.commit("base");
  repo.write("copy.txt", "alpha\nbeta\ngamma\ndelta\nepsilon\n");
  repo.write("src.txt", "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\n");
  std::string head = repo.commit("copy");

  EXPECT_EQ(
      diff_between(repo, base, head).files,
      (std::vector<FileChange>{change(ChangeStatus::added, "copy.txt", {{1, 5}}, {{1, 5}}),
                               change(ChangeStatus::modified, "src.txt", {{6, 6}}, {{3, 6}})}));
}

TEST(ChangeStatus, CopyOfAnUnchangedFileWithNewLinesIsAddedWithEveryLine) {
  test::GitRepo repo;
  std::string module;
  for (int i = 1; i <= 30; ++i) module += "VALUE_" + std::to_string(i) + " = 1\n";
  repo.write("settings.py", module);
  std::string base = repo.commit("base");
  repo.write("settings_dev.py", module + "app.run(debug=True)\n");
  std::string head = repo.commit("copy");

  EXPECT_EQ(diff_between(repo, base, head).files,
            (std::vector<FileChange>{
                change(ChangeStatus::added, "settings_dev.py", {{1, 31}}, {{1, 31}})}));
}

// `git diff -M` pairs one deleted file with one added file: of two new copies of a deleted file,
// one is the rename and the other is new code.
TEST(ChangeStatus, SeveralCopiesOfADeletedFileAreOneRenameAndAdditions) {
  test::GitRepo repo;
  repo.write("old.txt", "alpha\nbeta\ngamma\ndelta\nepsilon\n");
  std::string base = repo.commit("base");
  repo.remove("old.txt");
  repo.write("new1.txt", "alpha\nbeta\ngamma\ndelta\nepsilon\n");
  repo.write("new2.txt", "alpha\nbeta\ngamma\ndelta\nepsilon\n");
  std::string head = repo.commit("two copies");

  std::vector<FileChange> files = diff_between(repo, base, head).files;

  ASSERT_EQ(files.size(), 2u);
  size_t renames = 0;
  for (const FileChange& file : files) {
    if (file.status == ChangeStatus::renamed) {
      ++renames;
      EXPECT_EQ(file.old_path, "old.txt");
      EXPECT_TRUE(file.added_lines.empty());
    } else {
      EXPECT_EQ(file, change(ChangeStatus::added, file.path, {{1, 5}}, {{1, 5}}));
    }
  }
  EXPECT_EQ(renames, 1u);
}

TEST(ChangeStatus, PastTheRenameLimitSeveralIdenticalCopiesOfADeletedFileAreOneRename) {
  test::GitRepo repo;
  repo.write("old.txt", "alpha\nbeta\n");
  repo.write("other.txt", "x\n");
  std::string base = repo.commit("base");
  repo.remove("old.txt");
  repo.remove("other.txt");
  repo.write("a.txt", "alpha\nbeta\n");
  repo.write("b.txt", "alpha\nbeta\n");
  std::string head = repo.commit("two copies");
  ChangeSetOptions opts;
  opts.rename_limit = 1;

  EXPECT_EQ(diff_between(repo, base, head, opts).files,
            (std::vector<FileChange>{renamed(ChangeStatus::renamed, "a.txt", "old.txt"),
                                     change(ChangeStatus::added, "b.txt", {{1, 2}}, {{1, 2}}),
                                     change(ChangeStatus::deleted, "other.txt")}));
}

TEST(ChangeStatus, PastTheRenameLimitOnlyIdenticalContentsPairUpAndItIsNoted) {
  test::GitRepo repo;
  repo.write("a.txt", "same content\n");
  repo.write("b.txt", "first\nsecond\nthird\n");
  std::string base = repo.commit("base");
  repo.git({"mv", "a.txt", "a2.txt"});
  repo.git({"mv", "b.txt", "b2.txt"});
  repo.write("b2.txt", "first\nsecond\nthird\nfourth\n");
  std::string head = repo.commit("renames");
  ChangeSetOptions opts;
  opts.rename_limit = 1;

  ChangeSet set = diff_between(repo, base, head, opts);

  EXPECT_EQ(set.files,
            (std::vector<FileChange>{renamed(ChangeStatus::renamed, "a2.txt", "a.txt"),
                                     change(ChangeStatus::deleted, "b.txt"),
                                     change(ChangeStatus::added, "b2.txt", {{1, 4}}, {{1, 4}})}));
  EXPECT_EQ(set.notes, (std::vector<std::string>{
                           "Rename detection matched identical contents only: 2 added files "
                           "against 2 possible sources exceed the rename limit of 1 (as git's "
                           "diff.renameLimit)."}));
}

TEST(ChangeStatus, WithinTheRenameLimitSimilarFilesAreRenames) {
  test::GitRepo repo;
  repo.write("b.txt", "first\nsecond\nthird\n");
  std::string base = repo.commit("base");
  repo.git({"mv", "b.txt", "b2.txt"});
  repo.write("b2.txt", "first\nsecond\nthird\nfourth\n");
  std::string head = repo.commit("rename");
  ChangeSetOptions opts;
  opts.rename_limit = 1;

  ChangeSet set = diff_between(repo, base, head, opts);

  EXPECT_EQ(set.files, (std::vector<FileChange>{
                           renamed(ChangeStatus::renamed, "b2.txt", "b.txt", {{4, 4}}, {{1, 4}})}));
  EXPECT_TRUE(set.notes.empty());
}

// A changed binary file cannot be diffed line by line: all of its lines count, so a secret
// scanner's finding on any line of it gates.
TEST(ChangeStatus, BinaryFileIsFlaggedAndEveryLineCountsAsAdded) {
  test::GitRepo repo;
  std::string base = repo.commit("empty");
  repo.write("image.bin", std::string("\x89PNG\0\0\x01\x02\nsecond", 15));
  std::string head = repo.commit("binary");

  FileChange expected = change(ChangeStatus::added, "image.bin", {{1, 2}}, {{1, 2}});
  expected.binary = true;
  EXPECT_EQ(diff_between(repo, base, head).files, (std::vector<FileChange>{expected}));
}

// Issue 13 item 4: one NUL byte made a .js file "binary"; it still is (so no code scanner parses
// it), but every line of it is added for the secret scanner that reads it.
TEST(ChangeStatus, NulByteInASourceFileMakesItBinaryWithEveryLineAdded) {
  test::GitRepo repo;
  repo.write("app.js", "const a = 1;\n");
  std::string base = repo.commit("base");
  repo.write("app.js", std::string("const a = 1;\n\0\nconst key = 'AKIA...';\n", 38));
  std::string head = repo.commit("nul");

  FileChange expected = change(ChangeStatus::modified, "app.js", {{1, 3}}, {{1, 3}});
  expected.binary = true;
  EXPECT_EQ(diff_between(repo, base, head).files, (std::vector<FileChange>{expected}));
}

TEST(ChangeStatus, BinaryFileRenamedUnchangedIsBinaryWithNoAddedLine) {
  test::GitRepo repo;
  repo.write("old.png", std::string("\x89PNG\0\0\x01\x02\n", 9));
  std::string base = repo.commit("base");
  repo.git({"mv", "old.png", "new.png"});
  std::string head = repo.commit("rename");

  FileChange expected = renamed(ChangeStatus::renamed, "new.png", "old.png");
  expected.binary = true;
  EXPECT_EQ(diff_between(repo, base, head).files, (std::vector<FileChange>{expected}));
}

TEST(ChangeStatus, GitLfsPointerIsFlagged) {
  test::GitRepo repo;
  std::string base = repo.commit("empty");
  repo.write("model.py", "version https://git-lfs.github.com/spec/v1\noid sha256:" +
                             std::string(64, '0') + "\nsize 12345\n");
  repo.write("notes.py", "version = 1\n");
  std::string head = repo.commit("lfs");

  FileChange pointer = change(ChangeStatus::added, "model.py", {{1, 3}}, {{1, 3}});
  pointer.lfs_pointer = true;
  EXPECT_EQ(diff_between(repo, base, head).files,
            (std::vector<FileChange>{pointer,
                                     change(ChangeStatus::added, "notes.py", {{1, 1}}, {{1, 1}})}));
}

TEST(ChangeStatus, SubmoduleAndSymlinkAreFlagged) {
  test::GitRepo repo;
  std::string base = repo.commit("empty");
  repo.git({"update-index", "--add", "--cacheinfo",
            "160000,0123456789abcdef0123456789abcdef01234567,vendor/lib"});
  std::filesystem::create_symlink("target.txt", repo.path() + "/link");
  repo.git({"add", "link"});
  repo.git({"commit", "-q", "-m", "submodule and link"});
  std::string head = repo.git({"rev-parse", "HEAD"});

  ChangeSetOptions opts;
  opts.names_only = true;
  ChangeSet set = diff_between(repo, base, head, opts);

  FileChange link = change(ChangeStatus::added, "link");
  link.symlink = true;
  FileChange submodule = change(ChangeStatus::added, "vendor/lib");
  submodule.submodule = true;
  EXPECT_EQ(set.files, (std::vector<FileChange>{link, submodule}));
  EXPECT_FALSE(set.files[0].scannable());
  EXPECT_FALSE(set.files[1].scannable());
}

TEST(ChangeStatus, FileReplacedBySymlinkIsATypeChange) {
  test::GitRepo repo;
  repo.write("config", "value\n");
  std::string base = repo.commit("file");
  repo.remove("config");
  std::filesystem::create_symlink("elsewhere", repo.path() + "/config");
  std::string head = repo.commit("link");

  ChangeSetOptions opts;
  opts.names_only = true;
  FileChange expected = change(ChangeStatus::type_change, "config");
  expected.symlink = true;
  EXPECT_EQ(diff_between(repo, base, head, opts).files, (std::vector<FileChange>{expected}));
}

TEST(ChangeStatus, HostilePathsAreByteExactAndSortedByBytes) {
  test::GitRepo repo;
  std::string base = repo.commit("empty");
  const std::vector<std::string> paths{"-rf", "dir with space/a b.txt", "line\nbreak.txt",
                                       std::string("caf\xe9.txt")};
  for (const std::string& path : paths) repo.write(path, "x\n");
  std::string head = repo.commit("hostile names");

  ChangeSetOptions opts;
  opts.names_only = true;
  std::vector<FileChange> expected;
  for (const std::string& path : {paths[0], std::string("caf\xe9.txt"), paths[1], paths[2]}) {
    expected.push_back(change(ChangeStatus::added, path));
  }
  EXPECT_EQ(diff_between(repo, base, head, opts).files, expected);
}

TEST(ChangeStatus, NamesOnlyListsFilesWithoutLines) {
  test::GitRepo repo;
  repo.write("a.txt", "1\n");
  std::string base = repo.commit("base");
  repo.write("a.txt", "1\n2\n");
  std::string head = repo.commit("head");
  ChangeSetOptions opts;
  opts.names_only = true;

  ChangeSet set = diff_between(repo, base, head, opts);

  EXPECT_FALSE(set.lines_known);
  EXPECT_EQ(set.files, (std::vector<FileChange>{change(ChangeStatus::modified, "a.txt")}));
}

// Issue 13 item 4: attributes, from the base or from the change, never hide a file's lines or
// make a text file binary: binary-ness is the content's alone.
TEST(ChangeStatus, GitattributesNeverMakeATextFileBinaryOrHideItsLines) {
  test::GitRepo repo;
  repo.write(".gitattributes", "*.dat binary\n");
  std::string base = repo.commit("attributes");
  repo.write(".gitattributes", "*.dat binary\n* binary\n*.js -diff\n* diff=evil\n");
  repo.write("table.dat", "plain text\n");
  repo.write("app.js", "a\nb\n");
  std::string head = repo.commit("data");
  repo.git({"config", "diff.evil.binary", "true"});

  EXPECT_EQ(
      diff_between(repo, base, head).files,
      (std::vector<FileChange>{change(ChangeStatus::modified, ".gitattributes", {{2, 4}}, {{1, 4}}),
                               change(ChangeStatus::added, "app.js", {{1, 2}}, {{1, 2}}),
                               change(ChangeStatus::added, "table.dat", {{1, 1}}, {{1, 1}})}));
}

// Issue 13 item 9: 43 bytes of `**/` hang libgit2's attribute matcher on a deep path. The change
// set never asks libgit2 for an attribute, so the pattern is never matched.
TEST(ChangeStatus, PathologicalAttributePatternIsNeverMatched) {
  test::GitRepo repo;
  repo.write("old.py", "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n");
  std::string base = repo.commit("base");
  std::string deep;
  for (int i = 0; i < 60; ++i) deep += "a/";
  std::string pattern;
  for (int i = 0; i < 14; ++i) pattern += "**/";
  // A rename to a deep path, so the similarity search runs on it too.
  repo.remove("old.py");
  repo.write(deep + "a.py", "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\n");
  repo.commit("deep");
  std::string head = repo.commit_top_level_file(".gitattributes", pattern + "b diff=x\n", "hang");
  ChangeSetOptions opts;
  opts.deadline = std::chrono::seconds(60);  // a hang would exit 3 here, failing the test run

  auto start = std::chrono::steady_clock::now();
  ChangeSet set = diff_between(repo, base, head, opts);

  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  ASSERT_EQ(set.files.size(), 2u);
  EXPECT_EQ(set.files[1],
            renamed(ChangeStatus::renamed, deep + "a.py", "old.py", {{6, 6}}, {{3, 6}}));
}

TEST(ChangeStatus, PastTheRenameLimitAnIdenticalCopyOfAModifiedFileIsAdded) {
  test::GitRepo repo;
  repo.write("src.txt", "alpha\nbeta\n");
  repo.write("other.txt", "x\n");
  std::string base = repo.commit("base");
  repo.write("copy.txt", "alpha\nbeta\n");
  repo.write("copy2.txt", "something else\n");
  repo.write("src.txt", "alpha\nbeta\ngamma\n");
  repo.write("other.txt", "y\n");
  std::string head = repo.commit("copy");
  ChangeSetOptions opts;
  opts.rename_limit = 1;

  ChangeSet set = diff_between(repo, base, head, opts);

  EXPECT_EQ(set.files, (std::vector<FileChange>{
                           change(ChangeStatus::added, "copy.txt", {{1, 2}}, {{1, 2}}),
                           change(ChangeStatus::added, "copy2.txt", {{1, 1}}, {{1, 1}}),
                           change(ChangeStatus::modified, "other.txt", {{1, 1}}, {{1, 1}}),
                           change(ChangeStatus::modified, "src.txt", {{3, 3}}, {{1, 3}})}));
  EXPECT_TRUE(set.notes.empty());  // no deleted file: nothing to pair, no search to bound
}

// Enough files for the line diff to be spread over several worker threads.
TEST(ChangeStatus, LineRangesOfManyFilesAreExactForEachFile) {
  test::GitRepo repo;
  for (int i = 0; i < 300; ++i) repo.write("f" + std::to_string(1000 + i), "a\nb\nc\nd\ne\n");
  std::string base = repo.commit("base");
  std::vector<FileChange> expected;
  for (int i = 0; i < 300; ++i) {
    uint32_t line = 1 + static_cast<uint32_t>(i % 5);
    std::string text = "a\nb\nc\nd\ne\n";
    text.replace((line - 1) * 2, 1, "X");
    repo.write("f" + std::to_string(1000 + i), text);
    expected.push_back(change(ChangeStatus::modified, "f" + std::to_string(1000 + i),
                              {{line, line}},
                              {{line > 3 ? line - 3 : 1u, std::min(5u, line + 3)}}));
  }
  std::string head = repo.commit("one line per file");

  EXPECT_EQ(diff_between(repo, base, head).files, expected);
}

// `lamina scan` starts its scanners before the line diff (defer_lines): the content flags come
// first, the lines later, and together they are exactly what one pass gives.
TEST(ChangeStatus, DeferredLinesEqualTheLinesOfOnePass) {
  test::GitRepo repo;
  std::string body;
  for (int i = 1; i <= 40; ++i) body += "line " + std::to_string(i) + "\n";
  repo.write("keep.txt", "1\n2\n3\n");
  repo.write("moved.txt", body);
  repo.write("same.txt", body + "same\n");
  repo.write("gone.txt", "bye\n");
  repo.write("image.bin", std::string("\x89PNG\0\0", 7));
  std::string base = repo.commit("base");
  repo.write("keep.txt", "1\nTWO\n3\nfour\n");
  repo.remove("moved.txt");
  repo.write("sub/moved.txt", body + "one more\n");  // a rename with an added line
  repo.remove("same.txt");
  repo.write("sub/same.txt", body + "same\n");  // an exact rename
  repo.remove("gone.txt");
  repo.write("image.bin", std::string("\x89PNG\0\1\n\n", 9));
  repo.write("pointer.dat", "version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 3\n");
  repo.write("new.py", "a = 1\nb = 2\n");
  std::string head = repo.commit("head");

  ChangeSet one_pass = diff_between(repo, base, head);
  ChangeSetOptions defer;
  defer.defer_lines = true;
  ChangeSet deferred = diff_between(repo, base, head, defer);

  EXPECT_FALSE(deferred.lines_known);
  ASSERT_EQ(deferred.files.size(), one_pass.files.size());
  for (size_t i = 0; i < one_pass.files.size(); ++i) {
    const FileChange& early = deferred.files[i];
    EXPECT_EQ(early.path, one_pass.files[i].path);
    EXPECT_EQ(early.status, one_pass.files[i].status) << early.path;
    EXPECT_EQ(early.binary, one_pass.files[i].binary) << early.path;
    EXPECT_EQ(early.lfs_pointer, one_pass.files[i].lfs_pointer) << early.path;
    EXPECT_TRUE(early.added_lines.empty()) << early.path;
  }
  std::vector<FileChange> lines = compute_pending_lines(deferred);
  apply_pending_lines(deferred, std::move(lines));
  EXPECT_TRUE(deferred.lines_known);
  EXPECT_TRUE(deferred.pending_lines.empty());
  EXPECT_EQ(deferred.files, one_pass.files);
  // The flags were worth comparing: the change has a binary file and an LFS pointer.
  auto file = [&](const std::string& path) {
    return *std::find_if(one_pass.files.begin(), one_pass.files.end(),
                         [&](const FileChange& f) { return f.path == path; });
  };
  EXPECT_TRUE(file("image.bin").binary);
  EXPECT_TRUE(file("pointer.dat").lfs_pointer);
  EXPECT_EQ(file("sub/moved.txt").added_lines, (std::vector<LineRange>{{41, 41}}));
  EXPECT_TRUE(file("sub/same.txt").added_lines.empty());
}

}  // namespace
}  // namespace lamina
