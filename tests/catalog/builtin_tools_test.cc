// Runs each installable built-in entry's exact argv (from a real plan) against the real tool on
// a sample with a known problem: the exit code must be one the entry calls "ran fine" and the
// report must name the expected rule. Skipped, with the reason, where a tool is not installed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "exec/out_token.h"
#include "exec/scanner_configs.h"
#include "parse/parse.h"
#include "plan/plan_fixture.h"
#include "util/file_io.h"
#include "util/spawn.h"

namespace lamina {
namespace {

// PATH for the real tools: this process's PATH, plus node_modules/.bin of the source tree.
std::string tools_path() {
  const char* path = std::getenv("PATH");
  return std::string(path ? path : "/usr/bin:/bin") + ":" + test::source_path("node_modules/.bin");
}

struct Report {
  int exit_code = -1;
  std::string text;  // stdout, or the {out} file
  std::string err;
};

bool tool_installed(const std::string& name) {
  return !find_executable(name, tools_path()).empty();
}

// GTEST_SKIP returns from the function it is in, so this stays a macro in the test body.
#define REQUIRE_TOOL(name)   \
  if (!tool_installed(name)) \
  GTEST_SKIP() << (name) << " is not installed (not on PATH or in node_modules/.bin)"

class BuiltinToolsTest : public test::PlanFixture {
 protected:
  // Plans `layer` with the real PATH and runs the single invocation of `id`.
  Report run_scanner(const std::string& id, Layer layer = Layer::inline_layer) {
    std::string path = tools_path();
    inputs.find_executable = executable_lookup(path);
    ScannerConfigFolder configs(scratch.path());  // what {configs} names, as lamina scan does
    inputs.scanner_configs = configs.path();
    std::sort(changes.files.begin(), changes.files.end(),
              [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
    Plan p = make_plan(catalog, settings, changes, layer, repo.path(), inputs);
    const ScannerDecision& d = decision(p, id);
    EXPECT_TRUE(d.selected) << d.reason;
    if (d.invocations.size() != 1) {
      ADD_FAILURE() << id << ": expected one invocation, got " << d.invocations.size();
      return {};
    }
    const Invocation& inv = d.invocations[0];
    std::string out = scratch.file("report.out");
    std::vector<std::string> argv = replace_out_token(inv.argv, inv.out_slots, out);
    std::vector<std::string> env = {"PATH=" + path, "HOME=" + scratch.path()};
    std::string node_modules = test::source_path("node_modules");
    if (d.installed_path.find("/node_modules/.bin/") != std::string::npos) {
      node_modules = d.installed_path.substr(0, d.installed_path.find("/.bin/"));
    }
    env.push_back("NODE_PATH=" + node_modules);
    test::ProcessOutput result = test::run(argv, inv.cwd, env);
    Report report{result.exit_code, result.out, result.err};
    if (inv.output_from == OutputSource::out_file) report.text = read_file(out).value_or("");
    EXPECT_NE(std::find(inv.ok_exit_codes.begin(), inv.ok_exit_codes.end(), result.exit_code),
              inv.ok_exit_codes.end())
        << id << " exited " << result.exit_code << "\n"
        << result.err;
    return report;
  }
  test::TempDir scratch;
};

TEST_F(BuiltinToolsTest, ShellcheckReportsUnquotedExpansionEvenInADashNamedFile) {
  REQUIRE_TOOL("shellcheck");
  change("-rf.sh", "#!/bin/bash\nrm -rf $1/*\n");
  Report r = run_scanner("shellcheck");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.text.find("\"file\":\"./-rf.sh\""), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("\"code\":2086"), std::string::npos) << r.text;
}

TEST_F(BuiltinToolsTest, BanditReportsShellInjection) {
  REQUIRE_TOOL("bandit");
  change("app/run.py", "import subprocess\nsubprocess.call(input(), shell=True)\n");
  Report r = run_scanner("bandit");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.text.find("\"test_id\": \"B602\""), std::string::npos) << r.text;
}

TEST_F(BuiltinToolsTest, FlawfinderWritesSarifWithItsRuleIds) {
  REQUIRE_TOOL("flawfinder");
  change("src/copy.c", "#include <string.h>\nvoid f(char *s) { char b[4]; strcpy(b, s); }\n");
  Report r = run_scanner("flawfinder");
  EXPECT_NE(r.text.find("\"version\": \"2.1.0\""), std::string::npos);
  EXPECT_NE(r.text.find("\"ruleId\": \"FF1001\""), std::string::npos) << r.text;
}

TEST_F(BuiltinToolsTest, CppcheckWritesItsXmlReportToOut) {
  REQUIRE_TOOL("cppcheck");
  change("src/oob.c", "void f(void) { int a[2]; a[3] = 1; }\n");
  Report r = run_scanner("cppcheck");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.text.find("id=\"arrayIndexOutOfBounds\""), std::string::npos) << r.text << r.err;
}

TEST_F(BuiltinToolsTest, YamllintReportsDuplicateKeysInParsableFormat) {
  REQUIRE_TOOL("yamllint");
  change("deploy/values.yaml", "---\nreplicas: 1\nreplicas: 2\n");
  Report r = run_scanner("yamllint");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.text.find("deploy/values.yaml:3:1: [error] duplication of key \"replicas\" in "
                        "mapping (key-duplicates)"),
            std::string::npos)
      << r.text;
}

