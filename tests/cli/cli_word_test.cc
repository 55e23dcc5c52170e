// A CLI that keeps its word (issue 20, item 5): each command lists only the flags it reads, with
// their value types; `lamina action --help` is the action's; the local --fail-on default is the
// GitHub action's and the GitLab templates'.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <vector>

#include "cli/options.h"
#include "cli/scan_output.h"
#include "model/layer.h"
#include "test_support.h"
#include "util/file_io.h"

namespace lamina {
namespace {

CommandLine parse(std::vector<const char*> argv) {
  argv.insert(argv.begin(), "lamina");
  return parse_command_line(static_cast<int>(argv.size()), argv.data());
}

std::string help_of(const char* command) {
  CommandLine line = parse({command, "--help"});
  EXPECT_TRUE(line.exit_now && *line.exit_now == 0);
  return line.output;
}

TEST(CliWord, HelpShowsValueTypes) {
  std::string scan = help_of("scan");
  for (const char* shown : {"--fail-on sev1|sev2|sev3|never", "--timeout DURATION",
                            "--budget DURATION", "--out PATH", "--baseline PATH", "-C,--repo PATH",
                            "--filter added|context|file|all", "--only SCANNER,...", "--base REV",
                            "--layer inline|pre-deploy|post-deploy|continuous", "--staged"}) {
    EXPECT_NE(scan.find(shown), std::string::npos) << shown << "\n" << scan;
  }
  EXPECT_EQ(scan.find(" TEXT "), std::string::npos) << "an option without a value type:\n" << scan;
}

TEST(CliWord, EachCommandListsOnlyTheFlagsItReads) {
  std::string report = help_of("report");
  for (const char* absent : {"--jobs", "--timeout", "--only", "--skip", "--artifact",
                             "--target-url", "--json", "--budget", "--staged"}) {
    EXPECT_EQ(report.find(absent), std::string::npos) << absent << "\n" << report;
  }
  std::string scan = help_of("scan");
  EXPECT_EQ(scan.find("--json"), std::string::npos) << scan;  // prints no JSON, so offers none
  std::string plan = help_of("plan");
  for (const char* absent : {"--fail-on", "--out", "--publish", "--filter", "--jobs"}) {
    EXPECT_EQ(plan.find(absent), std::string::npos) << absent << "\n" << plan;
  }
  EXPECT_NE(plan.find("--json"), std::string::npos) << plan;
  std::string tickets = help_of("tickets");
  EXPECT_EQ(tickets.find("--base REV"), std::string::npos) << tickets;  // always every file
  // Not offered is refused, with exit 2.
  CommandLine json = parse({"scan", "--json"});
  ASSERT_TRUE(json.exit_now);
  EXPECT_EQ(*json.exit_now, 2);
  CommandLine jobs = parse({"report", "--input", "x.sarif", "--jobs", "2"});
  ASSERT_TRUE(jobs.exit_now);
  EXPECT_EQ(*jobs.exit_now, 2);
}

TEST(CliWord, ActionHelpNamesTheAction) {
  test::ProcessOutput out = test::run_lamina({"action", "--help"});
  EXPECT_EQ(out.exit_code, 0) << out.err;
  EXPECT_NE(out.out.find("Usage: lamina action"), std::string::npos) << out.out;
  EXPECT_EQ(out.out.find("Usage: lamina scan"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("INPUT_"), std::string::npos) << out.out;
}

// The default of the `fail-on` input of action.yml (inline), actions/<layer>/action.yml and
// gitlab-templates/lamina-<layer>.yml equals lamina's own default for that layer.
TEST(CliWord, LocalFailOnDefaultIsTheActionsAndTheTemplates) {
  size_t checked = 0;
  auto expect_default = [&](const std::string& file, const YAML::Node& input, Layer layer) {
    ASSERT_TRUE(input && input["default"]) << file << ": no fail-on default";
    EXPECT_EQ(input["default"].as<std::string>(), default_fail_on(layer)) << file;
    ++checked;
  };
  expect_default("action.yml", YAML::LoadFile(test::source_path("action.yml"))["inputs"]["fail-on"],
                 Layer::inline_layer);
  for (Layer layer :
       {Layer::inline_layer, Layer::pre_deploy, Layer::post_deploy, Layer::continuous}) {
    std::string name = to_string(layer);
    std::string action = test::source_path("actions/" + name + "/action.yml");
    expect_default(action, YAML::LoadFile(action)["inputs"]["fail-on"], layer);
    std::string tmpl = test::source_path("gitlab-templates/lamina-" + name + ".yml");
    std::vector<YAML::Node> docs = YAML::LoadAllFromFile(tmpl);
    ASSERT_FALSE(docs.empty()) << tmpl;
    expect_default(tmpl, docs[0]["spec"]["inputs"]["fail_on"], layer);
  }
  EXPECT_EQ(checked, 9u);
}

}  // namespace
}  // namespace lamina
