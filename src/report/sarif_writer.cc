#include "report/sarif_writer.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "findings/fingerprint.h"
#include "util/text.h"
#include "util/time_format.h"
#include "version.h"

namespace lamina {
namespace {

using Json = nlohmann::ordered_json;

const char* level_for(Severity s) {
  switch (s) {
    case Severity::sev1:
      return "error";
    case Severity::sev2:
      return "warning";
    case Severity::sev3:
      return "note";
  }
  return "note";
}

const char* diff_name(DiffPosition p) {
  switch (p) {
    case DiffPosition::unknown:
      return "unknown";
    case DiffPosition::added_lines:
      return "added-lines";
    case DiffPosition::in_hunk_context:
      return "hunk-context";
    case DiffPosition::in_changed_file:
      return "changed-file";
    case DiffPosition::outside_diff:
      return "outside-diff";
  }
  return "unknown";
}

std::string text(const std::string& s, const char* if_empty) {
  return s.empty() ? if_empty : to_valid_utf8(s);
}

// A command line for display: arguments with spaces or quotes are single-quoted.
std::string command_line(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& arg : argv) {
    if (!out.empty()) out += ' ';
    bool plain = !arg.empty() && arg.find_first_of(" \t\n'\"\\$`") == std::string::npos;
    if (plain) {
      out += arg;
      continue;
    }
    out += '\'';
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += '\'';
  }
  return to_valid_utf8(out);
}

Json physical_location(const Location& loc, const std::string& artifact_path) {
  Json artifact;
  if (!loc.path.empty()) {
    artifact["uri"] = uri_from_path(loc.path);
    artifact["uriBaseId"] = "%SRCROOT%";
  } else {
    artifact["uri"] = uri_from_path(artifact_path);
  }
  Json physical;
  physical["artifactLocation"] = artifact;
  const Region& r = loc.region;
  if (r.start_line > 0) {
    Json region;
    region["startLine"] = r.start_line;
    if (r.start_column > 0) region["startColumn"] = r.start_column;
    uint32_t end_line = std::max(r.end_line, r.start_line);
    region["endLine"] = end_line;
    if (r.end_column > 0 && (end_line > r.start_line || r.end_column > r.start_column)) {
      region["endColumn"] = r.end_column;
    }
    physical["region"] = region;
  }
  return physical;
}

Json rule_json(const Finding& f) {
  std::string id = f.rule_id.empty() ? f.tool : f.rule_id;
  std::string name = f.rule_name.empty() ? id : f.rule_name;
  Json rule;
  rule["id"] = to_valid_utf8(id);
  rule["name"] = to_valid_utf8(name.substr(0, 255));
  rule["shortDescription"] = {{"text", to_valid_utf8(name.substr(0, 1024))}};
  rule["fullDescription"] = {{"text", to_valid_utf8(name.substr(0, 1024))}};
  std::string help = f.help_uri.empty() ? f.tool + " rule " + id : f.help_uri;
  rule["help"] = {{"text", to_valid_utf8(help)}};
  if (f.help_uri.rfind("http://", 0) == 0 || f.help_uri.rfind("https://", 0) == 0) {
    rule["helpUri"] = to_valid_utf8(f.help_uri);
  }
  Json props;
  props["tags"] = Json::array({"security"});
  if (f.security_severity && *f.security_severity > 0.0) {
    char score[16];
    std::snprintf(score, sizeof score, "%.1f", std::min(*f.security_severity, 10.0));
    props["security-severity"] = score;
  }
  rule["properties"] = props;
  return rule;
}

Json result_json(const Finding& f, size_t rule_index, bool with_baseline, FilterMode filter) {
  Json result;
  result["ruleId"] = to_valid_utf8(f.rule_id.empty() ? f.tool : f.rule_id);
  result["ruleIndex"] = rule_index;
  result["level"] = level_for(f.severity);
  result["message"] = {{"text", text(f.message, "(no message)")}};
  if (!f.location.path.empty() || !f.artifact_path.empty()) {
    result["locations"] =
        Json::array({{{"physicalLocation", physical_location(f.location, f.artifact_path)}}});
  }
  if (!f.related.empty()) {
    Json related = Json::array();
    for (size_t i = 0; i < f.related.size() && i < 100; ++i) {
      if (f.related[i].path.empty()) continue;
      Json loc;
      loc["id"] = i;
      loc["physicalLocation"] = physical_location(f.related[i], "");
      if (!f.related[i].message.empty())
        loc["message"] = {{"text", to_valid_utf8(f.related[i].message)}};
      related.push_back(loc);
    }
    if (!related.empty()) result["relatedLocations"] = related;
  }
  Json fingerprints = Json::object();
  for (const auto& [key, value] : f.fingerprints)
    fingerprints[to_valid_utf8(key)] = to_valid_utf8(value);
  result["partialFingerprints"] = fingerprints;
  if (with_baseline) result["baselineState"] = f.in_baseline ? "unchanged" : "new";
  Json props;
  props["lamina/severity"] = to_string(f.severity);
  props["lamina/diff"] = diff_name(f.diff_position);
  props["lamina/counted"] = counts_for_gate(f, filter);
  if (!f.tool_level.empty()) props["lamina/tool-level"] = to_valid_utf8(f.tool_level);
  if (!f.notes.empty()) {
    Json notes = Json::array();
    for (const std::string& n : f.notes) notes.push_back(to_valid_utf8(n));
    props["lamina/notes"] = notes;
  }
  result["properties"] = props;
  return result;
}

Json notification(const std::string& message, const char* level) {
  return {{"message", {{"text", to_valid_utf8(message)}}}, {"level", level}};
}

Json invocations_json(const ScannerOutcome& s, bool incomplete,
                      const std::vector<std::string>& limit_notes) {
  Json invocations = Json::array();
  std::vector<RunResult> runs = s.runs;
  if (runs.empty()) runs.emplace_back();  // a scanner that never started still gets one
  for (size_t i = 0; i < runs.size(); ++i) {
    const RunResult& run = runs[i];
    Json inv;
    bool ok = !is_failure(s.state) && s.state != ScannerState::cancelled && !incomplete;
    inv["executionSuccessful"] = ok;
    if (run.status == RunStatus::exited) inv["exitCode"] = run.exit_code;
    if (!run.argv.empty()) inv["commandLine"] = command_line(run.argv);
    if (run.start_time.time_since_epoch().count() > 0) {
      inv["startTimeUtc"] = iso8601_utc_millis(run.start_time);
      inv["endTimeUtc"] = iso8601_utc_millis(run.end_time);
    }
    if (!run.invocation.cwd.empty()) {
      inv["workingDirectory"] = {{"uri", "file://" + uri_from_path(run.invocation.cwd)}};
    }
    Json notes = Json::array();
    if (i == 0 && !ok) {
      std::string why = s.detail.empty() ? std::string(to_string(s.state)) : s.detail;
      notes.push_back(notification(std::string(to_string(s.state)) + ": " + why, "error"));
    }
    if (i == 0 && incomplete) {
      notes.push_back(notification("lamina was interrupted: this report is incomplete", "error"));
    }
    if (i == 0) {
      for (const std::string& n : limit_notes) notes.push_back(notification(n, "warning"));
    }
    if (!notes.empty()) inv["toolExecutionNotifications"] = notes;
    invocations.push_back(inv);
  }
  return invocations;
}

// An upper estimate of the gzipped size: the fastest level compresses no better than the level
// uploaders use, and a document that is small already needs no compression to fit.
size_t gzip_size(const std::string& data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return data.size();
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  size_t total = 0;
  unsigned char buf[1 << 16];
  int rc = Z_OK;
  do {
    zs.next_out = buf;
    zs.avail_out = sizeof buf;
    rc = deflate(&zs, Z_FINISH);
    total += sizeof buf - zs.avail_out;
  } while (rc == Z_OK);
  deflateEnd(&zs);
  return total;
}

struct RunInput {
  const ScannerOutcome* scanner;
  std::vector<const Finding*> findings;  // ranked
};

Json run_json(const ScanResult& scan, const RunInput& in, size_t keep, SarifReport& report) {
  const ScannerOutcome& s = *in.scanner;
  std::vector<std::string> limit_notes;
  if (keep < in.findings.size()) {
    size_t cut = in.findings.size() - keep;
    limit_notes.push_back(std::to_string(cut) + " of " + std::to_string(in.findings.size()) +
                          " results were left out to stay within GitHub's SARIF limits; the most "
                          "severe were kept");
    report.results_cut += cut;
  }
  Json rules = Json::array();
  std::map<std::string, size_t> rule_index;
  Json results = Json::array();
  // Results in file order within the kept set.
  std::vector<const Finding*> kept(in.findings.begin(),
                                   in.findings.begin() + static_cast<long>(keep));
  std::stable_sort(kept.begin(), kept.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->location.path, a->location.region.start_line) <
           std::tie(b->location.path, b->location.region.start_line);
  });
  for (const Finding* f : kept) {
    std::string id = f->rule_id.empty() ? f->tool : f->rule_id;
    auto [it, added] = rule_index.emplace(id, rule_index.size());
    if (added) rules.push_back(rule_json(*f));
    results.push_back(result_json(*f, it->second, scan.baseline_given, scan.filter));
  }
  report.results_written += kept.size();
  Json driver;
  driver["name"] = to_valid_utf8(s.name.empty() ? s.scanner_id : s.name);
  if (!s.version.empty()) driver["version"] = to_valid_utf8(s.version);
  if (s.homepage.rfind("https://", 0) == 0 || s.homepage.rfind("http://", 0) == 0) {
    driver["informationUri"] = to_valid_utf8(s.homepage);
  }
  driver["rules"] = rules;
  Json run;
  run["tool"] = {{"driver", driver}};
  run["automationDetails"] = {
      {"id", std::string("lamina/") + to_string(scan.layer) + "/" + s.scanner_id + "/"}};
  run["originalUriBaseIds"] = Json::object();
  run["invocations"] = invocations_json(s, scan.incomplete, limit_notes);
  run["columnKind"] = "utf16CodeUnits";
  run["results"] = results;
  run["properties"] = {{"lamina/state", to_string(s.state)},
                       {"lamina/layer", to_string(scan.layer)},
                       {"lamina/version", kVersion}};
  return run;
}

}  // namespace

