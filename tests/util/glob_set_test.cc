// Many globs against one path in one pass; the last matching glob of a group decides.
#include "util/glob_set.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

class GlobSetTest : public ::testing::Test {
 protected:
  void add(const std::string& pattern, uint32_t group) {
    uint32_t id = 0;
    std::string error;
    ASSERT_TRUE(set.add(pattern, group, &id, &error)) << error;
  }
  // "group:pattern" for each deciding glob.
  std::vector<std::string> hits(const std::string& path) {
    std::vector<GlobHit> found;
    set.match(path, &found);
    std::vector<std::string> out;
    for (const GlobHit& hit : found)
      out.push_back(std::to_string(hit.group) + ":" + set.glob(hit.glob).text);
    return out;
  }
  GlobSet set;
};

TEST_F(GlobSetTest, ReportsTheDecidingGlobOfEachGroup) {
  add("*.py", 1);
  add("scripts/**", 1);
  add("*.sh", 2);
  EXPECT_EQ(hits("scripts/build.py"), (std::vector<std::string>{"1:scripts/**"}));
  EXPECT_EQ(hits("lib/a.py"), (std::vector<std::string>{"1:*.py"}));
  EXPECT_EQ(hits("lib/a.sh"), (std::vector<std::string>{"2:*.sh"}));
  EXPECT_EQ(hits("README"), std::vector<std::string>{});
}

TEST_F(GlobSetTest, LaterNegationUnmatches) {
  add("*.js", 1);
  add("!*.test.js", 1);
  EXPECT_EQ(hits("a.test.js"), std::vector<std::string>{});
  EXPECT_EQ(hits("a.js"), (std::vector<std::string>{"1:*.js"}));
}

TEST_F(GlobSetTest, LaterPositiveReincludesAfterNegation) {
  add("vendor/", 0);
  add("!vendor/ours/", 0);
  add("vendor/ours/generated.c", 0);
  EXPECT_EQ(hits("vendor/lib/x.c"), (std::vector<std::string>{"0:vendor/"}));
  EXPECT_EQ(hits("vendor/ours/x.c"), std::vector<std::string>{});
  EXPECT_EQ(hits("vendor/ours/generated.c"),
            (std::vector<std::string>{"0:vendor/ours/generated.c"}));
}

TEST_F(GlobSetTest, FolderNameMatchesEverythingBelowIt) {
  add("node_modules/", 0);
  EXPECT_EQ(hits("web/node_modules/left-pad/index.js"),
            (std::vector<std::string>{"0:node_modules/"}));
  EXPECT_EQ(hits("node_modules"), std::vector<std::string>{});  // a file of that name
}

TEST_F(GlobSetTest, NameWithoutTrailingSlashMatchesFilesAndFolders) {
  add("build", 0);
  EXPECT_EQ(hits("build"), (std::vector<std::string>{"0:build"}));
  EXPECT_EQ(hits("sub/build/out.o"), (std::vector<std::string>{"0:build"}));
}

TEST_F(GlobSetTest, CachedFolderResultsStayCorrectAcrossDirectories) {
  add("docs/**", 1);
  add("*.md", 2);
  EXPECT_EQ(hits("docs/a.md"), (std::vector<std::string>{"1:docs/**", "2:*.md"}));
  EXPECT_EQ(hits("docs/b.txt"), (std::vector<std::string>{"1:docs/**"}));
  EXPECT_EQ(hits("src/c.md"), (std::vector<std::string>{"2:*.md"}));
  EXPECT_EQ(hits("docs/d.md"), (std::vector<std::string>{"1:docs/**", "2:*.md"}));
}

TEST_F(GlobSetTest, LiteralPathAndBasenameLookups) {
  add("/go.mod", 3);
  add("package.json", 4);
  EXPECT_EQ(hits("go.mod"), (std::vector<std::string>{"3:/go.mod"}));
  EXPECT_EQ(hits("svc/go.mod"), std::vector<std::string>{});
  EXPECT_EQ(hits("web/package.json"), (std::vector<std::string>{"4:package.json"}));
}

}  // namespace
}  // namespace lamina
