#include "report/sarif_writer.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "model/fingerprint.h"
#include "outcome/coverage_outcome.h"
#include "util/json_text.h"
#include "util/text.h"
#include "util/time_format.h"
#include "version.h"

namespace lamina {
namespace {

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

std::string_view text(const std::string& s, const char* if_empty) {
  return s.empty() ? std::string_view(if_empty) : std::string_view(s);
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

void physical_location(JsonText& j, const Location& loc, const std::string& artifact_path) {
  j.begin_object().key("artifactLocation").begin_object();
  if (!loc.path.empty()) {
    j.key("uri").value(uri_from_path(loc.path)).key("uriBaseId").value("%SRCROOT%");
  } else {
    j.key("uri").value(uri_from_path(artifact_path));
  }
  j.end_object();
  const Region& r = loc.region;
  if (r.start_line > 0) {
    j.key("region").begin_object().key("startLine").value(r.start_line);
    if (r.start_column > 0) j.key("startColumn").value(r.start_column);
    uint32_t end_line = std::max(r.end_line, r.start_line);
    j.key("endLine").value(end_line);
    if (r.end_column > 0 && (end_line > r.start_line || r.end_column > r.start_column)) {
      j.key("endColumn").value(r.end_column);
    }
    j.end_object();
  }
  j.end_object();
}

bool is_web_url(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

// `url` as a valid URI: characters a URI may hold stay (so "%3C" is not encoded twice); a space,
// quote, bracket or non-ASCII byte a hostile server put in a link is percent-encoded.
std::string web_uri(const std::string& url) {
  static const char kHex[] = "0123456789ABCDEF";
  static const std::string_view kAllowed = "-._~:/?#[]@!$&'()*+,;=%";
  std::string out;
  for (unsigned char c : url) {
    if (std::isalnum(c) || kAllowed.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

void text_object(JsonText& j, const char* key, std::string_view text) {
  j.key(key).begin_object().key("text").value(text).end_object();
}

// GitHub shows at most this much of a description.
constexpr size_t kMaxDescription = 1024;

std::string first_of(std::initializer_list<const std::string*> texts) {
  for (const std::string* text : texts) {
    if (!text->empty()) return *text;
  }
  return "";
}

// The rule as its tool described it (SARIF from elsewhere), else from its id and name.
void rule_json(JsonText& j, const Finding& f) {
  static const RuleText kNone;
  const RuleText& told = f.rule_text ? *f.rule_text : kNone;
  std::string id = f.rule_id.empty() ? f.tool : f.rule_id;
  std::string name = f.rule_name.empty() ? id : f.rule_name;
  std::string short_text = first_of({&told.short_description, &name});
  std::string full_text = first_of({&told.full_description, &short_text});
  j.begin_object().key("id").value(id).key("name").value(name.substr(0, 255));
  text_object(j, "shortDescription", short_text.substr(0, kMaxDescription));
  text_object(j, "fullDescription", full_text.substr(0, kMaxDescription));
  std::string default_help = f.help_uri.empty() ? f.tool + " rule " + id : f.help_uri;
  j.key("help").begin_object().key("text").value(first_of({&told.help_text, &default_help}));
  if (!told.help_markdown.empty()) j.key("markdown").value(told.help_markdown);
  j.end_object();
  if (f.help_uri.rfind("http://", 0) == 0 || f.help_uri.rfind("https://", 0) == 0) {
    j.key("helpUri").value(f.help_uri);
  }
  j.key("properties").begin_object().key("tags").begin_array().value("security").end_array();
  if (f.security_severity && *f.security_severity > 0.0) {
    char score[16];
    std::snprintf(score, sizeof score, "%.1f", std::min(*f.security_severity, 10.0));
    j.key("security-severity").value(score);
  }
  j.end_object().end_object();
}

// As the tool wrote them: a suppressed result stays in the log, and GitHub closes its alert.
void suppressions_json(JsonText& j, const std::vector<Suppression>& suppressions) {
  j.key("suppressions").begin_array();
  for (const Suppression& s : suppressions) {
    j.begin_object().key("kind").value(s.kind.empty() ? "external" : s.kind);
    if (!s.status.empty()) j.key("status").value(s.status);
    if (!s.justification.empty()) j.key("justification").value(s.justification);
    j.end_object();
  }
  j.end_array();
}

// One step of a code flow: where it is (when it could be mapped) and what happens there.
void flow_step_json(JsonText& j, const Location& step) {
  j.begin_object().key("location").begin_object();
  if (!step.path.empty()) {
    j.key("physicalLocation");
    physical_location(j, step, "");
  }
  if (!step.message.empty() || step.path.empty()) {
    text_object(j, "message", text(step.message, "(step without a location)"));
  }
  j.end_object().end_object();
}

void code_flows_json(JsonText& j, const std::vector<CodeFlow>& flows) {
  j.key("codeFlows").begin_array();
  for (const CodeFlow& flow : flows) {
    j.begin_object();
    if (!flow.message.empty()) text_object(j, "message", flow.message);
    j.key("threadFlows").begin_array();
    for (const std::vector<Location>& thread : flow.thread_flows) {
      j.begin_object().key("locations").begin_array();
      for (const Location& step : thread) flow_step_json(j, step);
      j.end_array().end_object();
    }
    j.end_array().end_object();
  }
  j.end_array();
}

// A result without its ruleIndex, which depends on the other results kept: the text before it
// ends with `"ruleIndex":`, the text after it starts with a comma and closes the object.
struct ResultText {
  std::string head;
  std::string tail;
};

ResultText result_json(const Finding& f, bool with_baseline, FilterMode filter, FailOn fail_on) {
  ResultText out;
  JsonText h(out.head);
  h.begin_object().key("ruleId").value(f.rule_id.empty() ? f.tool : f.rule_id).key("ruleIndex");
  out.tail += ',';
  JsonText j(out.tail);
  j.key("level").value(level_for(f.severity));
  text_object(j, "message", text(f.message, "(no message)"));
  if (!f.location.path.empty() || !f.artifact_path.empty()) {
    j.key("locations").begin_array().begin_object().key("physicalLocation");
    physical_location(j, f.location, f.artifact_path);
    j.end_object().end_array();
  } else if (is_web_url(f.url)) {
    // A DAST finding is at a URL of the running service: an absolute URI, as ZAP writes it.
    j.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
    j.key("artifactLocation").begin_object().key("uri").value(web_uri(f.url)).end_object();
    j.end_object().end_object().end_array();
  }
  bool any_related = false;
  for (size_t i = 0; i < f.related.size() && i < 100; ++i) {
    if (f.related[i].path.empty()) continue;
    if (!any_related) j.key("relatedLocations").begin_array();
    any_related = true;
    j.begin_object().key("id").value(i).key("physicalLocation");
    physical_location(j, f.related[i], "");
    if (!f.related[i].message.empty()) text_object(j, "message", f.related[i].message);
    j.end_object();
  }
  if (any_related) j.end_array();
  if (!f.code_flows.empty()) code_flows_json(j, f.code_flows);
  j.key("partialFingerprints").begin_object();
  for (const auto& [key, value] : f.fingerprints) j.key(key).value(value);
  j.end_object();
  if (!f.suppressions.empty()) suppressions_json(j, f.suppressions);
  if (with_baseline) j.key("baselineState").value(f.in_baseline ? "unchanged" : "new");
  j.key("properties").begin_object();
  j.key("lamina/severity").value(to_string(f.severity));
  j.key("lamina/diff").value(diff_name(f.diff_position));
  j.key("lamina/counted").value(is_counted(gate_standing(f, filter, fail_on)));
  if (!f.tool_level.empty()) j.key("lamina/tool-level").value(f.tool_level);
  if (!f.artifact_path.empty()) j.key("lamina/artifact-path").value(f.artifact_path);
  if (!f.artifact_layer.empty()) j.key("lamina/artifact-layer").value(f.artifact_layer);
  if (!f.unmapped_location.empty()) {
    j.key("lamina/unmapped-location").value(f.unmapped_location);
  }
  if (!f.notes.empty()) {
    j.key("lamina/notes").begin_array();
    for (const std::string& n : f.notes) j.value(n);
    j.end_array();
  }
  j.end_object().end_object();
  return out;
}

void notification(JsonText& j, const std::string& message, const char* level) {
  j.begin_object();
  text_object(j, "message", message);
  j.key("level").value(level).end_object();
}

// At most this many paths of one coverage gap are listed in its notification.
constexpr size_t kMaxCoveragePaths = 100;

// One kind of check some changed files of one type did not get: the sentence, and its parts as
// properties (the paths bounded, with the count of those left out).
void coverage_notification(JsonText& j, const CoverageGap& gap, const char* level) {
  j.begin_object();
  text_object(j, "message", gap.text());
  j.key("level").value(level);
  j.key("properties").begin_object();
  j.key("lamina/kind").value(gap.kind).key("lamina/check").value(gap.check);
  j.key("lamina/file-type").value(gap.file_type).key("lamina/in-catalog").value(gap.in_catalog);
  j.key("lamina/file-count").value(gap.paths.size());
  j.key("lamina/files").begin_array();
  for (size_t i = 0; i < gap.paths.size() && i < kMaxCoveragePaths; ++i) j.value(gap.paths[i]);
  j.end_array();
  if (gap.paths.size() > kMaxCoveragePaths)
    j.key("lamina/files-left-out").value(gap.paths.size() - kMaxCoveragePaths);
  j.key("lamina/missing-scanners").begin_array();
  for (const MissingScanner& m : gap.scanners) j.value(m.id);
  j.end_array();
  j.end_object().end_object();
}

// `gaps` is set for the run of kCoverageScannerId: its notifications are the coverage gaps.
void invocations_json(JsonText& j, const ScannerOutcome& s, bool incomplete,
                      const std::vector<std::string>& limit_notes,
                      const std::vector<CoverageGap>* gaps) {
  j.begin_array();
  static const RunResult kNeverStarted;  // a scanner that never started still gets one
  size_t count = std::max<size_t>(s.runs.size(), 1);
  for (size_t i = 0; i < count; ++i) {
    const RunResult& run = s.runs.empty() ? kNeverStarted : s.runs[i];
    j.begin_object();
    bool ok = !is_failure(s.state) && s.state != ScannerState::cancelled && !incomplete;
    j.key("executionSuccessful").value(ok);
    if (run.status == RunStatus::exited) j.key("exitCode").value(run.exit_code);
    if (!run.argv.empty()) j.key("commandLine").value(command_line(run.argv));
    if (run.start_time.time_since_epoch().count() > 0) {
      j.key("startTimeUtc").value(iso8601_utc_millis(run.start_time));
      j.key("endTimeUtc").value(iso8601_utc_millis(run.end_time));
    }
    if (!run.invocation.cwd.empty()) {
      j.key("workingDirectory").begin_object();
      j.key("uri").value("file://" + uri_from_path(run.invocation.cwd)).end_object();
    }
    bool failure_note = i == 0 && !ok, interrupted_note = i == 0 && incomplete;
    bool limit_note = i == 0 && !limit_notes.empty();
    bool output_notes = i == 0 && (!s.notes.empty() || (gaps != nullptr && !gaps->empty()));
    if (failure_note || interrupted_note || limit_note || output_notes) {
      j.key("toolExecutionNotifications").begin_array();
      if (failure_note) {
        std::string why = s.detail.empty() ? std::string(to_string(s.state)) : s.detail;
        notification(j, std::string(to_string(s.state)) + ": " + why, "error");
      }
      if (interrupted_note) {
        notification(j, "lamina was interrupted: this report is incomplete", "error");
      }
      if (i == 0) {
        for (const std::string& n : limit_notes) notification(j, n, "warning");
        for (const std::string& n : s.notes) notification(j, n, "note");
        if (gaps != nullptr) {
          for (const CoverageGap& gap : *gaps)
            coverage_notification(j, gap, is_failure(s.state) ? "error" : "warning");
        }
      }
      j.end_array();
    }
    j.end_object();
  }
  j.end_array();
}

// An upper estimate of the gzipped size: the fastest level compresses no better than the level
// uploaders use, and a document that is small already needs no compression to fit.
size_t gzip_size(const std::string& data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
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
  std::vector<ResultText> texts;         // of the ranked findings, serialised once when kept
};

// The first `keep` ranked results, as indices, in file order.
std::vector<size_t> in_file_order(const RunInput& in, size_t keep) {
  std::vector<size_t> kept(keep);
  for (size_t i = 0; i < keep; ++i) kept[i] = i;
  std::stable_sort(kept.begin(), kept.end(), [&](size_t a, size_t b) {
    const Location& la = in.findings[a]->location;
    const Location& lb = in.findings[b]->location;
    return std::tie(la.path, la.region.start_line) < std::tie(lb.path, lb.region.start_line);
  });
  return kept;
}

// The rules of the kept results in order of first use; `index_of[i]` is result i's ruleIndex.
std::string rules_json(const RunInput& in, const std::vector<size_t>& kept,
                       std::vector<size_t>& index_of) {
  std::map<std::string, size_t> rule_index;
  std::string rules;
  JsonText r(rules);
  r.begin_array();
  for (size_t i : kept) {
    const Finding& f = *in.findings[i];
    auto [it, added] =
        rule_index.emplace(f.rule_id.empty() ? f.tool : f.rule_id, rule_index.size());
    if (added) rule_json(r, f);
    index_of[i] = it->second;
  }
  r.end_array();
  return rules;
}

// At most this many unmapped locations are named one by one in a run's notifications.
constexpr size_t kMaxUnmappedNotices = 20;

// One warning per result whose location could not be mapped into the repository: the result has
// no file in this log, and a reader must learn why.
std::vector<std::string> unmapped_notices(const std::vector<const Finding*>& findings) {
  std::vector<std::string> notices;
  size_t unmapped = 0;
  for (const Finding* f : findings) {
    if (f->unmapped_location.empty()) continue;
    if (++unmapped > kMaxUnmappedNotices) continue;
    notices.push_back("location " + in_quotes(f->unmapped_location) +
                      " could not be mapped into the repository; the result (" +
                      (f->rule_id.empty() ? f->tool : f->rule_id) +
                      ") is kept at repository level and counted by the gate");
  }
  if (unmapped > kMaxUnmappedNotices) {
    notices.push_back(std::to_string(unmapped - kMaxUnmappedNotices) +
                      " more results have locations that could not be mapped into the "
                      "repository; each carries the property lamina/unmapped-location");
  }
  return notices;
}

void run_json(JsonText& j, const ScanResult& scan, RunInput& in, size_t keep,
              const std::string& root_uri, SarifReport& report) {
  const ScannerOutcome& s = *in.scanner;
  std::vector<std::string> limit_notes = unmapped_notices(in.findings);
  if (keep < in.findings.size()) {
    size_t cut = in.findings.size() - keep;
    limit_notes.push_back(std::to_string(cut) + " of " + std::to_string(in.findings.size()) +
                          " results were left out to stay within GitHub's SARIF limits; the most "
                          "severe were kept");
    report.results_cut += cut;
  }
  while (in.texts.size() < keep) {
    in.texts.push_back(
        result_json(*in.findings[in.texts.size()], scan.baseline_given, scan.filter, scan.fail_on));
  }
  std::vector<size_t> kept = in_file_order(in, keep);
  std::vector<size_t> index_of(keep);
  std::string rules = rules_json(in, kept, index_of);
  report.results_written += kept.size();
  j.begin_object().key("tool").begin_object().key("driver").begin_object();
  j.key("name").value(s.name.empty() ? s.scanner_id : s.name);
  if (!s.version.empty()) j.key("version").value(s.version);
  if (s.homepage.rfind("https://", 0) == 0 || s.homepage.rfind("http://", 0) == 0) {
    j.key("informationUri").value(s.homepage);
  }
  j.key("rules").raw(rules).end_object().end_object();
  j.key("automationDetails").begin_object();
  j.key("id").value(std::string("lamina/") + to_string(scan.layer) + "/" + s.scanner_id + "/");
  j.end_object();
  j.key("originalUriBaseIds").begin_object().key("%SRCROOT%").begin_object();
  j.key("uri").value(root_uri).end_object().end_object();
  j.key("invocations");
  bool coverage = s.scanner_id == kCoverageScannerId;
  invocations_json(j, s, scan.incomplete, limit_notes, coverage ? &scan.not_covered : nullptr);
  j.key("columnKind").value("utf16CodeUnits");
  j.key("results").begin_array();
  for (size_t i : kept) {
    j.raw({in.texts[i].head, std::to_string(index_of[i]), in.texts[i].tail});
  }
  j.end_array();
  j.key("properties").begin_object();
  j.key("lamina/state").value(to_string(s.state));
  j.key("lamina/layer").value(to_string(scan.layer));
  j.key("lamina/version").value(kVersion).end_object();
  j.end_object();
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
  // Scanners that ran, then the skipped ones that carry a note (a check not covered: their run
  // says so, with no results) and lamina's coverage account, with every gap; other skipped
  // scanners are left out.
  std::vector<const ScannerOutcome*> outcomes;
  for (const ScannerOutcome& s : scan.scanners) {
    if (s.state != ScannerState::skipped) outcomes.push_back(&s);
  }
  for (const ScannerOutcome& s : scan.scanners) {
    bool coverage = s.scanner_id == kCoverageScannerId;
    if (s.state == ScannerState::skipped && (!s.notes.empty() || coverage)) outcomes.push_back(&s);
  }
  for (const ScannerOutcome* outcome : outcomes) {
    const ScannerOutcome& s = *outcome;
    RunInput in{&s, {}, {}};
    for (const Finding& f : scan.findings) {
      if (f.tool == s.scanner_id) in.findings.push_back(&f);
    }
    in.findings = by_attention(in.findings, scan.filter, scan.fail_on);
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
    JsonText j(attempt.text);
    j.begin_object().key("version").value("2.1.0");
    j.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
    j.key("runs").begin_array();
    for (size_t i = 0; i < inputs.size(); ++i) {
      run_json(j, scan, inputs[i], keep[i], root_uri, attempt);
    }
    j.end_array().end_object();
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