TEST_F(BuiltinToolsTest, CodespellReportsTypos) {
  REQUIRE_TOOL("codespell");
  change("docs/notes.md", "We recieve data.\n");
  Report r = run_scanner("codespell");
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(r.text, "docs/notes.md:1: recieve ==> receive\n");
}

TEST_F(BuiltinToolsTest, SecretlintFindsAGithubTokenInAnyTextFile) {
  REQUIRE_TOOL("secretlint");
  // Assembled at run time so lamina's own secret scan of this repository does not flag it.
  change("config/ci.env", std::string("TOKEN=gh") + "p_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx\n");
  Report r = run_scanner("secretlint");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.text.find("secretlint-rule-github"), std::string::npos) << r.text << r.err;
}

TEST_F(BuiltinToolsTest, EslintSecurityRulesRunFromThePackageRoot) {
  REQUIRE_TOOL("eslint");
  change("web/package.json", "{\"name\": \"web\"}\n");
  change("web/src/handler.js", "module.exports = function (input) { return eval(input); };\n");
  Report r = run_scanner("eslint");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.text.find("\"ruleId\": \"security/detect-eval-with-expression\""), std::string::npos)
      << r.text << r.err;
}

// TypeScript (.ts/.tsx/.mts/.cts) is parsed by the @typescript-eslint/parser of eslint's own
// install: the project's typescript in node_modules is never loaded.
TEST_F(BuiltinToolsTest, EslintFindsEvalInEveryKindOfTypeScriptFile) {
  REQUIRE_TOOL("eslint");
  std::string marker = scratch.file("payload-ran");
  change("web/package.json", "{\"name\": \"web\"}\n");
  test::write_file(repo.file("web/node_modules/typescript/package.json"),
                   "{\"name\": \"typescript\", \"main\": \"index.js\"}\n");
  test::write_file(repo.file("web/node_modules/typescript/index.js"),
                   "require('fs').writeFileSync('" + marker + "', 'ran');\n");
  change("web/src/handler.ts",
         "export function run(userInput: string): unknown {\n"
         "  const n = <number>(1 as unknown);\n  return eval(userInput) as unknown;\n}\n");
  change("web/src/view.tsx", "export const View = (p: { x: string }) => <div>{eval(p.x)}</div>;\n");
  change("web/src/esm.mts", "export const f = (s: string): unknown => eval(s);\n");
  change("web/src/cjs.cts", "const g = (s: string): unknown => eval(s);\nexport = g;\n");
  Report r = run_scanner("eslint");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  ParseContext ctx;
  ctx.scanner_id = "eslint";
  ctx.repository_root = repo.path();
  ctx.working_directory = repo.path() + "/web";
  ParseOutcome out = parse_output("sarif", r.text, ctx);
  ASSERT_FALSE(out.error) << *out.error << r.text;
  std::vector<std::string> flagged;
  for (const Finding& f : out.findings) {
    EXPECT_EQ(f.rule_id, "security/detect-eval-with-expression");
    flagged.push_back(f.location.path + ":" + std::to_string(f.location.region.start_line));
  }
  std::sort(flagged.begin(), flagged.end());
  EXPECT_EQ(flagged, (std::vector<std::string>{"web/src/cjs.cts:1", "web/src/esm.mts:1",
                                               "web/src/handler.ts:3", "web/src/view.tsx:1"}))
      << r.text;
  EXPECT_FALSE(std::filesystem::exists(marker)) << "the project's typescript ran inside eslint";
}

