#include "parse/parse_support.h"

#include "util/text.h"

#include <charconv>
#include <cstring>
#include <limits>

namespace lamina {
namespace {

constexpr size_t kMaxRefusalNotes = 20;

// Length of the valid UTF-8 sequence at `i`, or 0 (RFC 3629: no overlongs, surrogates, > U+10FFFF).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  unsigned char c1 = byte(i + 1);
  if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
  if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
  if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
  if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
  return n;
}

// Offset of the first invalid sequence, or npos. Eight ASCII bytes at a time on the fast path.
size_t first_invalid_utf8(std::string_view s, size_t from) {
  size_t i = from;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

}  // namespace

std::string valid_utf8(std::string_view text, size_t* replaced) {
  size_t count = 0;
  size_t bad = first_invalid_utf8(text, 0);
  if (bad == std::string_view::npos) {
    if (replaced) *replaced = 0;
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size() + 16);
  size_t done = 0;
  while (bad != std::string_view::npos) {
    out.append(text.substr(done, bad - done));
    out.append("\xEF\xBF\xBD");
    ++count;
    done = bad + 1;
    bad = first_invalid_utf8(text, done);
  }
  out.append(text.substr(done));
  if (replaced) *replaced = count;
  return out;
}

std::optional<size_t> nesting_overflow(std::string_view json, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::optional<nlohmann::json> parse_json_document(std::string_view bytes, std::string_view format,
                                                  ParseOutcome& outcome) {
  if (std::optional<size_t> at = nesting_overflow(bytes, kMaxJsonDepth)) {
    outcome.error = std::string(format) + ": JSON nested deeper than " +
                    std::to_string(kMaxJsonDepth) + " levels at byte " + std::to_string(*at);
    return std::nullopt;
  }
  size_t replaced = 0;
  std::string text = valid_utf8(bytes, &replaced);
  if (replaced) {
    outcome.notes.push_back(std::to_string(replaced) +
                            " invalid UTF-8 sequence(s) replaced by U+FFFD");
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    outcome.error = std::string(format) + ": not valid JSON: " + e.what();
    return std::nullopt;
  }
}

TextLines::TextLines(std::string_view bytes, ParseOutcome& outcome) {
  std::string_view text = bytes;
  if (!is_valid_utf8(bytes)) {
    size_t replaced = 0;
    repaired_ = valid_utf8(bytes, &replaced);
    if (replaced) {
      outcome.notes.push_back(std::to_string(replaced) +
                              " invalid UTF-8 sequence(s) replaced by U+FFFD");
    }
    text = repaired_;
  }
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    size_t stop = end > start && text[end - 1] == '\r' ? end - 1 : end;
    lines_.push_back(text.substr(start, stop - start));
    start = end + 1;
  }
}

std::string unmapped_note(std::string_view tool_location, const std::string& reason) {
  return "location \"" + valid_utf8(tool_location) +
         "\" could not be mapped into the repository (" + reason + ")";
}

void refuse_path(std::string_view tool_path, const std::string& reason, ParseOutcome& outcome) {
  ++outcome.refused_paths;
  if (outcome.refused_paths <= kMaxRefusalNotes) {
    outcome.notes.push_back(unmapped_note(tool_path, reason));
  } else if (outcome.refused_paths == kMaxRefusalNotes + 1) {
    outcome.notes.push_back("further locations that could not be mapped are counted, not listed");
  }
}

void keep_unmapped(Finding& finding, std::string_view tool_location, const std::string& reason,
                   ParseOutcome& outcome) {
  refuse_path(tool_location, reason, outcome);
  finding.location.path.clear();
  finding.location.region = Region{};
  finding.unmapped_location = valid_utf8(tool_location);
  finding.notes.push_back(unmapped_note(tool_location, reason) +
                          "; kept at repository level, counted by the gate");
}

void place_finding(Finding& finding, std::string_view tool_path, const RawRegion& region,
                   const ParseContext& ctx, ParseOutcome& outcome) {
  PathResolution where =
      repository_path(tool_path, ctx.repository_root, ctx.working_directory, &ctx.workspace);
  if (!where.path) {
    keep_unmapped(finding, tool_path, where.refusal, outcome);
    return;
  }
  if (!where.mapped.empty()) finding.notes.push_back(where.mapped);
  finding.location.path = std::move(*where.path);
  finding.location.region = clamp_region(region, finding.notes);
}

Finding new_finding(const ParseContext& ctx, std::string original) {
  Finding finding;
  finding.tool = ctx.scanner_id;
  finding.original = std::move(original);
  return finding;
}

std::string json_string(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

const nlohmann::json& json_member(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::optional<int64_t> parse_integer(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = text.front() == '-';
  std::string_view digits = negative || text.front() == '+' ? text.substr(1) : text;
  if (digits.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    if (value > (std::numeric_limits<int64_t>::max() - 9) / 10) {
      value = std::numeric_limits<int64_t>::max();
    } else {
      value = value * 10 + (c - '0');
    }
  }
  return negative ? -value : value;
}

std::optional<int64_t> json_integer(const nlohmann::json& value) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() &&
        value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return std::numeric_limits<int64_t>::max();
    }
    return value.get<int64_t>();
  }
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (d != d) return std::nullopt;
    if (d >= 9.2e18) return std::numeric_limits<int64_t>::max();
    if (d <= -9.2e18) return std::numeric_limits<int64_t>::min();
    return static_cast<int64_t>(d);
  }
  if (value.is_string()) return parse_integer(value.get_ref<const std::string&>());
  return std::nullopt;
}

std::optional<int64_t> json_integer(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  return it == object.end() ? std::nullopt : json_integer(*it);
}

std::optional<double> parse_number(std::string_view text) {
  double out = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return out;
}

void UnreadLines::add(std::string_view line) {
  if (line.find_first_not_of(" \t") == std::string_view::npos) return;
  if (count_++ == 0) first_ = std::string(line.substr(0, 200));
}

void UnreadLines::report(std::string_view format, ParseOutcome& outcome) const {
  if (count_ == 0) return;
  outcome.notes.push_back(std::to_string(count_) + " line(s) not in " + std::string(format) +
                          " format ignored, first: \"" + valid_utf8(first_) + "\"");
}

}  // namespace lamina
