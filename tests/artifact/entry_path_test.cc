#include "artifact/entry_path.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

TEST(CleanEntryPath, DropsDotAndEmptyComponents) {
  std::string why;
  EXPECT_EQ(clean_entry_path("./usr//lib/./x", {}, &why), "usr/lib/x");
  EXPECT_EQ(clean_entry_path("./", {}, &why), "");
}

TEST(CleanEntryPath, RefusesAbsoluteDotDotAndDeepPaths) {
  std::string why;
  EXPECT_EQ(clean_entry_path("/etc/passwd", {}, &why), std::nullopt);
  EXPECT_EQ(why, "absolute path");
  EXPECT_EQ(clean_entry_path("a/../../b", {}, &why), std::nullopt);
  EXPECT_EQ(why, "\"..\" in the path");
  UnpackLimits limits;
  limits.path_depth = 2;
  EXPECT_EQ(clean_entry_path("a/b/c", limits, &why), std::nullopt);
  EXPECT_EQ(why, "path deeper than the limit of 2 folders");
}

TEST(CleanEntryPath, RefusesControlCharacters) {
  std::string why;
  for (std::string_view raw : {"a\nb", "a\rb", "a\tb", "\x7f", "a\xc2\x9b", "\x1b[2J"}) {
    EXPECT_EQ(clean_entry_path(raw, {}, &why), std::nullopt) << raw;
    EXPECT_EQ(why, "control character (newline, tab, escape...) in the path");
  }
  EXPECT_EQ(clean_entry_path("caf\xc3\xa9/\xc2\xa0x", {}, &why), "caf\xc3\xa9/\xc2\xa0x");
}

TEST(ConfinedSymlinkTarget, KeepsSiblingLinksShort) {
  EXPECT_EQ(confined_symlink_target("usr/lib/libz.so", "libz.so.1"), "libz.so.1");
  EXPECT_EQ(confined_symlink_target("usr/lib/x", "../bin/y"), "../bin/y");
}

TEST(ConfinedSymlinkTarget, ResolvesAbsoluteTargetsFromTheRoot) {
  EXPECT_EQ(confined_symlink_target("usr/lib/x", "/etc/passwd"), "../../etc/passwd");
  EXPECT_EQ(confined_symlink_target("x", "/"), ".");
}

TEST(ConfinedSymlinkTarget, NeverClimbsAboveTheRoot) {
  EXPECT_EQ(confined_symlink_target("a/x", "../../../../etc"), "../etc");
  EXPECT_EQ(confined_symlink_target("a/x", "s/../../.."), "..");
}

}  // namespace
}  // namespace lamina
