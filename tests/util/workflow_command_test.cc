#include "util/workflow_command.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_support.h"

namespace lamina {
namespace {

std::vector<std::string> golden_lines() {
  std::ifstream in(test::source_path("tests/data/actions-core-golden.txt"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  return lines;
}

// Each case reproduces the @actions/core call that produced the golden line.
TEST(WorkflowCommand, MatchesActionsCoreGoldenLines) {
  std::vector<std::string> golden = golden_lines();
  ASSERT_EQ(golden.size(), 5u);
  EXPECT_EQ(workflow_command("error",
                             {{"file", "src/a b.c"},
                              {"line", "12"},
                              {"endLine", "12"},
                              {"col", "3"},
                              {"endColumn", "9"},
                              {"title", "CWE-89: SQL, injection"}},
                             "User input 100% reaches\r\nexecute()"),
            golden[0]);
  EXPECT_EQ(workflow_command("warning", {{"file", "dir/x,y:z.py"}, {"line", "1"}}, "multi\nline"),
            golden[1]);
  EXPECT_EQ(workflow_command("notice", {}, "plain"), golden[2]);
  EXPECT_EQ(workflow_command("error", {{"title", "t"}, {"file", "f"}, {"line", "5"}, {"col", "2"}},
                             "{\"obj\":1}"),
            golden[3]);
  EXPECT_EQ(workflow_command("error", {{"line", ""}, {"title", ""}}, "falsy props dropped"),
            golden[4]);
}

TEST(WorkflowCommand, InjectedCommandStaysInsideOneLine) {
  std::string line = workflow_command("error", {{"file", "a\n::add-mask::x"}},
                                      "msg\n::set-output name=x::y\r\n::add-mask::secret");
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  EXPECT_EQ(line.find('\r'), std::string::npos);
  EXPECT_EQ(line,
            "::error file=a%0A%3A%3Aadd-mask%3A%3Ax::msg%0A::set-output name=x::y%0D%0A::add-mask::"
            "secret\n");
}

// Issue 13 item 7: lamina's own lines under GitHub carry file names and messages; the runner must
// read none of them as a command.
TEST(InertLogText, StopCommandsAnywhereInALineIsBroken) {
  EXPECT_EQ(inert_log_text("a/##[stop-commands]tok.js:3: sev2 [eslint] x\n"),
            "a/##\\x5bstop-commands]tok.js:3: sev2 [eslint] x\n");
  EXPECT_EQ(inert_log_text("####[[x"), "####\\x5b[x");
}

TEST(InertLogText, ACommandAtALineStartAfterWhitespaceIsBroken) {
  EXPECT_EQ(inert_log_text("::notice file=x::forged\n  ::error::y\n"),
            "\\x3a:notice file=x::forged\n  \\x3a:error::y\n");
  // U+3000 and U+00A0 are .NET whitespace, trimmed by the runner before it looks for "::".
  EXPECT_EQ(inert_log_text("\xe3\x80\x80\xc2\xa0::warning::z"),
            "\xe3\x80\x80\xc2\xa0\\x3a:warning::z");
  EXPECT_EQ(inert_log_text("path: a::b"), "path: a::b");
}

TEST(InertLogText, ACarriageReturnStartsALineForTheRunnerToo) {
  EXPECT_EQ(inert_log_text("x\r::notice::y\r\n::debug::z"), "x\r\\x3a:notice::y\r\n\\x3a:debug::z");
}

TEST(InertLogText, IgnorableCharactersCannotHideACommandFromTheEscaper) {
  // A culture-sensitive IndexOf skips the soft hyphen and the zero-width space: they are written
  // as escapes, so what is left is plain text.
  EXPECT_EQ(inert_log_text("#\xc2\xad#[error]x"), "#\\xc2\\xad#[error]x");
  EXPECT_EQ(inert_log_text("\xe2\x80\x8b::notice::x"), "\\xe2\\x80\\x8b::notice::x");
  EXPECT_EQ(inert_log_text("a\x01"
                           "b\tc"),
            "a\\x01b\tc");
}

TEST(InertLogText, PlainTextIsUnchanged) {
  std::string text = "src/app.js:3:1: sev2 [eslint/no-eval] eval is evil (caf\xc3\xa9)\n";
  EXPECT_EQ(inert_log_text(text), text);
  EXPECT_EQ(log_text(false, "::notice::x"), "::notice::x");
  EXPECT_EQ(log_text(true, "::notice::x"), "\\x3a:notice::x");
}

}  // namespace
}  // namespace lamina
