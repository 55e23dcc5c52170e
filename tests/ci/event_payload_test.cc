// Bad event payloads: each error names the file, the field path, what was expected and the fix.
#include <gtest/gtest.h>

#include "ci/detect.h"
#include "ci/event_payload.h"
#include "ci_test_support.h"

namespace lamina {
namespace {

using test::error_of;
using test::event_fixture;
using test::with_field;
using test::without_field;

const std::string kPath = "/tmp/event.json";
const std::string kFix =
    " Fix: point GITHUB_EVENT_PATH at the event file GitHub wrote for this job, unmodified.";

std::string pull_request_error(const std::string& payload) {
  EnvMap env = test::github_env("pull_request");
  env["GITHUB_EVENT_PATH"] = kPath;
  return error_of([&] { detect_ci_context(env, payload, "/w"); });
}

TEST(EventPayload, TruncatedPayloadIsNotValidJson) {
  const std::string truncated = event_fixture("pull_request.opened.1.json").substr(0, 30);
  EXPECT_EQ(pull_request_error(truncated),
            "event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH) is not valid JSON (parse error "
            "at line 3, column 7: syntax error while parsing object key - invalid string: missing "
            "closing quote; last read: '\"num'; expected string literal). " +
                kFix.substr(1));
}

TEST(EventPayload, PayloadCutAtAValueBoundaryIsNotValidJson) {
  EXPECT_EQ(pull_request_error("{\"action\": \"opened\","),
            "event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH) is not valid JSON (parse error "
            "at line 1, column 21: syntax error while parsing object key - unexpected end of "
            "input; expected string literal). " +
                kFix.substr(1));
}

TEST(EventPayload, EmptyPayloadIsAnError) {
  EXPECT_EQ(pull_request_error(" \n"),
            "event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH) is empty: expected the JSON "
            "object GitHub writes for the event." +
                kFix);
}

TEST(EventPayload, TopLevelMustBeAnObject) {
  EXPECT_EQ(pull_request_error("[1,2]"),
            "event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH): expected a JSON object at the "
            "top level, got array [1,2]." +
                kFix);
}

TEST(EventPayload, MissingFieldTheEventNeedsIsNamedByItsPath) {
  const std::string payload =
      without_field(event_fixture("pull_request.opened.1.json"), "/pull_request/base/sha");
  EXPECT_EQ(pull_request_error(payload),
            "event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH): field pull_request.base.sha: "
            "expected a commit SHA (40 or 64 hexadecimal digits), got nothing (the field is "
            "missing)." +
                kFix);
}

TEST(EventPayload, ObjectOfTheWrongTypeOnTheWayIsNamed) {
  const std::string payload =
      with_field(event_fixture("pull_request.opened.1.json"), "/pull_request/base", "master");
  EXPECT_EQ(pull_request_error(payload),
            "event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH): field pull_request.base: "
            "expected a JSON object, got the string \"master\"." +
                kFix);
}

TEST(EventPayload, AbbreviatedShaIsRejected) {
  const std::string payload =
      with_field(event_fixture("pull_request.opened.1.json"), "/pull_request/base/sha", "f95f852");
  EXPECT_EQ(pull_request_error(payload),
            "event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH): field pull_request.base.sha: "
            "expected a commit SHA (40 or 64 hexadecimal digits), got the string \"f95f852\"." +
                kFix);
}

TEST(EventPayload, PullRequestNumberMustBeAPositiveWholeNumber) {
  const std::string payload =
      with_field(event_fixture("pull_request.opened.1.json"), "/number", -2);
  EXPECT_EQ(pull_request_error(payload),
            "event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH): field number: expected a "
            "positive whole number, got number -2." +
                kFix);
}

TEST(EventPayload, HostileValuesAreShownAsPlainText) {
  const std::string payload = with_field(event_fixture("pull_request.opened.1.json"),
                                         "/pull_request/base/sha", "abc\n\x1b]8;;evil\x07");
  EXPECT_EQ(pull_request_error(payload),
            "event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH): field pull_request.base.sha: "
            "expected a commit SHA (40 or 64 hexadecimal digits), got the string "
            "\"abc??]8;;evil?\"." +
                kFix);
}

TEST(EventPayload, InvalidUtf8IsNotValidJson) {
  const std::string message = pull_request_error("{\"ref\": \"main\xff\"}");
  EXPECT_TRUE(
      message.starts_with("event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH) is not "
                          "valid JSON (parse error at line 1, column 14: syntax error "))
      << message;
  EXPECT_EQ(message.find('\xff'), std::string::npos);
}

TEST(EventPayload, NullFieldsReadAsAbsent) {
  const EventPayload payload(R"({"a": {"b": null}, "c": null})", kPath);
  EXPECT_EQ(payload.string_field("a.b"), std::nullopt);
  EXPECT_EQ(payload.string_field("c.d"), std::nullopt);
  EXPECT_FALSE(payload.flag_field("a.b"));
  EXPECT_EQ(payload.number_field("x.y.z"), std::nullopt);
}

TEST(EventPayload, CorruptPayloadIsAnErrorEvenForEventsThatNeedNone) {
  EnvMap env = test::github_env("schedule");
  env["GITHUB_EVENT_PATH"] = kPath;
  const std::string message = error_of([&] { detect_ci_context(env, std::string("{"), "/w"); });
  EXPECT_TRUE(message.starts_with(
      "event payload \"/tmp/event.json\" (GITHUB_EVENT_PATH) is not valid JSON"))
      << message;
}

}  // namespace
}  // namespace lamina
