// Reading a previous run's durations from the SARIF lamina wrote.
#include "exec/timings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.h"
#include "util/error.h"

namespace lamina {
namespace {

using std::chrono::milliseconds;

std::string run_json(const std::string& automation_id, const std::string& start,
                     const std::string& end) {
  return R"({"tool":{"driver":{"name":"x"}},"automationDetails":{"id":")" + automation_id +
         R"("},"invocations":[{"executionSuccessful":true,"startTimeUtc":")" + start +
         R"(","endTimeUtc":")" + end + R"("}]})";
}

TEST(PreviousTimings, DurationPerScannerFromLaminaRuns) {
  std::string sarif =
      R"({"version":"2.1.0","runs":[)" +
      run_json("lamina/pre-deploy/semgrep/", "2026-11-26T10:00:00Z", "2026-11-26T10:00:41.250Z") +
      "," +
      run_json("lamina/inline/shellcheck/", "2026-11-26T10:00:00.5Z", "2026-11-26T10:00:03Z") +
      "]}";
  ScannerTimings timings = timings_from_sarif(sarif, "--timings prev.sarif");
  EXPECT_EQ(timings,
            (ScannerTimings{{"semgrep", milliseconds(41250)}, {"shellcheck", milliseconds(2500)}}));
}

TEST(PreviousTimings, RunsNotWrittenByLaminaAndBrokenTimesAreSkipped) {
  std::string sarif =
      R"({"runs":[)" + run_json("codeql/analyze/", "2026-11-26T10:00:00Z", "2026-11-26T10:01:00Z") +
      "," + run_json("lamina/inline/gitleaks/", "yesterday", "2026-11-26T10:01:00Z") + "," +
      run_json("lamina/inline/bandit/", "2026-11-26T10:01:00Z", "2026-11-26T10:00:00Z") +
      R"(,{"tool":{"driver":{"name":"y"}}}]})";
  EXPECT_TRUE(timings_from_sarif(sarif, "f").empty());
}

TEST(PreviousTimings, LongestInvocationOfAScannerCounts) {
  std::string sarif = R"({"runs":[{"automationDetails":{"id":"lamina/inline/shellcheck/"},)"
                      R"("invocations":[{"startTimeUtc":"2026-01-01T00:00:00Z",)"
                      R"("endTimeUtc":"2026-01-01T00:00:02Z"},)"
                      R"({"startTimeUtc":"2026-01-01T00:00:00Z",)"
                      R"("endTimeUtc":"2026-01-01T00:00:07Z"}]}]})";
  EXPECT_EQ(timings_from_sarif(sarif, "f").at("shellcheck"), milliseconds(7000));
}

TEST(PreviousTimings, NotSarifIsAnErrorNamingTheFileAndTheFix) {
  try {
    timings_from_sarif("{\"version\": 2", "--timings prev.sarif");
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "--timings prev.sarif: not a SARIF log (expected a JSON object with a \"runs\" "
                 "array); pass the lamina.sarif written by a previous lamina run");
    EXPECT_EQ(e.exit_code(), kExitUsage);
  }
}

TEST(PreviousTimings, UnreadableFileIsAnErrorNamingIt) {
  test::TempDir dir;
  try {
    read_timings_file(dir.file("missing.sarif"));
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "--timings " + dir.file("missing.sarif") +
                                         ": cannot read it (No such file or directory)");
  }
}

TEST(PreviousTimings, ReadsAFile) {
  test::TempDir dir;
  test::write_file(
      dir.file("prev.sarif"),
      R"({"runs":[)" +
          run_json("lamina/continuous/trivy/", "2026-11-26T10:00:00Z", "2026-11-26T10:02:00Z") +
          "]}");
  EXPECT_EQ(read_timings_file(dir.file("prev.sarif")),
            (ScannerTimings{{"trivy", milliseconds(120000)}}));
}

TEST(UtcTimestamp, ParsesSecondsAndFractions) {
  using std::chrono::system_clock;
  EXPECT_EQ(parse_utc_timestamp("1970-01-01T00:00:01Z"),
            system_clock::time_point(std::chrono::seconds(1)));
  EXPECT_EQ(parse_utc_timestamp("1970-01-01T00:00:01.5Z"),
            system_clock::time_point(milliseconds(1500)));
  EXPECT_EQ(parse_utc_timestamp("2026-11-26T16:30:59.123456Z"),
            system_clock::time_point(std::chrono::seconds(1795710659) + milliseconds(123)));
}

TEST(UtcTimestamp, RejectsOtherForms) {
  for (const char* text :
       {"", "2026-11-26", "2026-11-26T16:30:59", "2026-11-26T16:30:59+01:00",
        "2026-13-01T00:00:00Z", "2026-11-26T16:30:59.Z", "2026-11-26 16:30:59Z"}) {
    EXPECT_EQ(parse_utc_timestamp(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace lamina
