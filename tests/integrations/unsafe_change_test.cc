// A pull request that commits node_modules/eslint-plugin-security: ESLint would load it from the
// project folder (ahead of NODE_PATH) and run it. lamina must not start eslint: the plugin's code
// never runs, the scan fails (exit 3) naming the path, and a change without node_modules runs
// eslint as usual. The real lamina binary, real git, real eslint.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "test_support.h"
#include "util/file_io.h"
#include "util/spawn.h"

namespace lamina {
namespace {

class UnsafeChange : public ::testing::Test {
 protected:
  void SetUp() override {
    eslint_bin = test::source_path("node_modules/.bin");
    if (find_executable("eslint", eslint_bin).empty())
      GTEST_SKIP() << "eslint is not installed: run scripts/bootstrap --test";
    test::git(dir.path(), {"init", "-q", "-b", "main", repo});
    test::write_file(repo + "/web/package.json", "{\"name\": \"web\"}\n");
    test::write_file(repo + "/web/app.js", "module.exports = 1;\n");
    test::git(repo, {"add", "-A"});
    test::git(repo, {"commit", "-qm", "base"});
    base = test::git(repo, {"rev-parse", "HEAD"});
  }
  // Commits `files` on top of the base and scans that commit against it.
  test::ProcessOutput scan_change(const std::vector<std::pair<std::string, std::string>>& files) {
    for (const auto& [path, text] : files) test::write_file(repo + "/" + path, text);
    test::git(repo, {"add", "-A", "-f"});
    test::git(repo, {"commit", "-qm", "change"});
    std::string head = test::git(repo, {"rev-parse", "HEAD"});
    return test::run_lamina(
        {"scan", "--layer", "inline", "--base", base, "--head", head, "--out", dir.file("out"),
         "--fail-on", "never"},
        repo,
        {"PATH=" + eslint_bin + ":" + std::getenv("PATH"),
         "NODE_PATH=" + test::source_path("node_modules"), "HOME=" + dir.path()});
  }
  test::TempDir dir;
  std::string repo = dir.file("repo");
  std::string base, eslint_bin;
};

TEST_F(UnsafeChange, ACommittedEslintPluginIsNeverLoaded) {
  std::string marker = dir.file("PLUGIN-RAN");
  test::ProcessOutput out = scan_change(
      {{"web/node_modules/eslint-plugin-security/package.json",
        "{\"name\": \"eslint-plugin-security\", \"version\": \"9.9.9\", \"main\": \"index.js\"}\n"},
       {"web/node_modules/eslint-plugin-security/index.js", "require('fs').writeFileSync('" +
                                                                marker +
                                                                "', 'ran');\n"
                                                                "module.exports = {rules: {}};\n"},
       {"web/app.js", "module.exports = eval(process.argv[2]);\n"}});
  EXPECT_EQ(out.exit_code, 3) << out.out << out.err;
  EXPECT_NE(::access(marker.c_str(), F_OK), 0) << "the change's eslint plugin ran";
  EXPECT_NE(out.out.find("not run: the change adds or modifies "
                         "\"web/node_modules/eslint-plugin-security/index.js\", under "
                         "\"node_modules\", which eslint loads code or configuration from"),
            std::string::npos)
      << out.out;
  std::string sarif = read_file(dir.file("out/lamina.sarif")).value_or("");
  EXPECT_NE(sarif.find("which eslint loads code or configuration from"), std::string::npos);
  EXPECT_NE(sarif.find("\"executionSuccessful\":false"), std::string::npos);
}

TEST_F(UnsafeChange, ASymlinkNamedNodeModulesIsRefusedToo) {
  test::write_file(repo + "/plugins/eslint-plugin-security/index.js", "module.exports = {};\n");
  ASSERT_EQ(::symlink("../plugins", (repo + "/web/node_modules").c_str()), 0);
  test::ProcessOutput out = scan_change({{"web/app.js", "module.exports = 2;\n"}});
  EXPECT_EQ(out.exit_code, 3) << out.out << out.err;
  EXPECT_NE(out.out.find("\"web/node_modules\""), std::string::npos) << out.out;
}

TEST_F(UnsafeChange, AChangeWithoutNodeModulesRunsEslint) {
  test::ProcessOutput out =
      scan_change({{"web/app.js", "module.exports = function (x) { return eval(x); };\n"}});
  EXPECT_EQ(out.exit_code, 0) << out.out << out.err;  // --fail-on never: findings do not gate
  EXPECT_NE(out.out.find("security/detect-eval-with-expression"), std::string::npos) << out.out;
}

}  // namespace
}  // namespace lamina
