#include "report/plan_report.h"

#include <gtest/gtest.h>

namespace lamina {
namespace {

ChangeSet one_file(FileChange f) {
  ChangeSet changes;
  changes.base = std::string(40, 'a');
  changes.head = std::string(40, 'b');
  changes.files.push_back(std::move(f));
  return changes;
}

TEST(ChangesJson, WritesEveryFieldOfARename) {
  FileChange f;
  f.path = "src/new name.sh";
  f.old_path = "src/old.sh";
  f.status = ChangeStatus::renamed;
  f.added_lines = {{3, 4}, {9, 9}};
  f.hunks = {{1, 12}};
  nlohmann::json out = changes_to_json(one_file(f));
  EXPECT_EQ(out.dump(), R"([{"added_lines":[[3,4],[9,9]],"binary":false,"hunks":[[1,12]],)"
                        R"("old_path":"src/old.sh","path":"src/new name.sh","status":"renamed",)"
                        R"("submodule":false,"symlink":false}])");
}

TEST(ChangesJson, NonUtf8PathKeepsItsExactBytesInBase64) {
  FileChange f;
  f.path = "bad\xFF.sh";
  f.status = ChangeStatus::added;
  nlohmann::json out = changes_to_json(one_file(f));
  EXPECT_EQ(out[0]["path"], "bad\xEF\xBF\xBD.sh");
  EXPECT_EQ(out[0]["path_base64"], "YmFk/y5zaA==");
  EXPECT_TRUE(out[0]["old_path"].is_null());
  EXPECT_NO_THROW(out.dump());
}

TEST(ChangesText, EscapesNewlinesInNamesAndMarksUnscannedEntries) {
  FileChange f;
  f.path = "a\nb.sh";
  f.status = ChangeStatus::added;
  f.added_lines = {{1, 2}};
  FileChange link;
  link.path = "passwd";
  link.status = ChangeStatus::added;
  link.symlink = true;
  ChangeSet changes = one_file(f);
  changes.files.push_back(link);
  EXPECT_EQ(changes_text(changes),
            "  added  a\\nb.sh  +1-2\n  added  passwd  (symlink, not scanned)\n");
}

}  // namespace
}  // namespace lamina
