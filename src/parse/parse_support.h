#pragma once
// Building blocks shared by the format parsers: hostile-input hygiene (UTF-8, nesting depth),
// placing a finding in the repository, and lenient JSON field access.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/paths.h"
#include "parse/parse.h"
#include "util/text.h"

namespace lamina {

// JSON deeper than this is refused: no real scanner nests past ~20, and dumping or walking a
// deeper value recursively could exhaust the stack.
inline constexpr size_t kMaxJsonDepth = 512;

// `text` with each invalid UTF-8 sequence replaced by U+FFFD; `replaced` counts them.
std::string valid_utf8(std::string_view text, size_t* replaced = nullptr);

// Byte offset of the first container nested deeper than `max_depth`, if any (strings skipped).
std::optional<size_t> nesting_overflow(std::string_view json, size_t max_depth);

// The whole JSON document, or nullopt with outcome.error naming the format and the byte offset.
// Invalid UTF-8 is replaced (and noted) rather than refused.
std::optional<nlohmann::json> parse_json_document(std::string_view bytes, std::string_view format,
                                                  ParseOutcome& outcome);

// Lines without their "\n" / "\r\n"; invalid UTF-8 replaced, noted in `outcome`. Views into
// `bytes` (which must outlive them) or, when something was replaced, into the repaired copy the
// object holds: a million-line output costs its views, not a million strings.
class TextLines {
 public:
  TextLines(std::string_view bytes, ParseOutcome& outcome);
  TextLines(const TextLines&) = delete;
  TextLines& operator=(const TextLines&) = delete;
  std::vector<std::string_view>::const_iterator begin() const { return lines_.begin(); }
  std::vector<std::string_view>::const_iterator end() const { return lines_.end(); }

 private:
  std::string repaired_;
  std::vector<std::string_view> lines_;
};
inline TextLines text_lines(std::string_view bytes, ParseOutcome& outcome) {
  return TextLines(bytes, outcome);
}

// Sets finding.location from what the tool printed, mapped in with ctx.workspace when it lies
// outside. A path that still cannot be placed leaves the finding at repository level
// (keep_unmapped): the caller keeps it either way, so the gate counts it.
void place_finding(Finding& finding, std::string_view tool_path, const RawRegion& region,
                   const ParseContext& ctx, ParseOutcome& outcome);

// The finding stays the tool's, with no file: `tool_location` goes to unmapped_location and a
// note says why; counted in outcome (bounded number of notes).
void keep_unmapped(Finding& finding, std::string_view tool_location, const std::string& reason,
                   ParseOutcome& outcome);

// Counts a location that could not be mapped on the outcome (bounded number of notes).
void refuse_path(std::string_view tool_path, const std::string& reason, ParseOutcome& outcome);

// "location \"X\" could not be mapped into the repository (outside the repository)".
std::string unmapped_note(std::string_view tool_location, const std::string& reason);

// A new finding with tool and original record filled in.
Finding new_finding(const ParseContext& ctx, std::string original);

// Lenient accessors: absent or mistyped fields give "" / nullopt. Integers also accept numeric
// strings ("12"), as some tools (ZAP) quote all numbers.
std::string json_string(const nlohmann::json& object, std::string_view key);
// The member `key` of `object`, or a null value when absent or `object` is no object.
const nlohmann::json& json_member(const nlohmann::json& object, const char* key);
std::optional<int64_t> json_integer(const nlohmann::json& object, std::string_view key);
std::optional<int64_t> json_integer(const nlohmann::json& value);

// "7.5" -> 7.5; nullopt unless the whole text is a number.
std::optional<double> parse_number(std::string_view text);

// "12" -> 12; nullopt for anything but an optional sign and digits (overflow saturates).
std::optional<int64_t> parse_integer(std::string_view text);

// Counts lines a text parser could not read, noting the first (shortened) as an example.
class UnreadLines {
 public:
  void add(std::string_view line);
  void report(std::string_view format, ParseOutcome& outcome) const;

 private:
  size_t count_ = 0;
  std::string first_;
};

}  // namespace lamina