// npm audit needs the registry's advisory endpoint. Whether or not this machine reaches it, a
// lockfile with lodash 4.17.4 must never come out clean: either lodash's advisories, or a failure.
TEST_F(BuiltinToolsTest, NpmAuditOnAVulnerableLockfileFindsItOrFailsNeverPasses) {
  REQUIRE_TOOL("npm");
  for (const char* file : {"package.json", "package-lock.json"}) {
    change(std::string("shop/") + file,
           read_file(
               test::source_path(
                   std::string("tests/data/scanner-outputs/npm-audit/input/lodash-4.17.4/") + file))
               .value_or(""));
  }
  // The project's .npmrc may not send the audit elsewhere: the command line pins the registry.
  test::write_file(repo.file("shop/.npmrc"), "registry=http://127.0.0.1:9/\n");
  Report r = run_scanner("npm-audit");
  ParseContext ctx;
  ctx.scanner_id = "npm-audit";
  ctx.repository_root = repo.path();
  ctx.working_directory = repo.path() + "/shop";
  ParseOutcome out = parse_output("npm-audit-json", r.text, ctx);
  ASSERT_FALSE(out.error) << *out.error << r.text << r.err;
  if (out.tool_failure) {
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(out.tool_failure->find("127.0.0.1"), std::string::npos) << *out.tool_failure;
    std::cout << "npm audit could not reach the registry's advisory endpoint here: "
              << *out.tool_failure << "\n";
    return;
  }
  EXPECT_EQ(r.exit_code, 1);
  bool lodash = false;
  for (const Finding& f : out.findings) {
    lodash =
        lodash || (f.package == "lodash" && f.package_version == "4.17.4" &&
                   f.rule_id.rfind("GHSA-", 0) == 0 && f.location.path == "shop/package-lock.json");
  }
  EXPECT_TRUE(lodash) << r.text;
}

// The checkout's own configuration of a tool cannot silence it: lamina's argv pins each one
// (SECURITY.md, "What each built-in scanner reads from the checkout").
TEST_F(BuiltinToolsTest, ShellcheckReadsNoShellcheckrcFromTheCheckout) {
  REQUIRE_TOOL("shellcheck");
  test::write_file(repo.file(".shellcheckrc"), "disable=SC2086\n");
  test::write_file(repo.file("deploy/.shellcheckrc"), "disable=all\n");
  change("deploy/run.sh", "#!/bin/bash\nrm -rf $1/*\n");
  Report r = run_scanner("shellcheck");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.text.find("\"code\":2086"), std::string::npos) << r.text;
}

TEST_F(BuiltinToolsTest, BanditReadsNoBanditFileFromTheCheckout) {
  REQUIRE_TOOL("bandit");
  test::write_file(repo.file(".bandit"), "[bandit]\nskips: B602,B404\nexclude: app\n");
  test::write_file(repo.file("app/.bandit"), "[bandit]\nskips: B602,B404\n");
  change("app/run.py", "import subprocess\nsubprocess.call(input(), shell=True)\n");
  Report r = run_scanner("bandit");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.text.find("\"test_id\": \"B602\""), std::string::npos) << r.text;
}

