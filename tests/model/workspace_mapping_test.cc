#include "model/workspace_mapping.h"

#include <gtest/gtest.h>

#include "model/paths.h"

namespace lamina {
namespace {

// The repository as lamina sees it, and the files tracked in it.
const std::vector<std::string_view> kFiles = {"README.md", "go.mod", "lib/x.js",
                                              "sub-rust-project/Cargo.lock"};

WorkspaceHints hints(const std::string& workspace = "") {
  WorkspaceHints h = default_workspace_hints(workspace);
  h.files = kFiles;
  return h;
}

std::optional<std::string> mapped(std::string_view absolute, const WorkspaceHints& h = hints(),
                                  std::string_view root = "/repo") {
  std::optional<WorkspaceMatch> m = map_from_workspace(absolute, root, h);
  return m ? std::optional(m->path) : std::nullopt;
}

TEST(WorkspaceMapping, KnownWorkspacesMapIntoTheRepository) {
  EXPECT_EQ(mapped("/github/workspace/src/new.c"), "src/new.c");  // not tracked: lexical
  EXPECT_EQ(mapped("/src/lib/x.js"), "lib/x.js");
  EXPECT_EQ(mapped("/home/runner/work/app/app/lib/x.js"), "lib/x.js");
  EXPECT_EQ(mapped("/__w/app/app/lib/x.js"), "lib/x.js");
  EXPECT_EQ(mapped("/ci/job-7/lib/y.js", hints("/ci/job-7")), "lib/y.js");
  std::optional<WorkspaceMatch> m = map_from_workspace("/github/workspace/a.c", "/repo", hints());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->how, "under the workspace /github/workspace");
}

TEST(WorkspaceMapping, GitlabNestedGroupsAreResolvedWithTheTrackedFiles) {
  EXPECT_EQ(mapped("/builds/group/project/lib/x.js"), "lib/x.js");
  EXPECT_EQ(mapped("/builds/group/sub/project/lib/x.js"), "lib/x.js");
  WorkspaceHints no_files = default_workspace_hints("");
  EXPECT_EQ(mapped("/builds/group/project/src/a.c", no_files), "src/a.c");
}

TEST(WorkspaceMapping, AnyOtherPathMapsByItsLongestSuffixNamingATrackedFile) {
  EXPECT_EQ(mapped("/path/to/sub-rust-project/Cargo.lock"), "sub-rust-project/Cargo.lock");
  EXPECT_EQ(mapped("/Users/me/dev/app/go.mod"), "go.mod");
  EXPECT_EQ(mapped("/C:/codeql/lib/x.js"), "lib/x.js");  // file:///C:/... on Windows
  std::optional<WorkspaceMatch> m = map_from_workspace("/x/README.md", "/repo", hints());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->how, "by its longest suffix naming a repository file");
}

TEST(WorkspaceMapping, NothingMapsAPathNoRuleExplains) {
  EXPECT_FALSE(mapped("/usr/lib/node_modules/left-pad/index.js"));
  EXPECT_FALSE(mapped("/github/workspace"));  // the workspace itself is no file
  EXPECT_FALSE(mapped("/etc/passwd", default_workspace_hints("")));
}

// On the runner, lamina's checkout is /home/runner/work/app/app: a path elsewhere under the
// runner's work folder is another checkout, never this repository.
TEST(WorkspaceMapping, ALayoutHoldingTheRepositoryItselfIsNotUsed) {
  WorkspaceHints no_files = default_workspace_hints("/home/runner/work/app");
  EXPECT_FALSE(
      mapped("/home/runner/work/app/other/secret.py", no_files, "/home/runner/work/app/app/"));
  EXPECT_FALSE(mapped("/home/runner/work/other/other/a.py", no_files, "/home/runner/work/app/app"));
  EXPECT_FALSE(mapped("/builds/g/other/a.py", no_files, "/builds/g/p"));
}

// Whatever the rules map to is a clean relative path: the resolver can never be walked out.
TEST(WorkspaceMapping, ThePathResolverConfinesEveryMapping) {
  WorkspaceHints h = hints();
  PathResolver resolver("/repo", "/repo", &h);
  for (const char* hostile : {"/github/workspace/../../etc/passwd", "/src/../etc/shadow",
                              "file:///github/workspace/%2e%2e/%2e%2e/etc/passwd",
                              "../../home/runner/work/a/a/../../../../etc/x"}) {
    PathResolution r = resolver.resolve(hostile);
    if (r.path) {
      EXPECT_EQ(r.path->find(".."), std::string::npos) << hostile << " -> " << *r.path;
      EXPECT_NE(r.path->front(), '/') << hostile;
    }
  }
  PathResolution escape = resolver.resolve("/github/workspace/../../etc/passwd");
  EXPECT_FALSE(escape.path);
  EXPECT_EQ(escape.refusal, "outside the repository");
  PathResolution via_workspace = resolver.resolve("file:///github/workspace/lib/a%20b.js");
  EXPECT_EQ(via_workspace.path, "lib/a b.js");
  EXPECT_EQ(via_workspace.mapped,
            "\"/github/workspace/lib/a b.js\" mapped under the workspace /github/workspace");
}

}  // namespace
}  // namespace lamina
