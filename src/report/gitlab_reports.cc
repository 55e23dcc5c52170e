#include "report/gitlab_reports.h"

#include <algorithm>

#include "model/fingerprint.h"
#include "util/json_text.h"
#include "util/time_format.h"
#include "version.h"

namespace lamina {
namespace {

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

void vendor_json(JsonText& j) {
  j.key("vendor").begin_object().key("name").value("lamina").end_object();
}

void scanner_json(JsonText& j, const std::string& kind,
                  const std::vector<const ScannerOutcome*>& scanners, const std::string& names) {
  j.key("scanner").begin_object();
  if (scanners.size() == 1) {
    const ScannerOutcome& s = *scanners[0];
    j.key("id").value(s.scanner_id).key("name").value(s.name.empty() ? s.scanner_id : s.name);
    j.key("version").value(scanner_version(s));
  } else {
    j.key("id").value("lamina-" + kind);
    j.key("name").value("lamina (" + (names.empty() ? std::string("none") : names) + ")");
    j.key("version").value(kVersion);
  }
  vendor_json(j);
  j.end_object();
}

void scan_json(JsonText& j, const ScanResult& scan, const std::string& kind,
               const std::vector<const ScannerOutcome*>& scanners) {
  auto start = std::chrono::system_clock::now(), end = start;
  bool any = false;
  std::vector<std::string> fatal;
  std::string names;
  for (const ScannerOutcome* s : scanners) {
    if (s->state == ScannerState::skipped) continue;
    start = any ? std::min(start, s->start_time) : s->start_time;
    end = any ? std::max(end, s->end_time) : s->end_time;
    any = true;
    names += (names.empty() ? "" : ", ") + s->scanner_id;
    if (is_failure(s->state) || s->state == ScannerState::cancelled) {
      fatal.push_back(s->scanner_id + ": " + std::string(to_string(s->state)) +
                      (s->detail.empty() ? "" : ": " + s->detail));
    }
  }
  j.begin_object().key("analyzer").begin_object();
  j.key("id").value("lamina").key("name").value("lamina").key("version").value(kVersion);
  vendor_json(j);
  j.end_object();
  scanner_json(j, kind, scanners, names);
  j.key("type").value(kind);
  j.key("start_time").value(iso8601_utc_seconds(start));
  j.key("end_time").value(iso8601_utc_seconds(end));
  j.key("status").value(!fatal.empty() || scan.incomplete ? "failure" : "success");
  if (!fatal.empty()) {
    j.key("messages").begin_array();
    for (const std::string& m : fatal) {
      j.begin_object().key("level").value("fatal").key("value").value(m).end_object();
    }
    j.end_array();
  }
  j.end_object();
}

// Where GitLab shows the finding: the repository file, or the path inside the scanned artifact
// ("image.tar!/usr/lib/x.so") for a pre-deploy finding, which has no repository file.
const std::string& file_of(const Finding& f) {
  return f.location.path.empty() ? f.artifact_path : f.location.path;
}

// The image a container finding belongs to: the artifact part of "image.tar!/usr/lib/x.so", or
// an image-level artifact path without the " (alpine 3.10.2)" some tools append to name the OS.
std::string image_of(const Finding& f) {
  std::string image = f.artifact_path.substr(0, f.artifact_path.find("!/"));
  std::string os_suffix = " (" + f.operating_system + ")";
  if (!f.operating_system.empty() && image.size() > os_suffix.size() &&
      image.compare(image.size() - os_suffix.size(), os_suffix.size(), os_suffix) == 0) {
    image.resize(image.size() - os_suffix.size());
  }
  return image;
}

void dependency_json(JsonText& j, const Finding& f) {
  j.key("dependency").begin_object();
  j.key("package").begin_object().key("name").value(f.package).end_object();
  j.key("version").value(f.package_version).end_object();
}

void vulnerability_json(JsonText& j, const Finding& f, const std::string& kind,
                        const std::string& commit_sha) {
  j.begin_object().key("id").value(uuid_from(f.tool + "\x1f" + fingerprint_of(f)));
  std::string rule = f.rule_id.empty() ? f.tool : f.rule_id;
  j.key("name").value((f.rule_name.empty() ? rule : f.rule_name).substr(0, 255));
  j.key("description").value(f.message.empty() ? rule : f.message.substr(0, 1000000));
  j.key("severity").value(security_severity(f));
  j.key("identifiers").begin_array().begin_object();
  // GitLab links and deduplicates CVEs across scanners by the identifier type "cve".
  bool cve = rule.rfind("CVE-", 0) == 0;
  j.key("type").value(cve ? "cve" : f.tool + "_rule_id");
  j.key("name").value(rule).key("value").value(rule);
  if (f.help_uri.rfind("https://", 0) == 0 || f.help_uri.rfind("http://", 0) == 0) {
    j.key("url").value(f.help_uri);
  }
  j.end_object().end_array();
  j.key("location").begin_object();
  if (kind == "container_scanning") {
    dependency_json(j, f);
    j.key("operating_system").value(f.operating_system).key("image").value(image_of(f));
  } else if (kind == "dependency_scanning") {
    j.key("file").value(file_of(f));
    dependency_json(j, f);
  } else {
    j.key("file").value(file_of(f));
    if (f.location.region.start_line > 0) {
      j.key("start_line").value(f.location.region.start_line);
      j.key("end_line").value(std::max(f.location.region.end_line, f.location.region.start_line));
    }
    if (kind == "secret_detection") {
      j.key("commit").begin_object().key("sha").value(commit_sha).end_object();
    }
  }
  j.end_object();
  if (!f.artifact_layer.empty()) {
    j.key("details").begin_object().key("layer").begin_object();
    j.key("name").value("Image layer").key("type").value("text");
    j.key("value").value(f.artifact_layer).end_object().end_object();
  }
  j.end_object();
}

bool carriable(const Finding& f, const std::string& kind) {
  if (kind == "container_scanning") {
    return !f.package.empty() && !f.package_version.empty() && !f.operating_system.empty() &&
           !image_of(f).empty();
  }
  if (file_of(f).empty()) return false;
  return kind != "dependency_scanning" || !f.package.empty();
}

}  // namespace

std::string gitlab_report_file(const std::string& kind) {
  std::string file = "gl-" + kind + "-report.json";
  std::replace(file.begin(), file.end(), '_', '-');
  return file;
}

const char* gitlab_skip_reason(const std::string& kind) {
  if (kind == "container_scanning") {
    return "GitLab needs a package, its version, the OS and the image";
  }
  if (kind == "dependency_scanning") return "GitLab needs a file and a package";
  return "GitLab needs a file";
}

GitlabReport gitlab_code_quality(const ScanResult& scan) {
  GitlabReport report;
  report.text.reserve(scan.findings.size() * 320);
  JsonText j(report.text);
  j.begin_array();
  for (const Finding& f : scan.findings) {
    // Suppressed findings stay out as GitLab's own analyzers leave them out; gate_standing() is
    // not asked because Code Quality lists findings outside the diff filter too.
    bool suppressed = is_suppressed(f);
    if (f.location.path.empty() || suppressed) {
      ++report.skipped;
      report.suppressed += suppressed ? 1 : 0;
      continue;
    }
    std::string rule = f.rule_id.empty() ? f.tool : f.tool + "/" + f.rule_id;
    j.begin_object();
    j.key("description").value(f.message.empty() ? rule : f.message);
    j.key("check_name").value(rule);
    j.key("fingerprint").value(uuid_from(f.tool + "\x1f" + fingerprint_of(f)));
    j.key("severity").value(code_quality_severity(f.severity));
    j.key("location").begin_object().key("path").value(f.location.path);
    j.key("lines").begin_object();
    j.key("begin").value(std::max<uint32_t>(f.location.region.start_line, 1)).end_object();
    j.end_object().end_object();
    ++report.written;
  }
  j.end_array();
  return report;
}

std::string gitlab_code_quality_note(const GitlabReport& report) {
  size_t no_file = report.skipped - report.suppressed;
  std::string why;
  if (no_file > 0) {
    why = std::to_string(no_file) +
          " without a repository file (GitLab needs one: findings on an artifact, a URL or the "
          "repository as a whole)";
  }
  if (report.suppressed > 0) {
    why +=
        (why.empty() ? "" : ", ") + std::to_string(report.suppressed) + " suppressed by the tool";
  }
  return std::to_string(report.skipped) + " of " + std::to_string(report.skipped + report.written) +
         " findings left out of gl-code-quality-report.json: " + why;
}

GitlabReport gitlab_security_report(const ScanResult& scan, const std::string& kind,
                                    const std::string& commit_sha) {
  GitlabReport report;
  std::vector<const ScannerOutcome*> scanners;
  for (const ScannerOutcome& s : scan.scanners) {
    if (s.report_kind == kind) scanners.push_back(&s);
  }
  JsonText j(report.text);
  j.begin_object().key("version").value("15.2.1").key("scan");
  scan_json(j, scan, kind, scanners);
  j.key("vulnerabilities").begin_array();
  for (const Finding& f : scan.findings) {
    bool ours = false;
    for (const ScannerOutcome* s : scanners) ours = ours || s->scanner_id == f.tool;
    if (!ours) continue;
    if (!carriable(f, kind)) {
      ++report.skipped;
      continue;
    }
    vulnerability_json(j, f, kind, commit_sha);
    ++report.written;
  }
  j.end_array().end_object();
  return report;
}

}  // namespace lamina
