#pragma once
// What one SARIF run says about its results (rules, base URIs, artifacts), and the conversion of
// one result into a Finding with it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "findings/paths.h"
#include "parse/parse.h"
#include "parse/sarif_result.h"

namespace lamina {

class SarifRun {
 public:
  using json = nlohmann::json;
  explicit SarifRun(const PathResolver& paths) : paths_(&paths) {}

  // `member` is "tool", "originalUriBaseIds" or "artifacts".
  void set_member(const std::string& member, json&& value);
  bool has_tool() const { return !tool_.is_null(); }
  // False when a location of `result` names an artifact index or a uriBaseId this run has not
  // (yet) defined: the definition may follow the results, so the caller waits for the run's end.
  bool can_place(const SarifResult& result, const ParseContext& ctx) const;

  // The finding for `result`, or nullopt when the result is not a problem (kind pass or
  // notApplicable, counted in `skipped_kinds`) or its primary path is refused (counted in outcome).
  std::optional<Finding> finding(SarifResult&& result, const ParseContext& ctx,
                                 ParseOutcome& outcome);

  size_t skipped_kinds() const { return skipped_kinds_; }

 private:
  const json* rule_for(const SarifResult& result) const;
  std::optional<std::string> artifact_uri(const SarifLocation& location, const ParseContext& ctx,
                                          std::vector<std::string>& notes) const;
  std::optional<std::string> base_directory(const std::string& id, const ParseContext& ctx,
                                            int hops) const;
  // false when the location names a file lamina refuses (counted in outcome).
  bool read_location(const SarifLocation& location, Location& out, std::string& url,
                     const ParseContext& ctx, ParseOutcome& outcome,
                     std::vector<std::string>& notes) const;

  const PathResolver* paths_;
  // Base directories resolved so far (uriBaseId -> directory, nullopt = undefined).
  mutable std::map<std::string, std::optional<std::string>, std::less<>> base_cache_;
  json tool_;
  json base_ids_ = json::object();
  json artifacts_ = json::array();
  std::map<std::string, const json*, std::less<>> rules_by_id_;
  size_t skipped_kinds_ = 0;
};

}  // namespace lamina