TEST_F(BuiltinToolsTest, YamllintReadsNoYamllintFileFromTheCheckout) {
  REQUIRE_TOOL("yamllint");
  for (const char* name : {".yamllint", ".yamllint.yaml", ".yamllint.yml"}) {
    test::write_file(repo.file(name),
                     "extends: default\nrules: {key-duplicates: disable}\n"
                     "ignore: '*.yaml'\n");
  }
  change("deploy/values.yaml", "---\nreplicas: 1\nreplicas: 2\n");
  Report r = run_scanner("yamllint");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.text.find("(key-duplicates)"), std::string::npos) << r.text;
}

TEST_F(BuiltinToolsTest, CodespellSettingsInTheCheckoutHideNoTypo) {
  REQUIRE_TOOL("codespell");
  test::write_file(repo.file(".codespellrc"),
                   "[codespell]\nignore-words-list = recieve\nskip = *.md\nquiet-level = 31\n");
  test::write_file(repo.file("words.txt"), "recieve\n");
  test::write_file(repo.file("setup.cfg"),
                   "[codespell]\nignore-words = words.txt\n"
                   "ignore-regex = .*\nexclude-file = docs/notes.md\n");
  change("docs/notes.md", "We recieve data.\n");
  Report r = run_scanner("codespell");
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(r.text, "docs/notes.md:1: recieve ==> receive\n");
}

TEST_F(BuiltinToolsTest, CodespellRefusesToRunWhenTheCheckoutTurnsOnWriteChanges) {
  REQUIRE_TOOL("codespell");
  test::write_file(repo.file("setup.cfg"), "[codespell]\nwrite-changes =\n");
  change("docs/notes.md", "We recieve data.\n");
  inputs.find_executable = executable_lookup(tools_path());
  ScannerConfigFolder configs(scratch.path());
  inputs.scanner_configs = configs.path();
  Plan p = make_plan(catalog, settings, changes, Layer::inline_layer, repo.path(), inputs);
  const Invocation& inv = decision(p, "codespell").invocations.at(0);
  std::vector<std::string> argv = inv.argv;
  test::ProcessOutput result = test::run(argv, inv.cwd, {"PATH=" + tools_path()});
  // Not one of the entry's "ran fine" codes: the scanner fails instead of passing.
  EXPECT_EQ(std::count(inv.ok_exit_codes.begin(), inv.ok_exit_codes.end(), result.exit_code), 0)
      << result.exit_code;
  EXPECT_EQ(read_file(repo.file("docs/notes.md")), "We recieve data.\n");
}

TEST_F(BuiltinToolsTest, SecretlintReadsNoIgnoreFileOrRcFromTheCheckout) {
  REQUIRE_TOOL("secretlint");
  test::write_file(repo.file(".secretlintignore"), "config/ci.env\n**/*\n");
  test::write_file(repo.file(".secretlintrc.json"), "{\"rules\": []}\n");
  change("config/ci.env", std::string("TOKEN=gh") + "p_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx\n");
  Report r = run_scanner("secretlint");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.text.find("secretlint-rule-github"), std::string::npos) << r.text << r.err;
}

// The attack of issue 13: the project's package.json names itself eslint-plugin-security, so
// Node's self-reference would resolve `--plugin security` to the project's own file; and its
// eslint.config.js and node_modules would be loaded by a lookup from the project folder.
TEST_F(BuiltinToolsTest, EslintLoadsNoCodeOrConfigurationFromTheProject) {
  REQUIRE_TOOL("eslint");
  std::string marker = scratch.file("payload-ran");
  std::string payload = "require('fs').writeFileSync('" + marker + "', 'ran');\n";
  change("web/package.json",
         "{\"name\": \"eslint-plugin-security\", \"exports\": \"./evil.js\"}\n");
  test::write_file(repo.file("web/evil.js"),
                   payload + "module.exports = {rules: {}, configs: {}};\n");
  test::write_file(repo.file("web/eslint.config.js"), payload + "module.exports = [];\n");
  test::write_file(repo.file("web/node_modules/eslint-plugin-security/index.js"),
                   payload + "module.exports = {rules: {}};\n");
  test::write_file(repo.file("web/node_modules/@microsoft/eslint-formatter-sarif/sarif.js"),
                   payload + "module.exports = () => '';\n");
  change("web/src/handler.js", "module.exports = function (input) { return eval(input); };\n");
  Report r = run_scanner("eslint");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.text.find("\"ruleId\": \"security/detect-eval-with-expression\""), std::string::npos)
      << r.text << r.err;
  EXPECT_FALSE(std::filesystem::exists(marker)) << "the project's code ran inside eslint";
}