std::string uri_from_path(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool unreserved = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

SarifReport write_sarif(const ScanResult& scan, const std::string& repo_root,
                        const SarifLimits& limits) {
  SarifReport report;
  std::vector<RunInput> inputs;
  for (const ScannerOutcome& s : scan.scanners) {
    if (s.state == ScannerState::skipped) continue;
    RunInput in{&s, {}};
    for (const Finding& f : scan.findings) {
      if (f.tool == s.scanner_id) in.findings.push_back(&f);
    }
    in.findings = by_attention(in.findings, scan.filter);
    inputs.push_back(std::move(in));
  }
  // Over the run limit: keep runs that failed or found something, most severe first.
  if (inputs.size() > limits.max_runs) {
    auto weight = [](const RunInput& in) {
      int best = in.findings.empty() ? 4 : static_cast<int>(in.findings.front()->severity);
      return std::make_pair(is_failure(in.scanner->state) ? 0 : 1, best);
    };
    std::stable_sort(inputs.begin(), inputs.end(),
                     [&](const RunInput& a, const RunInput& b) { return weight(a) < weight(b); });
    std::string dropped;
    for (size_t i = limits.max_runs; i < inputs.size(); ++i) {
      dropped += (dropped.empty() ? "" : ", ") + inputs[i].scanner->scanner_id;
      report.results_cut += inputs[i].findings.size();
    }
    report.runs_cut = inputs.size() - limits.max_runs;
    report.notes.push_back(std::to_string(report.runs_cut) + " runs left out (GitHub accepts " +
                           std::to_string(limits.max_runs) + " per file): " + dropped);
    inputs.resize(limits.max_runs);
  }
  std::vector<size_t> keep;
  for (const RunInput& in : inputs)
    keep.push_back(std::min(in.findings.size(), limits.max_results_per_run));
  std::string root_uri =
      "file://" +
      uri_from_path(repo_root.empty() || repo_root.back() == '/' ? repo_root : repo_root + "/");
  for (;;) {
    SarifReport attempt = report;
    Json log;
    log["version"] = "2.1.0";
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    Json runs = Json::array();
    for (size_t i = 0; i < inputs.size(); ++i) {
      Json run = run_json(scan, inputs[i], keep[i], attempt);
      run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", root_uri}}}};
      runs.push_back(std::move(run));
    }
    log["runs"] = runs;
    attempt.text = log.dump(-1, ' ', false, Json::error_handler_t::replace);
    size_t kept_total = 0;
    for (size_t k : keep) kept_total += k;
    if (kept_total == 0 || attempt.text.size() <= limits.max_gzip_bytes ||
        gzip_size(attempt.text) <= limits.max_gzip_bytes) {
      if (attempt.results_cut > report.results_cut) {
        attempt.notes.push_back(std::to_string(attempt.results_cut) +
                                " results left out to stay within GitHub's SARIF limits");
      }
      return attempt;
    }
    // Too large once gzipped: keep three quarters of each run's results and try again.
    for (size_t& k : keep) k = k * 3 / 4;
  }
}

}  // namespace lamina
