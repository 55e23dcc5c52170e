#pragma once
// What one SARIF run says about its results (rules, base URIs, artifacts), and the conversion of
// one result into a Finding with it.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/paths.h"
#include "parse/parse.h"
#include "parse/sarif.h"
#include "parse/sarif_result.h"

namespace lamina {

class SarifRun {
 public:
  using json = nlohmann::json;
  explicit SarifRun(const PathResolver& paths) : paths_(&paths) {}

  // `member` is "tool", "originalUriBaseIds" or "artifacts".
  void set_member(const std::string& member, json&& value);
  bool has_tool() const { return !tool_.is_null(); }
  // The tool's name, version and information URI (number and has_results are the reader's).
  SarifRunSummary summary() const;
  // False when a location of `result` names an artifact index or a uriBaseId this run has not
  // (yet) defined: the definition may follow the results, so the caller waits for the run's end.
  bool can_place(const SarifResult& result, const ParseContext& ctx) const;

  // The finding for `result`, or nullopt when the result is not a problem (kind pass or
  // notApplicable, counted in `skipped_kinds`). A result whose location cannot be mapped into the
  // repository is kept at repository level (counted in outcome.refused_paths).
  std::optional<Finding> finding(SarifResult&& result, const ParseContext& ctx,
                                 ParseOutcome& outcome);

  size_t skipped_kinds() const { return skipped_kinds_; }

 private:
  const json* rule_for(const SarifResult& result) const;
  std::optional<std::string> artifact_uri(const SarifLocation& location, const ParseContext& ctx,
                                          std::vector<std::string>& notes) const;
  std::optional<std::string> base_directory(const std::string& id, const ParseContext& ctx,
                                            int hops) const;
  // Places `location` in `out` (or `url` for a web address). Returns the location as the tool
  // named it when it cannot be mapped into the repository, with the reason in `refusal`.
  std::optional<std::string> read_location(const SarifLocation& location, Location& out,
                                           std::string& url, const ParseContext& ctx,
                                           std::string& refusal,
                                           std::vector<std::string>& notes) const;
  void place(Finding& f, const SarifResult& result, const ParseContext& ctx,
             ParseOutcome& outcome) const;
  std::shared_ptr<const RuleText> rule_text(const json* rule);

  const PathResolver* paths_;
  // Base directories resolved so far (uriBaseId -> directory, nullopt = undefined).
  mutable std::map<std::string, std::optional<std::string>, std::less<>> base_cache_;
  json tool_;
  json base_ids_ = json::object();
  json artifacts_ = json::array();
  std::map<std::string, const json*, std::less<>> rules_by_id_;
  std::map<const json*, std::shared_ptr<const RuleText>> rule_texts_;
  size_t skipped_kinds_ = 0;
};

}  // namespace lamina
