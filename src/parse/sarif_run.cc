#include "parse/sarif_run.h"

#include "findings/paths.h"
#include "parse/parse_support.h"

namespace lamina {
namespace {

using json = nlohmann::json;

const json& member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

const json* element(const json& array, const json& index) {
  std::optional<int64_t> i = json_integer(index);
  if (!array.is_array() || !i || *i < 0 || static_cast<size_t>(*i) >= array.size()) return nullptr;
  return &array[static_cast<size_t>(*i)];
}

// "{0} flows to {1}" with message.arguments substituted (SARIF §3.11.5).
std::string substitute_arguments(const std::string& text, const json& arguments) {
  if (!arguments.is_array() || arguments.empty()) return text;
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    std::optional<int64_t> n =
        close != std::string::npos
            ? parse_integer(std::string_view(text).substr(i + 1, close - i - 1))
            : std::nullopt;
    if (n && *n >= 0 && static_cast<size_t>(*n) < arguments.size() &&
        arguments[static_cast<size_t>(*n)].is_string()) {
      out += arguments[static_cast<size_t>(*n)].get<std::string>();
      i = close;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string message_text(const json& message, const json* rule) {
  std::string text = json_string(message, "text");
  if (text.empty()) text = json_string(message, "markdown");
  if (text.empty() && rule) {
    const json& strings =
        member(member(*rule, "messageStrings"), json_string(message, "id").c_str());
    text = json_string(strings, "text");
  }
  return substitute_arguments(text, member(message, "arguments"));
}

RawRegion raw_region(const json& region) {
  RawRegion raw;
  raw.start_line = json_integer(region, "startLine");
  raw.start_column = json_integer(region, "startColumn");
  raw.end_line = json_integer(region, "endLine");
  raw.end_column = json_integer(region, "endColumn");
  return raw;
}

std::optional<double> security_severity(const json& properties, std::vector<std::string>& notes) {
  const json& value = member(properties, "security-severity");
  if (value.is_null()) return std::nullopt;
  std::optional<double> score = json_number(value);
  if (!score) notes.push_back("security-severity " + value.dump() + " is not a number; ignored");
  return score;
}

std::string effective_level(const json& result, const json* rule) {
  const std::string kind = json_string(result, "kind");
  if (!kind.empty() && kind != "fail") return "none";  // SARIF §3.27.9: only failures have levels
  std::string level = json_string(result, "level");
  if (level.empty() && rule) level = json_string(member(*rule, "defaultConfiguration"), "level");
  return level.empty() ? "warning" : level;
}

bool is_file_uri(const std::string& uri) {
  return uri.size() >= 5 && (uri.compare(0, 5, "file:") == 0 || uri.compare(0, 5, "FILE:") == 0);
}

std::string suppression_kind(const json& suppressions) {
  if (!suppressions.is_array()) return "";
  for (const json& s : suppressions) {
    std::string status = json_string(s, "status");
    if (status.empty() || status == "accepted") return json_string(s, "kind");
  }
  return "";
}

}  // namespace

void SarifRun::set_member(const std::string& key, json&& value) {
  if (key == "tool") {
    tool_ = std::move(value);
    rules_by_id_.clear();
    const json& rules = member(member(tool_, "driver"), "rules");
    if (!rules.is_array()) return;
    for (const json& rule : rules) {
      std::string id = json_string(rule, "id");
      if (!id.empty()) rules_by_id_.emplace(id, &rule);
    }
  } else if (key == "originalUriBaseIds" && value.is_object()) {
    base_ids_ = std::move(value);
  } else if (key == "artifacts" && value.is_array()) {
    artifacts_ = std::move(value);
  }
}

// The rule a result refers to: by index (into the driver or the named extension), else by id.
const json* SarifRun::rule_for(const json& result) const {
  const json& reference = member(result, "rule");
  const json& component = member(member(reference, "toolComponent"), "index");
  const json* rules = &member(member(tool_, "driver"), "rules");
  if (!component.is_null()) {
    const json* extension = element(member(tool_, "extensions"), component);
    if (!extension) return nullptr;
    rules = &member(*extension, "rules");
  }
  const json& index = member(result, "ruleIndex").is_null() ? member(reference, "index")
                                                            : member(result, "ruleIndex");
  if (const json* by_index = element(*rules, index)) return by_index;
  if (!component.is_null()) return nullptr;
  std::string id = json_string(result, "ruleId");
  if (id.empty()) id = json_string(reference, "id");
  auto it = rules_by_id_.find(id);
  return it == rules_by_id_.end() ? nullptr : it->second;
}

std::optional<std::string> SarifRun::base_directory(const std::string& id, const ParseContext& ctx,
                                                    int hops) const {
  const json& entry = member(base_ids_, id.c_str());
  if (entry.is_object() && hops < 8) {
    std::string uri = json_string(entry, "uri");
    std::string parent = json_string(entry, "uriBaseId");
    if (!parent.empty()) {
      std::optional<std::string> above = base_directory(parent, ctx, hops + 1);
      if (!above) return std::nullopt;
      std::optional<std::string> decoded = percent_decode(uri);
      return decoded ? std::optional(*above + "/" + *decoded) : std::nullopt;
    }
    if (has_uri_scheme(uri)) return file_uri_path(uri);
    return percent_decode(uri);
  }
  auto given = ctx.uri_base_ids.find(id);
  if (given == ctx.uri_base_ids.end()) return std::nullopt;
  if (has_uri_scheme(given->second)) return file_uri_path(given->second);
  return given->second;
}

std::optional<std::string> SarifRun::artifact_uri(const json& artifact_location,
                                                  const ParseContext& ctx,
                                                  std::vector<std::string>& notes) const {
  std::string uri = json_string(artifact_location, "uri");
  std::string base_id = json_string(artifact_location, "uriBaseId");
  if (uri.empty()) {
    const json* artifact = element(artifacts_, member(artifact_location, "index"));
    if (!artifact) return std::nullopt;
    const json& location = member(*artifact, "location");
    uri = json_string(location, "uri");
    base_id = json_string(location, "uriBaseId");
    if (uri.empty()) return std::nullopt;
  }
  if (has_uri_scheme(uri) || base_id.empty()) return uri;
  std::optional<std::string> relative = percent_decode(uri);
  if (!relative) return uri;
  std::optional<std::string> base = base_directory(base_id, ctx, 0);
  if (!base) {
    notes.push_back("uriBaseId " + base_id + " is not defined; \"" + uri +
                    "\" resolved against the working directory");
    return *relative;
  }
  return *base + "/" + *relative;
}

bool SarifRun::read_location(const json& location, Location& out, std::string& url,
                             const ParseContext& ctx, ParseOutcome& outcome,
                             std::vector<std::string>& notes) const {
  out.message = json_string(member(location, "message"), "text");
  const json& physical = member(location, "physicalLocation");
  std::optional<std::string> uri = artifact_uri(member(physical, "artifactLocation"), ctx, notes);
  if (!uri) return true;  // a logical location only: no file
  if (has_uri_scheme(*uri) && !is_file_uri(*uri)) {
    url = *uri;
    return true;
  }
  PathResolution where = repository_path(*uri, ctx.repository_root, ctx.working_directory);
  if (!where.path) {
    refuse_path(*uri, where.refusal, outcome);
    return false;
  }
  out.path = std::move(*where.path);
  out.region = clamp_region(raw_region(member(physical, "region")), notes);
  return true;
}

std::optional<Finding> SarifRun::finding(const json& result, const ParseContext& ctx,
                                         ParseOutcome& outcome) {
  const std::string kind = json_string(result, "kind");
  if (kind == "pass" || kind == "notApplicable") {
    ++skipped_kinds_;
    return std::nullopt;
  }
  const json* rule = rule_for(result);
  Finding f = new_finding(ctx, result.dump(-1, ' ', false, json::error_handler_t::replace));
  f.rule_id = json_string(result, "ruleId");
  if (f.rule_id.empty()) f.rule_id = json_string(member(result, "rule"), "id");
  if (f.rule_id.empty() && rule) f.rule_id = json_string(*rule, "id");
  if (rule) {
    f.rule_name = json_string(*rule, "name");
    f.help_uri = json_string(*rule, "helpUri");
  }
  f.message = message_text(member(result, "message"), rule);
  f.tool_level = effective_level(result, rule);
  f.security_severity = security_severity(member(result, "properties"), f.notes);
  if (!f.security_severity && rule) {
    f.security_severity = security_severity(member(*rule, "properties"), f.notes);
  }
  const json& locations = member(result, "locations");
  if (locations.is_array() && !locations.empty() &&
      !read_location(locations[0], f.location, f.url, ctx, outcome, f.notes)) {
    return std::nullopt;
  }
  const json& related = member(result, "relatedLocations");
  if (related.is_array()) {
    for (const json& location : related) {
      Location extra;
      std::string ignored_url;
      if (read_location(location, extra, ignored_url, ctx, outcome, f.notes)) {
        f.related.push_back(std::move(extra));
      }
    }
  }
  const json& fingerprints = member(result, "partialFingerprints");
  if (fingerprints.is_object()) {
    for (const auto& [key, value] : fingerprints.items()) {
      if (value.is_string()) f.fingerprints[key] = value.get<std::string>();
    }
  }
  f.suppression = suppression_kind(member(result, "suppressions"));
  return f;
}

}  // namespace lamina
