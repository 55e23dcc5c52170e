#pragma once
// A GitHub event payload (the JSON file GITHUB_EVENT_PATH names), parsed once, with typed reads
// of dotted field paths ("pull_request.base.sha") that fail with a lamina::Error naming the file,
// the field, what was expected and the fix.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lamina {

class EventPayload {
 public:
  // Parses `text`, the contents of the file at `path` (named in errors). Throws lamina::Error
  // when `text` is not JSON or not a JSON object.
  EventPayload(const std::string& text, std::string path);

  // A string field; nullopt when absent or null. Throws when present with another type.
  std::optional<std::string> string_field(std::string_view field) const;
  // A commit SHA field (40 or 64 hex digits, all zeros allowed). Throws when absent or malformed.
  std::string sha_field(std::string_view field) const;
  // A boolean field; false when absent or null. Throws when present with another type.
  bool flag_field(std::string_view field) const;
  // A positive integer field; nullopt when absent or null. Throws on any other value.
  std::optional<long> number_field(std::string_view field) const;
  // A branch name (see is_branch_name); nullopt when absent or null. Throws when malformed.
  std::optional<std::string> branch_field(std::string_view field) const;

  // Throws the error for `field` holding something other than `expected`.
  [[noreturn]] void fail(std::string_view field, std::string_view expected) const;

 private:
  // The value at `field`, or nullptr when it (or an object on the way) is absent or null.
  const nlohmann::json* find(std::string_view field) const;

  nlohmann::json root_;
  std::string path_;
};

}  // namespace lamina
