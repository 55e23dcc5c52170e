// What each progress style prints, for results built by hand.
#include "exec/progress.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace lamina {
namespace {

using std::chrono::milliseconds;
using ::testing::MatchesRegex;

RunResult finished(const std::string& id, int exit_code, const std::string& out,
                   const std::string& err) {
  RunResult r;
  r.index = 2;
  r.invocation.scanner_id = id;
  r.invocation.files = {"a.sh", "b.sh"};
  r.argv = {"/usr/bin/" + id, "-f", "json", "--", "my file.sh"};
  r.status = RunStatus::exited;
  r.exit_code = exit_code;
  r.start_time = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
  r.end_time = r.start_time + milliseconds(1500);
  r.stdout_data = out;
  r.stderr_data = err;
  r.stdout_bytes = out.size();
  r.stderr_bytes = err.size();
  return r;
}

std::string three_findings(const RunResult&) {
  return "3 findings";
}

TEST(ProgressStyle, ChosenFromTheEnvironmentAndTheTerminal) {
  EXPECT_EQ(choose_progress_style({{"GITHUB_ACTIONS", "true"}}, false), ProgressStyle::github);
  EXPECT_EQ(choose_progress_style({{"GITLAB_CI", "true"}}, true), ProgressStyle::gitlab);
  EXPECT_EQ(choose_progress_style({{"TERM", "xterm"}}, true), ProgressStyle::terminal);
  EXPECT_EQ(choose_progress_style({{"TERM", "dumb"}}, true), ProgressStyle::plain);
  EXPECT_EQ(choose_progress_style({}, false), ProgressStyle::plain);
}

TEST(ProgressStyle, NoColorWithNonEmptyValueTurnsColourOff) {
  EXPECT_TRUE(use_color({}, true));
  EXPECT_TRUE(use_color({{"NO_COLOR", ""}}, true));
  EXPECT_FALSE(use_color({{"NO_COLOR", "1"}}, true));
  EXPECT_FALSE(use_color({}, false));
}

TEST(PlainProgress, OneLineAtStartAndOneAtTheEnd) {
  std::ostringstream out;
  PlainProgress progress(out, three_findings);
  RunResult r = finished("shellcheck", 1, "", "");
  progress.on_start(r);
  progress.on_finish(r);
  EXPECT_EQ(out.str(),
            "shellcheck: started on 2 files\n"
            "shellcheck: exited 1 after 1.5s: 3 findings\n");
}

TEST(GithubProgress, RawOutputIsFoldedAndItsWorkflowCommandsAreStopped) {
  std::ostringstream out;
  GithubProgress progress(out, three_findings);
  progress.on_finish(finished("shellcheck", 1, "::endgroup::\n::error file=x::forged\n",
                              "warning: no newline at end"));
  std::smatch token;
  std::string text = out.str();
  ASSERT_TRUE(std::regex_search(text, token, std::regex("::stop-commands::([0-9a-f]{32})\n")));
  EXPECT_EQ(text,
            "::group::shellcheck: exited 1 after 1.5s: 3 findings\n"
            "::stop-commands::" +
                token[1].str() +
                "\n"
                "$ /usr/bin/shellcheck -f json -- 'my file.sh'\n"
                "--- stdout ---\n"
                "::endgroup::\n"
                "::error file=x::forged\n"
                "--- stderr ---\n"
                "warning: no newline at end\n"
                "::" +
                token[1].str() +
                "::\n"
                "::endgroup::\n");
}

TEST(GithubProgress, GroupTitleIsEscapedLikeActionsCore) {
  std::ostringstream out;
  GithubProgress progress(out, [](const RunResult&) { return "100% done\n::error::x"; });
  progress.on_finish(finished("s", 0, "", ""));
  EXPECT_THAT(out.str(),
              ::testing::StartsWith("::group::s: exited 0 after 1.5s: 100%25 done%0A::error::x\n"));
}

TEST(GithubProgress, EachGroupHasItsOwnToken) {
  std::ostringstream out;
  GithubProgress progress(out, nullptr);
  progress.on_finish(finished("a", 0, "", ""));
  progress.on_finish(finished("b", 0, "", ""));
  std::string text = out.str();
  std::regex stop("::stop-commands::([0-9a-f]{32})");
  std::vector<std::string> tokens;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), stop); it != std::sregex_iterator();
       ++it) {
    tokens.push_back((*it)[1]);
  }
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_NE(tokens[0], tokens[1]);
}

