#include "parse/sarif_run.h"

#include "model/paths.h"
#include "parse/parse_support.h"
#include "parse/sarif_code_flows.h"

namespace lamina {
namespace {

using json = nlohmann::json;

const json* element(const json& array, int64_t i) {
  if (!array.is_array() || i < 0 || static_cast<size_t>(i) >= array.size()) return nullptr;
  return &array[static_cast<size_t>(i)];
}

// "{0} flows to {1}" with message.arguments substituted (SARIF §3.11.5).
std::string substitute_arguments(std::string text, const std::vector<std::string>& args) {
  if (args.empty()) return text;
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    std::optional<int64_t> n =
        close != std::string::npos
            ? parse_integer(std::string_view(text).substr(i + 1, close - i - 1))
            : std::nullopt;
    if (n && *n >= 0 && static_cast<size_t>(*n) < args.size()) {
      out += args[static_cast<size_t>(*n)];
      i = close;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string message_text(SarifResult& result, const json* rule) {
  std::string text = std::move(result.message_text);
  if (text.empty()) text = std::move(result.message_markdown);
  if (text.empty() && rule && !result.message_id.empty()) {
    const json& strings =
        json_member(json_member(*rule, "messageStrings"), result.message_id.c_str());
    text = json_string(strings, "text");
  }
  return substitute_arguments(std::move(text), result.message_arguments);
}

std::optional<double> security_severity(const std::optional<std::string>& text,
                                        std::vector<std::string>& notes) {
  if (!text) return std::nullopt;
  std::optional<double> score = parse_number(*text);
  if (!score) notes.push_back("security-severity \"" + *text + "\" is not a number; ignored");
  return score;
}

std::string effective_level(const SarifResult& result, const json* rule) {
  if (!result.kind.empty() && result.kind != "fail") return "none";  // SARIF §3.27.9
  std::string level = result.level;
  if (level.empty() && rule)
    level = json_string(json_member(*rule, "defaultConfiguration"), "level");
  return level.empty() ? "warning" : level;
}

}  // namespace

void SarifRun::set_member(const std::string& key, json&& value) {
  if (key == "tool") {
    tool_ = std::move(value);
    rules_by_id_.clear();
    rule_texts_.clear();
    const json& rules = json_member(json_member(tool_, "driver"), "rules");
    if (!rules.is_array()) return;
    for (const json& rule : rules) {
      std::string id = json_string(rule, "id");
      if (!id.empty()) rules_by_id_.emplace(id, &rule);
    }
  } else if (key == "originalUriBaseIds" && value.is_object()) {
    base_ids_ = std::move(value);
    base_cache_.clear();
  } else if (key == "artifacts" && value.is_array()) {
    artifacts_ = std::move(value);
  }
}

SarifRunSummary SarifRun::summary() const {
  const json& driver = json_member(tool_, "driver");
  SarifRunSummary out;
  out.tool_name = json_string(driver, "name");
  out.tool_version = json_string(driver, "version");
  if (out.tool_version.empty()) out.tool_version = json_string(driver, "semanticVersion");
  out.information_uri = json_string(driver, "informationUri");
  return out;
}

bool SarifRun::can_place(const SarifResult& result, const ParseContext& ctx) const {
  const auto known = [&](const SarifLocation& location) {
    if (location.uri.empty()) return !location.artifact_index || !artifacts_.empty();
    if (location.uri_base_id.empty() || has_uri_scheme(location.uri)) return true;
    return base_ids_.contains(location.uri_base_id) ||
           ctx.uri_base_ids.count(location.uri_base_id) > 0;
  };
  if (result.primary && !known(*result.primary)) return false;
  for (const SarifLocation& location : result.related) {
    if (!known(location)) return false;
  }
  return true;
}

// The rule a result refers to: by index (into the driver or the named extension), else by id.
const json* SarifRun::rule_for(const SarifResult& result) const {
  const json* rules = &json_member(json_member(tool_, "driver"), "rules");
  if (result.tool_component_index) {
    const json* extension = element(json_member(tool_, "extensions"), *result.tool_component_index);
    if (!extension) return nullptr;
    rules = &json_member(*extension, "rules");
  }
  std::optional<int64_t> index =
      result.rule_index ? result.rule_index : result.rule_reference_index;
  const std::string& id = result.rule_id.empty() ? result.rule_reference_id : result.rule_id;
  const json* by_index = index ? element(*rules, *index) : nullptr;
  // SARIF requires the indexed rule to carry the result's ruleId; if it does not, trust the id.
  if (by_index) {
    const json& indexed_id = json_member(*by_index, "id");
    if (id.empty() || (indexed_id.is_string() && indexed_id.get_ref<const std::string&>() == id)) {
      return by_index;
    }
  }
  if (result.tool_component_index) return nullptr;
  auto it = rules_by_id_.find(id);
  return it == rules_by_id_.end() ? nullptr : it->second;
}

std::optional<std::string> SarifRun::base_directory(const std::string& id, const ParseContext& ctx,
                                                    int hops) const {
  const json& entry = json_member(base_ids_, id.c_str());
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

std::optional<std::string> SarifRun::artifact_uri(const SarifLocation& location,
                                                  const ParseContext& ctx,
                                                  std::vector<std::string>& notes) const {
  std::string uri = location.uri;
  std::string base_id = location.uri_base_id;
  if (uri.empty()) {
    const json* artifact =
        location.artifact_index ? element(artifacts_, *location.artifact_index) : nullptr;
    if (!artifact) return std::nullopt;
    const json& artifact_location = json_member(*artifact, "location");
    uri = json_string(artifact_location, "uri");
    base_id = json_string(artifact_location, "uriBaseId");
    if (uri.empty()) return std::nullopt;
  }
  if (has_uri_scheme(uri)) return uri;  // file: URIs are decoded by the path resolver
  // A relative reference is percent-encoded like any URI ("a%20b.c", "100%25.c"); a tool that
  // wrote a bare "%" meant the character.
  std::optional<std::string> relative = percent_decode(uri);
  if (!relative) return uri;
  if (base_id.empty()) return *relative;
  auto cached = base_cache_.find(base_id);
  if (cached == base_cache_.end()) {
    cached = base_cache_.emplace(base_id, base_directory(base_id, ctx, 0)).first;
  }
  const std::optional<std::string>& base = cached->second;
  if (!base) {
    notes.push_back("uriBaseId " + base_id + " is not defined; \"" + uri +
                    "\" resolved against the working directory");
    return *relative;
  }
  bool has_slash = !base->empty() && base->back() == '/';
  return *base + (has_slash ? "" : "/") + *relative;
}

std::optional<std::string> SarifRun::read_location(const SarifLocation& location, Location& out,
                                                   std::string& url, const ParseContext& ctx,
                                                   std::string& refusal,
                                                   std::vector<std::string>& notes) const {
  out.message = location.message;
  std::optional<std::string> uri = artifact_uri(location, ctx, notes);
  if (!uri) return std::nullopt;  // a logical location only: no file
  if (has_uri_scheme(*uri) && !is_file_uri(*uri)) {
    url = *uri;
    return std::nullopt;
  }
  PathResolution where = paths_->resolve(*uri);
  if (!where.path) {
    refusal = where.refusal;
    return uri;
  }
  if (!where.mapped.empty()) notes.push_back(where.mapped);
  out.path = std::move(*where.path);
  out.region = clamp_region(location.region, notes);
  return std::nullopt;
}

// The rule's descriptions and help, built once per rule and shared by its findings.
std::shared_ptr<const RuleText> SarifRun::rule_text(const json* rule) {
  if (!rule) return nullptr;
  auto cached = rule_texts_.find(rule);
  if (cached != rule_texts_.end()) return cached->second;
  RuleText text;
  text.short_description = json_string(json_member(*rule, "shortDescription"), "text");
  text.full_description = json_string(json_member(*rule, "fullDescription"), "text");
  text.help_text = json_string(json_member(*rule, "help"), "text");
  text.help_markdown = json_string(json_member(*rule, "help"), "markdown");
  std::shared_ptr<const RuleText> shared;
  if (!text.short_description.empty() || !text.full_description.empty() ||
      !text.help_text.empty() || !text.help_markdown.empty()) {
    shared = std::make_shared<const RuleText>(std::move(text));
  }
  rule_texts_.emplace(rule, shared);
  return shared;
}

// Locations of `result` into `f`: the primary one (at repository level when it cannot be mapped),
// related ones (left out with a note when they cannot), and the steps of its code flows.
void SarifRun::place(Finding& f, const SarifResult& result, const ParseContext& ctx,
                     ParseOutcome& outcome) const {
  std::string refusal;
  if (result.primary) {
    std::optional<std::string> unmapped =
        read_location(*result.primary, f.location, f.url, ctx, refusal, f.notes);
    if (unmapped) keep_unmapped(f, *unmapped, refusal, outcome);
  }
  for (const SarifLocation& location : result.related) {
    Location extra;
    std::string ignored_url;
    std::optional<std::string> unmapped =
        read_location(location, extra, ignored_url, ctx, refusal, f.notes);
    if (!unmapped) {
      f.related.push_back(std::move(extra));
    } else {
      refuse_path(*unmapped, refusal, outcome);
      f.notes.push_back("related " + unmapped_note(*unmapped, refusal) + ": left out");
    }
  }
  f.code_flows = read_code_flows(f.original, [&](const SarifLocation& location) {
    Location step;
    std::string ignored_url, ignored_refusal;
    std::vector<std::string> ignored_notes;
    std::optional<std::string> unmapped =
        read_location(location, step, ignored_url, ctx, ignored_refusal, ignored_notes);
    if (unmapped) {
      step.message = (step.message.empty() ? "" : step.message + " ") + "(at \"" +
                     valid_utf8(*unmapped) + "\", not mapped into the repository)";
    }
    return step;
  });
}

std::optional<Finding> SarifRun::finding(SarifResult&& result, const ParseContext& ctx,
                                         ParseOutcome& outcome) {
  if (result.kind == "pass" || result.kind == "notApplicable") {
    ++skipped_kinds_;
    return std::nullopt;
  }
  const json* rule = rule_for(result);
  Finding f = new_finding(ctx, std::move(result.original));
  f.rule_id = result.rule_id.empty() ? result.rule_reference_id : result.rule_id;
  if (f.rule_id.empty() && rule) f.rule_id = json_string(*rule, "id");
  if (rule) {
    f.rule_name = json_string(*rule, "name");
    f.help_uri = json_string(*rule, "helpUri");
    f.rule_text = rule_text(rule);
  }
  f.message = message_text(result, rule);
  f.tool_level = effective_level(result, rule);
  f.security_severity = security_severity(result.security_severity, f.notes);
  if (!f.security_severity && !result.security_severity && rule) {
    const json& value = json_member(json_member(*rule, "properties"), "security-severity");
    if (!value.is_null()) {
      f.security_severity =
          security_severity(value.is_string() ? value.get<std::string>() : value.dump(), f.notes);
    }
  }
  place(f, result, ctx, outcome);
  f.fingerprints = std::move(result.partial_fingerprints);
  f.suppressions = std::move(result.suppressions);
  return f;
}

}  // namespace lamina
