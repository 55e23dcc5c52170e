#include "plan/shebang.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace lamina {
namespace {

TEST(ShebangTest, InterpreterIsTheProgramsBaseName) {
  EXPECT_EQ(shebang_interpreter("#!/bin/bash"), "bash");
  EXPECT_EQ(shebang_interpreter("#! /bin/sh -e"), "sh");
  EXPECT_EQ(shebang_interpreter("#!/bin/bash\r"), "bash");
}

TEST(ShebangTest, EnvSkipsOptionsAndAssignments) {
  EXPECT_EQ(shebang_interpreter("#!/usr/bin/env python3"), "python3");
  EXPECT_EQ(shebang_interpreter("#!/usr/bin/env -S bash -e"), "bash");
  EXPECT_EQ(shebang_interpreter("#!/usr/bin/env LANG=C perl"), "perl");
  EXPECT_EQ(shebang_interpreter("#!/usr/bin/env"), "");
}

TEST(ShebangTest, OtherFirstLinesAreNotShebangs) {
  EXPECT_EQ(shebang_interpreter("# !/bin/bash"), "");
  EXPECT_EQ(shebang_interpreter(""), "");
}

TEST(ShebangTest, VersionSuffixMatchesTheName) {
  EXPECT_EQ(matching_interpreter("python3.11", {"python", "python3"}), "python");
  EXPECT_EQ(matching_interpreter("python3", {"python3"}), "python3");
  EXPECT_EQ(matching_interpreter("pythonista", {"python"}), "");
  EXPECT_EQ(matching_interpreter("bash", {"sh"}), "");
}

TEST(ShebangTest, ReadsOnlyTheFirstLineOfARegularFile) {
  test::TempDir dir;
  test::write_file(dir.file("script"), "#!/bin/dash\necho hi\n");
  EXPECT_EQ(read_first_line(dir.file("script")), "#!/bin/dash");
  EXPECT_EQ(read_first_line(dir.file("missing")), "");
  EXPECT_EQ(read_first_line(dir.path()), "");  // a folder
}

TEST(ShebangTest, NeverFollowsASymlink) {
  test::TempDir dir;
  test::write_file(dir.file("target"), "#!/bin/bash\n");
  ASSERT_EQ(::symlink(dir.file("target").c_str(), dir.file("link").c_str()), 0);
  EXPECT_EQ(read_first_line(dir.file("link")), "");
}

}  // namespace
}  // namespace lamina
