#include "report/gitlab_reports.h"

#include <nlohmann/json.hpp>

#include "findings/fingerprint.h"
#include "util/text.h"
#include "util/time_format.h"
#include "version.h"

namespace lamina {
namespace {

using Json = nlohmann::ordered_json;

const char* code_quality_severity(Severity s) {
  switch (s) {
    case Severity::sev1:
      return "critical";
    case Severity::sev2:
      return "major";
    case Severity::sev3:
      return "minor";
  }
  return "minor";
}

const char* security_severity(const Finding& f) {
  if (f.security_severity && *f.security_severity > 0.0) {
    double score = *f.security_severity;
    if (score >= 9.0) return "Critical";
    if (score >= 7.0) return "High";
    if (score >= 4.0) return "Medium";
    return "Low";
  }
  switch (f.severity) {
    case Severity::sev1:
      return "High";
    case Severity::sev2:
      return "Medium";
    case Severity::sev3:
      return "Low";
  }
  return "Unknown";
}

std::string fingerprint_of(const Finding& f) {
  auto it = f.fingerprints.find(kFingerprintKey);
  return it == f.fingerprints.end() ? f.tool + ":" + f.rule_id + ":" + f.location.path : it->second;
}

// A stable UUID-shaped id (8-4-4-4-12 hex) derived from the finding's fingerprint.
std::string uuid_from(const std::string& key) {
  uint64_t a = 0xcbf29ce484222325ull, b = 0x84222325cbf29ce4ull;
  for (unsigned char c : key) {
    a = (a ^ c) * 0x100000001b3ull;
    b = (b ^ c) * 0x100000001b3ull + 7;
  }
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (uint64_t v : {a, b}) {
    for (int i = 15; i >= 0; --i) hex += kHex[(v >> (i * 4)) & 0xF];
  }
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string scanner_version(const ScannerOutcome& s) {
  return s.version.empty() ? "unknown" : s.version;
}

Json scan_json(const ScanResult& scan, const std::string& kind,
               const std::vector<const ScannerOutcome*>& scanners) {
  auto start = std::chrono::system_clock::now(), end = start;
  bool any = false, failed = false;
  Json messages = Json::array();
  std::string names;
  for (const ScannerOutcome* s : scanners) {
    if (s->state == ScannerState::skipped) continue;
    start = any ? std::min(start, s->start_time) : s->start_time;
    end = any ? std::max(end, s->end_time) : s->end_time;
    any = true;
    names += (names.empty() ? "" : ", ") + s->scanner_id;
    if (is_failure(s->state) || s->state == ScannerState::cancelled) {
      failed = true;
      messages.push_back(
          {{"level", "fatal"},
           {"value", to_valid_utf8(s->scanner_id + ": " + std::string(to_string(s->state)) +
                                   (s->detail.empty() ? "" : ": " + s->detail))}});
    }
  }
  Json vendor = {{"name", "lamina"}};
  Json scanner;
  if (scanners.size() == 1) {
    scanner = {{"id", scanners[0]->scanner_id},
               {"name", to_valid_utf8(scanners[0]->name.empty() ? scanners[0]->scanner_id
                                                                : scanners[0]->name)},
               {"version", scanner_version(*scanners[0])},
               {"vendor", vendor}};
  } else {
    scanner = {
        {"id", "lamina-" + kind},
        {"name", to_valid_utf8("lamina (" + (names.empty() ? std::string("none") : names) + ")")},
        {"version", kVersion},
        {"vendor", vendor}};
  }
  Json out;
  out["analyzer"] = {
      {"id", "lamina"}, {"name", "lamina"}, {"version", kVersion}, {"vendor", vendor}};
  out["scanner"] = scanner;
  out["type"] = kind;
  out["start_time"] = iso8601_utc_seconds(start);
  out["end_time"] = iso8601_utc_seconds(end);
  out["status"] = failed || scan.incomplete ? "failure" : "success";
  if (!messages.empty()) out["messages"] = messages;
  return out;
}

Json vulnerability_json(const Finding& f, const std::string& kind, const std::string& commit_sha) {
  Json v;
  v["id"] = uuid_from(f.tool + "\x1f" + fingerprint_of(f));
  std::string rule = f.rule_id.empty() ? f.tool : f.rule_id;
  v["name"] = to_valid_utf8((f.rule_name.empty() ? rule : f.rule_name).substr(0, 255));
  v["description"] = to_valid_utf8(f.message.empty() ? rule : f.message.substr(0, 1000000));
  v["severity"] = security_severity(f);
  Json id = {{"type", to_valid_utf8(f.tool + "_rule_id")},
             {"name", to_valid_utf8(rule)},
             {"value", to_valid_utf8(rule)}};
  if (f.help_uri.rfind("https://", 0) == 0 || f.help_uri.rfind("http://", 0) == 0) {
    id["url"] = to_valid_utf8(f.help_uri);
  }
  v["identifiers"] = Json::array({id});
  Json location;
  if (kind == "dependency_scanning") {
    location["file"] = to_valid_utf8(f.location.path);
    location["dependency"] = {{"package", {{"name", to_valid_utf8(f.package)}}},
                              {"version", to_valid_utf8(f.package_version)}};
  } else {
    location["file"] = to_valid_utf8(f.location.path);
    if (f.location.region.start_line > 0) {
      location["start_line"] = f.location.region.start_line;
      location["end_line"] = std::max(f.location.region.end_line, f.location.region.start_line);
    }
    if (kind == "secret_detection") location["commit"] = {{"sha", commit_sha}};
  }
  v["location"] = location;
  return v;
}

}  // namespace

GitlabReport gitlab_code_quality(const ScanResult& scan) {
  GitlabReport report;
  Json items = Json::array();
  for (const Finding& f : scan.findings) {
    if (f.location.path.empty()) {
      ++report.skipped;
      continue;
    }
    std::string rule = f.rule_id.empty() ? f.tool : f.tool + "/" + f.rule_id;
    Json item;
    item["description"] = to_valid_utf8(f.message.empty() ? rule : f.message);
    item["check_name"] = to_valid_utf8(rule);
    item["fingerprint"] = uuid_from(f.tool + "\x1f" + fingerprint_of(f));
    item["severity"] = code_quality_severity(f.severity);
    item["location"] = {
        {"path", to_valid_utf8(f.location.path)},
        {"lines", {{"begin", std::max<uint32_t>(f.location.region.start_line, 1)}}}};
    items.push_back(std::move(item));
    ++report.written;
  }
  report.text = items.dump(-1, ' ', false, Json::error_handler_t::replace);
  return report;
}

GitlabReport gitlab_security_report(const ScanResult& scan, const std::string& kind,
                                    const std::string& commit_sha) {
  GitlabReport report;
  std::vector<const ScannerOutcome*> scanners;
  for (const ScannerOutcome& s : scan.scanners) {
    if (s.report_kind == kind) scanners.push_back(&s);
  }
  Json vulns = Json::array();
  for (const Finding& f : scan.findings) {
    bool ours = false;
    for (const ScannerOutcome* s : scanners) ours = ours || s->scanner_id == f.tool;
    if (!ours) continue;
    bool carriable = kind == "dependency_scanning" ? !f.package.empty() && !f.location.path.empty()
                                                   : !f.location.path.empty();
    if (!carriable) {
      ++report.skipped;
      continue;
    }
    vulns.push_back(vulnerability_json(f, kind, commit_sha));
    ++report.written;
  }
  Json doc;
  doc["version"] = "15.2.1";
  doc["scan"] = scan_json(scan, kind, scanners);
  doc["vulnerabilities"] = vulns;
  report.text = doc.dump(-1, ' ', false, Json::error_handler_t::replace);
  return report;
}

}  // namespace lamina
