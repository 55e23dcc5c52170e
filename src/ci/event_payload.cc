#include "ci/event_payload.h"

#include "ci/revision_text.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

constexpr std::string_view kFix =
    "Fix: point GITHUB_EVENT_PATH at the event file GitHub wrote for this job, unmodified.";

std::string describe(const nlohmann::json& value) {
  if (value.is_string()) return "the string " + in_quotes(value.get<std::string>());
  const std::string text = value.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  return std::string(value.type_name()) + " " + one_line(text, 40);
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string parse_problem(const nlohmann::json::parse_error& error) {
  const std::string_view what = error.what();
  const std::size_t end_of_tag = what.find("] ");
  return one_line(end_of_tag == std::string_view::npos ? what : what.substr(end_of_tag + 2), 200);
}

}  // namespace

EventPayload::EventPayload(const std::string& text, std::string path) : path_(std::move(path)) {
  const std::string file = "event payload " + in_quotes(path_) + " (GITHUB_EVENT_PATH)";
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(file + " is empty: expected the JSON object GitHub writes for the event. " +
                std::string(kFix));
  }
  try {
    root_ = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    throw Error(file + " is not valid JSON (" + parse_problem(error) + "). " + std::string(kFix));
  }
  if (!root_.is_object()) {
    throw Error(file + ": expected a JSON object at the top level, got " + describe(root_) + ". " +
                std::string(kFix));
  }
}

const nlohmann::json* EventPayload::find(std::string_view field) const {
  const nlohmann::json* node = &root_;
  std::size_t start = 0;
  while (start <= field.size()) {
    std::size_t end = field.find('.', start);
    if (end == std::string_view::npos) end = field.size();
    if (!node->is_object()) fail(field.substr(0, start - 1), "a JSON object");
    const auto it = node->find(std::string(field.substr(start, end - start)));
    if (it == node->end() || it->is_null()) return nullptr;
    node = &*it;
    start = end + 1;
  }
  return node;
}

void EventPayload::fail(std::string_view field, std::string_view expected) const {
  // When an object on the way has the wrong type, find() throws the error for that shorter path.
  const nlohmann::json* value = find(field);
  const std::string got = value == nullptr ? "nothing (the field is missing)" : describe(*value);
  throw Error("event payload " + in_quotes(path_) + " (GITHUB_EVENT_PATH): field " +
              std::string(field) + ": expected " + std::string(expected) + ", got " + got + ". " +
              std::string(kFix));
}

std::optional<std::string> EventPayload::string_field(std::string_view field) const {
  const nlohmann::json* value = find(field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) fail(field, "a string");
  return value->get<std::string>();
}

std::string EventPayload::sha_field(std::string_view field) const {
  const nlohmann::json* value = find(field);
  if (value == nullptr || !value->is_string() || !is_commit_sha(value->get<std::string>())) {
    fail(field, "a commit SHA (40 or 64 hexadecimal digits)");
  }
  return value->get<std::string>();
}

bool EventPayload::flag_field(std::string_view field) const {
  const nlohmann::json* value = find(field);
  if (value == nullptr) return false;
  if (!value->is_boolean()) fail(field, "true or false");
  return value->get<bool>();
}

std::optional<long> EventPayload::number_field(std::string_view field) const {
  const nlohmann::json* value = find(field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_unsigned() || value->get<unsigned long>() == 0 ||
      value->get<unsigned long>() > 1'000'000'000'000UL) {
    fail(field, "a positive whole number");
  }
  return static_cast<long>(value->get<unsigned long>());
}

std::optional<std::string> EventPayload::branch_field(std::string_view field) const {
  std::optional<std::string> name = string_field(field);
  if (name && !is_branch_name(*name)) fail(field, "a git branch name");
  return name;
}

}  // namespace lamina
