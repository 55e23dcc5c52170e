// Whole-file reads and the folder written by descriptor.
#include "util/file_io.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "test_support.h"
#include "util/error.h"

namespace lamina {
namespace {

namespace fs = std::filesystem;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// A file "victim" outside folder "out", and a symlink out/<link> to it.
void plant_link(const test::TempDir& dir, const std::string& link) {
  test::write_file(dir.file("victim"), "untouched");
  fs::create_directories(dir.file("out"));
  fs::create_symlink(dir.file("victim"), dir.file("out/" + link));
}

TEST(ReadFile, ReadsBytesAndNamesTheProblem) {
  test::TempDir dir;
  test::write_file(dir.file("a"), std::string("x\0y", 3));
  EXPECT_EQ(read_file(dir.file("a")), std::string("x\0y", 3));
  std::string why;
  EXPECT_FALSE(read_file(dir.path(), &why));
  EXPECT_EQ(why, "is a directory");
}

TEST(Folder, OpenRefusesASymlinkAtTheFolderItself) {
  test::TempDir dir;
  fs::create_directories(dir.file("real"));
  fs::create_directory_symlink(dir.file("real"), dir.file("link"));
  EXPECT_EQ(error_of([&] { Folder::open(dir.file("link")); }),
            dir.file("link") + ": a symlink or a file, not a folder");
  EXPECT_EQ(Folder::open(dir.file("real")).path(), dir.file("real"));
}

TEST(Folder, OpenBeneathCreatesFoldersAndNeverGoesThroughASymlink) {
  test::TempDir dir;
  fs::create_directories(dir.file("elsewhere"));
  fs::create_directories(dir.file("repo"));
  fs::create_directory_symlink(dir.file("elsewhere"), dir.file("repo/reports"));
  Folder repo = Folder::open(dir.file("repo"));
  EXPECT_EQ(Folder::open_beneath(repo, "a/./b/", true).path(), dir.file("repo/a/b"));
  EXPECT_TRUE(fs::is_directory(dir.file("repo/a/b")));
  EXPECT_EQ(error_of([&] { Folder::open_beneath(repo, "reports/out", true); }),
            dir.file("repo/reports") + ": a symlink or a file, not a folder");
  EXPECT_TRUE(fs::is_empty(dir.file("elsewhere")));
  EXPECT_EQ(error_of([&] { Folder::open_beneath(repo, "a/../..", true); }),
            dir.file("repo/a/..") + ": \"..\" is not allowed here");
}

TEST(Folder, WritesReplaceASymlinkAtTheNameAndLeaveNoTemporaryFile) {
  test::TempDir dir;
  plant_link(dir, "report.json");
  Folder out = Folder::open(dir.file("out"));
  out.write_atomically("report.json", "{}");
  EXPECT_EQ(read_file(dir.file("victim")), "untouched");
  EXPECT_FALSE(fs::is_symlink(dir.file("out/report.json")));
  EXPECT_EQ(read_file(dir.file("out/report.json")), "{}");
  EXPECT_EQ(out.names(), std::vector<std::string>{"report.json"});
}

TEST(Folder, AFailedWriteNamesThePathAndLeavesNothing) {
  test::TempDir dir;
  fs::create_directories(dir.file("out/report.json"));
  Folder out = Folder::open(dir.file("out"));
  EXPECT_EQ(error_of([&] {
              out.write_atomically("report.json", "{}");
            }).rfind("cannot write " + dir.file("out/report.json") + ": ", 0),
            0u);
  EXPECT_EQ(out.names(), std::vector<std::string>{"report.json"});
}

TEST(Folder, RemoveTakesTheLinkNotWhatItPointsTo) {
  test::TempDir dir;
  plant_link(dir, "link");
  fs::create_directories(dir.file("out/sub"));
  Folder out = Folder::open(dir.file("out"));
  EXPECT_TRUE(out.remove("link"));
  EXPECT_FALSE(out.remove("link"));
  EXPECT_FALSE(out.remove("sub"));  // never a folder
  EXPECT_EQ(read_file(dir.file("victim")), "untouched");
  EXPECT_EQ(out.names(), std::vector<std::string>{"sub"});
}

// The one maker of lamina's temporary folders (runs, configs, artifacts, staged files).
TEST(PrivateDirectory, IsNewOwnerOnlyAndNamedByItsPrefix) {
  test::TempDir dir;
  std::string a = make_private_directory(dir.path(), "lamina-run-", "a run directory");
  std::string b = make_private_directory(dir.path(), "lamina-run-", "a run directory");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.rfind(dir.path() + "/lamina-run-", 0), 0u) << a;
  EXPECT_EQ(fs::status(a).permissions() & fs::perms::all, fs::perms::owner_all);
  EXPECT_EQ(error_of([&] { make_private_directory(dir.file("missing"), "x-", "the thing"); }),
            "temporary directory " + dir.file("missing") +
                ": cannot create the thing (No such file or directory); set TMPDIR to a writable "
                "directory");
}

}  // namespace
}  // namespace lamina