TEST(GitlabProgress, CollapsedSectionWithARandomisedName) {
  std::ostringstream out;
  GitlabProgress progress(out, three_findings);
  progress.on_finish(finished("semgrep", 0, "{}\n", ""));
  EXPECT_THAT(out.str(),
              MatchesRegex("\x1b\\[0Ksection_start:1700000000:lamina_2_semgrep_[0-9a-f]{12}"
                           "\\[collapsed=true\\]\r\x1b\\[0Ksemgrep: exited 0 after 1\\.5s: 3 "
                           "findings\n"
                           "\\$ /usr/bin/semgrep -f json -- 'my file\\.sh'\n"
                           "--- stdout ---\n\\{\\}\n"
                           "\x1b\\[0Ksection_end:1700000001:lamina_2_semgrep_[0-9a-f]{12}"
                           "\r\x1b\\[0K\n"));
}

TEST(GitlabProgress, ControlCharactersCannotBreakTheHeader) {
  std::ostringstream out;
  GitlabProgress progress(out, [](const RunResult&) { return "a\rb\nc"; });
  progress.on_finish(finished("s", 0, "", ""));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("\x1b[0Ks: exited 0 after 1.5s: a b c\n"));
}

TEST(RawOutputBlock, LongStreamsAreCutWithACount) {
  RunResult r = finished("noisy", 0, std::string(kShownBytesPerStream + 10, 'x'), "");
  r.stdout_bytes = kShownBytesPerStream + 5000;
  std::string block = raw_output_block(r);
  EXPECT_THAT(block, ::testing::EndsWith("x\n[lamina: 5000 more bytes of stdout not shown]\n"));
}

// Echoed into the CI log: a scanner's escape sequences and a file name's newline stay visible text.
TEST(RawOutputBlock, EscapesAndNewlinesInNamesAreShownAsText) {
  RunResult r = finished("shellcheck", 1, "\x1b[31mred\x1b[0m\r\nnext\tline\n", "");
  r.argv = {"shellcheck", "--", "a\nb.sh", "esc-\x1b[2J.sh"};
  EXPECT_EQ(raw_output_block(r),
            "$ shellcheck -- 'a\\nb.sh' 'esc-\\x1b[2J.sh'\n--- stdout ---\n"
            "\\x1b[31mred\\x1b[0m\\r\nnext\tline\n");
}

class TerminalProgressTest : public ::testing::Test {
 protected:
  std::chrono::steady_clock::time_point now_{};
  std::ostringstream out_;
};

TEST_F(TerminalProgressTest, RunningScannersAreRedrawnBelowFinishedOnes) {
  TerminalProgress progress(out_, false, three_findings, [this] { return now_; });
  RunResult a = finished("alpha", 0, "", "");
  RunResult b = finished("beta", 1, "", "");
  b.index = 3;
  progress.on_start(a);
  now_ += milliseconds(1000);
  progress.on_start(b);
  now_ += milliseconds(1500);
  progress.on_tick();
  progress.on_finish(a);
  EXPECT_EQ(out_.str(),
            "  running alpha 0.0s\n"
            "\x1b[1F\x1b[J  running alpha 1.0s\n  running beta 0.0s\n"
            "\x1b[2F\x1b[J  running alpha 2.5s\n  running beta 1.5s\n"
            "\x1b[2F\x1b[Jalpha: exited 0 after 1.5s: 3 findings\n  running beta 1.5s\n");
}

TEST_F(TerminalProgressTest, FinishedLinesAreColouredByOutcome) {
  TerminalProgress progress(out_, true, nullptr, [this] { return now_; });
  RunResult failed = finished("beta", 2, "", "");
  progress.on_finish(failed);
  RunResult ok = finished("alpha", 1, "", "");
  ok.invocation.ok_exit_codes = {0, 1};
  progress.on_finish(ok);
  EXPECT_EQ(out_.str(),
            "\x1b[31mbeta: exited 2 after 1.5s\x1b[0m\n"
            "\x1b[32malpha: exited 1 after 1.5s\x1b[0m\n");
}

}  // namespace
}  // namespace lamina
