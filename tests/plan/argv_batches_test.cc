#include "plan/argv_batches.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

using Strings = std::vector<std::string>;

TEST(ArgvBatchesTest, FillsPlaceholdersAndLeavesOutForTheRunner) {
  auto batches = build_argv_batches({"tool", "--root={repo}", "-o", "{out}", "{files}"},
                                    {{"repo", "/r"}}, {"a", "b"}, 1 << 20);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0].argv, (Strings{"tool", "--root=/r", "-o", "{out}", "a", "b"}));
  EXPECT_EQ(batches[0].out_slots, (std::vector<OutSlot>{{3, 0}}));
  EXPECT_EQ(batches[0].file_count, 2u);
}

// Issue 13 item 3: a file named like a placeholder is a file name, never expanded.
TEST(ArgvBatchesTest, FileNamesAndFilledValuesHoldingOutAreNeverMarkedForTheRunner) {
  auto batches =
      build_argv_batches({"tool", "--root={root}", "{files}", "--sarif={out}"},
                         {{"root", "/r/x{out}"}}, {"config{out}.js", "b{files}"}, 1 << 20);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0].argv,
            (Strings{"tool", "--root=/r/x{out}", "config{out}.js", "b{files}", "--sarif={out}"}));
  EXPECT_EQ(batches[0].out_slots, (std::vector<OutSlot>{{4, 8}}));
}

TEST(ArgvBatchesTest, OutSlotsAfterTheFilesFollowEachBatchesFileCount) {
  std::vector<std::string_view> files = {"f1", "f2", "f3"};
  // "tool" 13, "-o" 11, "{out}" 14, each file 11: two files per batch.
  auto batches =
      build_argv_batches({"tool", "{files}", "-o", "{out}"}, {}, files, 13 + 11 + 14 + 22);
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[0].argv, (Strings{"tool", "f1", "f2", "-o", "{out}"}));
  EXPECT_EQ(batches[0].out_slots, (std::vector<OutSlot>{{4, 0}}));
  EXPECT_EQ(batches[1].argv, (Strings{"tool", "f3", "-o", "{out}"}));
  EXPECT_EQ(batches[1].out_slots, (std::vector<OutSlot>{{3, 0}}));
}

TEST(ArgvBatchesTest, SplitsFilesSoEachArgvFitsAndKeepsTrailingArguments) {
  // Each argument costs its length + NUL + pointer: "tool" 13, "--end" 14, each file 11.
  std::vector<std::string_view> files = {"f1", "f2", "f3", "f4", "f5"};
  auto batches = build_argv_batches({"tool", "{files}", "--end"}, {}, files, 13 + 14 + 22);
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[0].argv, (Strings{"tool", "f1", "f2", "--end"}));
  EXPECT_EQ(batches[2].argv, (Strings{"tool", "f5", "--end"}));
  EXPECT_EQ(batches[2].first_file, 4u);
}

TEST(ArgvBatchesTest, TemplateWithoutFilesGivesOneBatch) {
  auto batches = build_argv_batches({"tool", "{repo}"}, {{"repo", "/r"}}, {"a"}, 1 << 20);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0].argv, (Strings{"tool", "/r"}));
  EXPECT_EQ(batches[0].file_count, 0u);
}

TEST(ArgvBatchesTest, DashLeadingNamesGetDotSlash) {
  EXPECT_EQ(file_argument("-rf"), "./-rf");
  EXPECT_EQ(file_argument("--help.sh"), "./--help.sh");
  EXPECT_EQ(file_argument("a/-rf"), "a/-rf");
}

TEST(ArgvBatchesTest, ExtraArgsGoBeforeDoubleDashOrTheFirstPlaceholder) {
  EXPECT_EQ(insert_extra_args({"t", "-a", "--", "{files}"}, {"-x"}),
            (Strings{"t", "-a", "-x", "--", "{files}"}));
  EXPECT_EQ(insert_extra_args({"t", "-o", "{out}", "{files}"}, {"-x"}),
            (Strings{"t", "-x", "-o", "{out}", "{files}"}));
  EXPECT_EQ(insert_extra_args({"t", "-u", "{target_url}", "-f", "json"}, {"-x"}),
            (Strings{"t", "-x", "-u", "{target_url}", "-f", "json"}));
  EXPECT_EQ(insert_extra_args({"t", "-a"}, {"-x"}), (Strings{"t", "-a", "-x"}));
}

TEST(ArgvBatchesTest, SystemArgumentSpaceIsBelowArgMax) {
  size_t space = system_argument_space();
  EXPECT_GT(space, 0u);
  EXPECT_LT(space, static_cast<size_t>(::sysconf(_SC_ARG_MAX)));
}

}  // namespace
}  // namespace lamina
