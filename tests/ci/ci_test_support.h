#pragma once
// Inputs for the CI context tests: the real GitHub payloads in tests/data/github-events/, the
// variables GitHub and GitLab set, and one-field edits of a payload.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "util/env.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina::test {

// The commit GitHub's test merge of a PR (or a GitLab merge commit) would be in these tests.
inline const std::string kMergeSha = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
inline const std::string kEventPath = "/home/runner/work/_temp/_github_workflow/event.json";

inline std::string event_fixture(const std::string& name) {
  const std::string path = source_path("tests/data/github-events/" + name);
  std::optional<std::string> text = read_file(path);
  if (!text) throw std::runtime_error("missing test fixture " + path);
  return *text;
}

// `payload` with the value at JSON pointer `pointer` replaced by `value` (or added).
inline std::string with_field(const std::string& payload, const std::string& pointer,
                              const nlohmann::json& value) {
  nlohmann::json json = nlohmann::json::parse(payload);
  json[nlohmann::json::json_pointer(pointer)] = value;
  return json.dump();
}

// `payload` without the value at JSON pointer `pointer`.
inline std::string without_field(const std::string& payload, const std::string& pointer) {
  nlohmann::json json = nlohmann::json::parse(payload);
  const nlohmann::json::json_pointer field(pointer);
  json[field.parent_pointer()].erase(field.back());
  return json.dump();
}

// The variables a GitHub Actions job has for `event`.
inline EnvMap github_env(const std::string& event, const std::string& sha = kMergeSha) {
  return {{"CI", "true"},
          {"GITHUB_ACTIONS", "true"},
          {"GITHUB_EVENT_NAME", event},
          {"GITHUB_EVENT_PATH", kEventPath},
          {"GITHUB_SHA", sha},
          {"GITHUB_REPOSITORY", "Codertocat/Hello-World"},
          {"GITHUB_WORKSPACE", "/home/runner/work/Hello-World/Hello-World"}};
}

// The message of the lamina::Error `action` throws, checking it exits 2; "" when none is thrown.
inline std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), kExitUsage);
    return error.what();
  }
  return "";
}

}  // namespace lamina::test
