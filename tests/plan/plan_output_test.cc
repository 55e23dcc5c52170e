// `lamina plan` output: JSON for machines, text for people.
#include "plan/plan_output.h"

#include "plan_fixture.h"

namespace lamina {
namespace {

class PlanOutputTest : public test::PlanFixture {
 protected:
  Plan small_plan() {
    install({"shellcheck"});
    configure("scanners:\n  bandit:\n    enabled: false\n");
    change("ci/deploy.sh");
    change("node_modules/x/y.sh");
    catalog.scanners.erase(std::remove_if(catalog.scanners.begin(), catalog.scanners.end(),
                                          [](const ScannerSpec& s) {
                                            return s.id != "shellcheck" && s.id != "bandit";
                                          }),
                           catalog.scanners.end());
    return plan();
  }
};

TEST_F(PlanOutputTest, JsonHasEveryScannerWithArgvListsAndReasons) {
  nlohmann::json expected = nlohmann::json::parse(R"([
    {"id": "shellcheck", "name": "ShellCheck", "selected": true, "required": false,
     "installed": true, "installed_path": "BIN/shellcheck", "reason": "1 matching changed file",
     "install_hint": "apt-get install shellcheck",
     "files": [{"path": "ci/deploy.sh", "rule": "glob *.sh"}],
     "invocations": [["shellcheck", "--norc", "--format=json1", "--", "ci/deploy.sh"]],
     "invocation_details": [{"cwd": "REPO", "files": ["ci/deploy.sh"], "timeout_ms": 120000,
                             "format": "shellcheck-json1", "output_from": "stdout",
                             "ok_exit_codes": [0, 1], "env_passthrough": []}]},
    {"id": "bandit", "name": "Bandit", "selected": false, "required": false, "installed": false,
     "installed_path": "", "reason": "disabled by .lamina.yml line 3",
     "install_hint": "apt-get install bandit", "files": [], "invocations": [],
     "invocation_details": []}
  ])");
  expected[0]["installed_path"] = bin.file("shellcheck");
  expected[0]["invocation_details"][0]["cwd"] = repo.path();
  EXPECT_EQ(scanners_to_json(small_plan()), expected);
}

TEST_F(PlanOutputTest, PlanJsonListsExclusionsWithTheirRule) {
  nlohmann::json json = plan_to_json(small_plan());
  EXPECT_EQ(json["layer"], "inline");
  EXPECT_EQ(json["repo_root"], repo.path());
  EXPECT_EQ(json["excluded"][0]["path"], "node_modules/x/y.sh");
  EXPECT_EQ(json["excluded"][0]["rule"],
            "node_modules/ (vendored or generated; default_excludes: false keeps it)");
}

TEST_F(PlanOutputTest, TextExplainsEachDecision) {
  std::string text = plan_scanners_text(small_plan());
  EXPECT_EQ(text, "layer inline in " + repo.path() +
                      "\n\n"
                      "runs shellcheck: 1 matching changed file\n"
                      "  tool " +
                      bin.file("shellcheck") +
                      "\n"
                      "  ci/deploy.sh  (glob *.sh)\n"
                      "  $ shellcheck --norc --format=json1 -- ci/deploy.sh\n"
                      "    in " +
                      repo.path() +
                      ", timeout 2m\n\n"
                      "skips bandit: disabled by .lamina.yml line 3\n\n"
                      "excluded from every scanner:\n"
                      "  node_modules/x/y.sh  (node_modules/ (vendored or generated; "
                      "default_excludes: false keeps it))\n");
}

TEST_F(PlanOutputTest, TextQuotesArgumentsAReaderCouldMisread) {
  install({"eslint"});
  change("package.json", "{}\n");
  change("a b.js");
  std::string text = plan_scanners_text(plan());
  EXPECT_NE(text.find(" -- 'a b.js'\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace lamina
