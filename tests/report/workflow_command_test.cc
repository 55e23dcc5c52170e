#include "report/workflow_command.h"

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

}  // namespace
}  // namespace lamina