TEST_F(BuiltinToolsTest, CycloneDxNpmDescribesTheInstalledTreeOfTheProject) {
  REQUIRE_TOOL("cyclonedx-npm");
  change("app/package.json",
         R"({"name": "shop", "version": "2.0.0", "dependencies": {"debug": "4.3.4"}})"
         "\n");
  // The installed tree npm ls reads (no network): debug and the ms it depends on.
  test::write_file(repo.file("app/node_modules/debug/package.json"),
                   R"({"name": "debug", "version": "4.3.4", "dependencies": {"ms": "2.1.2"}})");
  test::write_file(repo.file("app/node_modules/ms/package.json"),
                   R"({"name": "ms", "version": "2.1.2"})");
  Report r = run_scanner("cyclonedx-npm", Layer::continuous);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ParseContext ctx;
  ctx.scanner_id = "cyclonedx-npm";
  ctx.repository_root = ctx.working_directory = repo.path();
  ParseOutcome out = parse_output("cyclonedx-json", r.text, ctx);
  ASSERT_FALSE(out.error) << *out.error << r.text;
  EXPECT_FALSE(out.tool_failure);
  ASSERT_FALSE(out.notes.empty());
  EXPECT_NE(out.notes.back().find("2 components of shop"), std::string::npos) << out.notes.back();
}

TEST_F(BuiltinToolsTest, ClamscanFindsASignatureInAnArtifact) {
  REQUIRE_TOOL("clamscan");
  // A one-signature database (md5:size:name) so the test runs offline, without freshclam.
  std::string content = "lamina clamscan test artifact\n";
  test::write_file(scratch.file("artifact.bin"), content);
  test::ProcessOutput md5 = test::run({"md5sum", scratch.file("artifact.bin")});
  test::write_file(scratch.file("test.hdb"),
                   md5.out.substr(0, 32) + ":" + std::to_string(content.size()) + ":Lamina.Test\n");
  configure("scanners:\n  clamscan:\n    args: [-d, " + scratch.file("test.hdb") + "]\n");
  inputs.artifacts = {scratch.file("artifact.bin")};
  Report r = run_scanner("clamscan", Layer::pre_deploy);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.text.find("artifact.bin: Lamina.Test.UNOFFICIAL FOUND"), std::string::npos) << r.text;
}

// A free TCP port on 127.0.0.1 (bound, read back, released).
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts_connections(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

TEST_F(BuiltinToolsTest, WapitiWritesAJsonReportForTheTargetUrl) {
  REQUIRE_TOOL("wapiti");
  REQUIRE_TOOL("python3");
  int port = free_port();
  test::write_file(scratch.file("site/index.html"), "<html><body>hello</body></html>\n");
  std::string error;
  SpawnedProcess server =
      spawn_process({{"python3", "-m", "http.server", std::to_string(port), "--bind", "127.0.0.1"},
                     scratch.file("site"),
                     {"PATH=" + tools_path()}},
                    &error);
  ASSERT_GT(server.pid, 0) << error;
  for (int i = 0; i < 100 && !accepts_connections(port); ++i) ::usleep(50000);
  configure(
      "scanners:\n  wapiti:\n    args: [-m, \"http_headers,csp\", --max-scan-time, \"60\"]\n");
  inputs.target_url = "http://127.0.0.1:" + std::to_string(port) + "/";
  Report r = run_scanner("wapiti", Layer::post_deploy);
  ::kill(-server.pid, SIGTERM);
  ::waitpid(server.pid, nullptr, 0);
  ::close(server.stdout_fd);
  ::close(server.stderr_fd);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.text.find("\"target\": \"" + inputs.target_url + "\""), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("\"Content Security Policy Configuration\""), std::string::npos) << r.text;
}

}  // namespace
}  // namespace lamina
