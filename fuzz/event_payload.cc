// A GitHub event payload (GITHUB_EVENT_PATH): attacker-controlled fields such as branch names and
// titles. The first byte picks the event; the rest is the payload, read both field by field and
// through the whole CI context stage. Errors are lamina::Error; the text the context keeps for
// logs and reports (event, repository, reason) is one printable line.
#include <string>

#include "ci/detect.h"
#include "ci/event_payload.h"
#include "fuzz_check.h"
#include "util/error.h"

namespace {

const char* const kEvents[] = {"pull_request", "pull_request_target", "push",
                               "merge_group",  "workflow_dispatch",   "schedule"};

void check_one_line(const std::string& text) {
  for (char c : text) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
}

void read_fields(const std::string& text) {
  try {
    lamina::EventPayload payload(text, "event.json");
    for (const char* field : {"pull_request.head.ref", "pull_request.title", "ref", "after"}) {
      try {
        payload.string_field(field);
        payload.branch_field(field);
      } catch (const lamina::Error&) {
      }
    }
    try {
      std::string sha = payload.sha_field("pull_request.base.sha");
      FUZZ_CHECK(sha.size() == 40 || sha.size() == 64);
    } catch (const lamina::Error&) {
    }
    try {
      auto number = payload.number_field("number");
      FUZZ_CHECK(!number || *number > 0);
      payload.flag_field("forced");
    } catch (const lamina::Error&) {
    }
  } catch (const lamina::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char* event = kEvents[data[0] % (sizeof kEvents / sizeof kEvents[0])];
  std::string text(lamina::fuzz::as_text(data + 1, size - 1));
  read_fields(text);
  lamina::EnvMap env{{"GITHUB_ACTIONS", "true"},
                     {"GITHUB_EVENT_NAME", event},
                     {"GITHUB_EVENT_PATH", "/tmp/event.json"},
                     {"GITHUB_SHA", std::string(40, 'a')},
                     {"GITHUB_REF", "refs/heads/main"},
                     {"GITHUB_REPOSITORY", "o/r"},
                     {"GITHUB_WORKSPACE", "/repo"}};
  try {
    lamina::CiContext ctx = lamina::detect_ci_context(env, text, "/repo");
    check_one_line(ctx.event);
    check_one_line(ctx.repository);
    check_one_line(ctx.reason);
  } catch (const lamina::Error&) {
  }
  return 0;
}
