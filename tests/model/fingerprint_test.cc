#include "model/fingerprint.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace lamina {
namespace {

Finding at(const std::string& path, uint32_t line, const std::string& rule = "SC2086") {
  Finding f;
  f.tool = "shellcheck";
  f.rule_id = rule;
  f.location.path = path;
  f.location.region.start_line = line;
  return f;
}

TEST(Fingerprint, SurvivesTheFindingMovingToAnotherLine) {
  test::TempDir before, after;
  test::write_file(before.file("a.sh"), "#!/bin/sh\necho $x\n");
  test::write_file(after.file("a.sh"), "#!/bin/sh\n# new comment\n\n  echo   $x\n");
  std::vector<Finding> old_run{at("a.sh", 2)}, new_run{at("a.sh", 4)};
  assign_fingerprints(old_run, files_under(before.path()));
  assign_fingerprints(new_run, files_under(after.path()));
  EXPECT_EQ(old_run[0].fingerprints.at(kFingerprintKey),
            new_run[0].fingerprints.at(kFingerprintKey));
}

TEST(Fingerprint, DiffersByRulePathAndLineText) {
  test::TempDir repo;
  test::write_file(repo.file("a.sh"), "echo $x\necho $y\n");
  test::write_file(repo.file("b.sh"), "echo $x\n");
  std::vector<Finding> f{at("a.sh", 1), at("a.sh", 2), at("b.sh", 1), at("a.sh", 1, "SC2046")};
  assign_fingerprints(f, files_under(repo.path()));
  std::set<std::string> distinct;
  for (const Finding& x : f) distinct.insert(x.fingerprints.at(kFingerprintKey));
  EXPECT_EQ(distinct.size(), 4u);
}

TEST(Fingerprint, IdenticalLinesGetOccurrenceIndicesInFileOrder) {
  test::TempDir repo;
  test::write_file(repo.file("a.sh"), "echo $x\necho $x\n");
  std::vector<Finding> f{at("a.sh", 2), at("a.sh", 1)};
  assign_fingerprints(f, files_under(repo.path()));
  const std::string& second = f[0].fingerprints.at(kFingerprintKey);
  const std::string& first = f[1].fingerprints.at(kFingerprintKey);
  EXPECT_EQ(first.substr(first.size() - 2), ":0");
  EXPECT_EQ(second.substr(second.size() - 2), ":1");
  EXPECT_EQ(first.substr(0, 16), second.substr(0, 16));
}

TEST(Baseline, MarksKnownFindingsAndCountsTheGoneOnes) {
  test::TempDir repo;
  test::write_file(repo.file("a.sh"), "echo $x\necho $y\n");
  std::vector<Finding> f{at("a.sh", 1), at("a.sh", 2)};
  assign_fingerprints(f, files_under(repo.path()));
  size_t gone = mark_baseline(f, {f[0].fingerprints.at(kFingerprintKey), "0000000000000000:0"});
  EXPECT_TRUE(f[0].in_baseline);
  EXPECT_FALSE(f[1].in_baseline);
  EXPECT_EQ(gone, 1u);
}

Finding on_url(const std::string& url, const std::string& rule = "Cross Site Scripting") {
  Finding f;
  f.tool = "wapiti";
  f.rule_id = rule;
  f.message = "XSS vulnerability found via injection in the parameter q";
  f.url = url;
  return f;
}

TEST(Fingerprint, DastFindingsDifferByPathOnTheServiceNotByHostOrOrder) {
  std::vector<Finding> a{on_url("https://pr-7.staging.example.com/search?q=1"),
                         on_url("https://pr-7.staging.example.com/admin#top")};
  std::vector<Finding> b{on_url("http://pr-8.staging.example.com:8080/admin"),
                         on_url("http://pr-8.staging.example.com:8080/search?q=1")};
  assign_fingerprints(a, files_under("/nonexistent"));
  assign_fingerprints(b, files_under("/nonexistent"));
  EXPECT_NE(a[0].fingerprints.at(kFingerprintKey), a[1].fingerprints.at(kFingerprintKey));
  EXPECT_EQ(a[0].fingerprints.at(kFingerprintKey), b[1].fingerprints.at(kFingerprintKey));
  EXPECT_EQ(a[1].fingerprints.at(kFingerprintKey), b[0].fingerprints.at(kFingerprintKey));
  // Neither is a repeat of the other: both are occurrence 0.
  EXPECT_TRUE(a[0].fingerprints.at(kFingerprintKey).ends_with(":0"));
  EXPECT_TRUE(a[1].fingerprints.at(kFingerprintKey).ends_with(":0"));
}

TEST(Fingerprint, DastFindingOnTheBareHostIsTheRootPath) {
  std::vector<Finding> a{on_url("https://staging.example.com")}, b{on_url("https://other/")};
  assign_fingerprints(a, files_under("/nonexistent"));
  assign_fingerprints(b, files_under("/nonexistent"));
  EXPECT_EQ(a[0].fingerprints.at(kFingerprintKey), b[0].fingerprints.at(kFingerprintKey));
}

}  // namespace
}  // namespace lamina
