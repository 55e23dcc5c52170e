#include "outcome/added_suppressions.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

FileChange changed(std::vector<LineRange> added) {
  FileChange f;
  f.path = "src/app.py";
  f.status = ChangeStatus::modified;
  f.added_lines = std::move(added);
  return f;
}

TEST(AddedSuppressions, ReportsADirectiveOnAnAddedLineOnly) {
  std::string content =
      "x = eval(a)  # nosec\n"                               // line 1: not added
      "y = eval(b)  # NOSEC B307\n"                          // line 2: added
      "z = 1  # nosecurity review\n"                         // line 3: added, not the directive
      "// eslint-disable-next-line security/detect-eval\n";  // line 4: added
  std::vector<Finding> found = added_suppressions(changed({{2, 4}}), content);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].location.region.start_line, 2u);
  EXPECT_EQ(found[0].location.region.start_column, 16u);
  EXPECT_EQ(found[0].tool, kSuppressionScannerId);
  EXPECT_EQ(found[0].rule_id, "inline-suppression");
  EXPECT_EQ(found[0].severity, Severity::sev2);
  EXPECT_NE(found[0].message.find("bandit, gosec"), std::string::npos) << found[0].message;
  EXPECT_EQ(found[1].location.region.start_line, 4u);
  EXPECT_NE(found[1].message.find("eslint"), std::string::npos);
}

TEST(AddedSuppressions, KnowsEachCatalogToolsDirective) {
  for (const char* line :
       {"# shellcheck disable=SC2086", "# yamllint disable-line rule:truthy",
        "// secretlint-disable-line", "token = x  # gitleaks:allow", "/* Flawfinder: ignore */",
        "// cppcheck-suppress nullPointer", "# nosemgrep: rule", "# codespell:ignore",
        "# checkov:skip=CKV_AWS_20", "# trivy:ignore:AVD-AWS-0086", "# hadolint ignore=DL3008",
        "int x;  // NOLINT"}) {
    EXPECT_EQ(added_suppressions(changed({{1, 1}}), std::string(line) + "\n").size(), 1u) << line;
  }
}

TEST(AddedSuppressions, ADirectivePastALongRunOfBlanksIsStillFound) {
  std::string line = "x = eval(a)" + std::string(10000, ' ') + "# nosec\n";
  std::vector<Finding> found = added_suppressions(changed({{1, 1}}), line);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].location.region.start_column, 10014u);  // "nosec", after "# "
}

TEST(AddedSuppressions, ABinaryFileIsSearchedWhole) {
  FileChange binary = changed({});  // no line diff for a binary file
  binary.binary = true;
  std::vector<Finding> found =
      added_suppressions(binary, std::string("x\0y\ntoken = 1  # gitleaks:allow\n", 32));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].location.region.start_line, 2u);
}

TEST(AddedSuppressions, AFileThatCannotBeReadIsAFindingNotASkip) {
  Finding f = unchecked_for_suppressions(changed({{1, 1}}), "cannot read it: Permission denied");
  EXPECT_EQ(f.tool, kSuppressionScannerId);
  EXPECT_EQ(f.severity, Severity::sev2);
  EXPECT_EQ(f.location.path, "src/app.py");
  EXPECT_NE(f.message.find("Permission denied"), std::string::npos);
}

TEST(AddedSuppressions, NothingForDeletedOrSymlinkedFiles) {
  FileChange deleted = changed({{1, 1}});
  deleted.status = ChangeStatus::deleted;
  EXPECT_TRUE(added_suppressions(deleted, "# nosec\n").empty());
  FileChange link = changed({{1, 1}});
  link.symlink = true;
  EXPECT_TRUE(added_suppressions(link, "# nosec\n").empty());
}

}  // namespace
}  // namespace lamina
