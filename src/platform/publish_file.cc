#include "platform/publish_file.h"

#include <nlohmann/json.hpp>

#include "model/paths.h"
#include "platform/publish_text.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;
constexpr size_t kMaxFindings = 5000;
constexpr size_t kMaxScanners = 500;

const char* diff_name(DiffPosition p) {
  return p == DiffPosition::added_lines ? "added" : "other";
}

class Reader {
 public:
  Reader(const json& root, std::string name) : root_(root), name_(std::move(name)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& expected) const {
    throw Error(name_ + ": field \"" + field + "\": expected " + expected +
                " (the file lamina scan writes for lamina publish; was it changed?)");
  }
  const json& at(const json& obj, const char* key, const std::string& where) const {
    if (!obj.is_object() || !obj.contains(key)) fail(where + key, "to be present");
    return obj[key];
  }
  std::string text(const json& obj, const char* key, const std::string& where, size_t max) const {
    const json& v = at(obj, key, where);
    if (!v.is_string() || v.get_ref<const std::string&>().size() > max) {
      fail(where + key, "a string of at most " + std::to_string(max) + " bytes");
    }
    return to_valid_utf8(v.get<std::string>());
  }
  long long number(const json& obj, const char* key, const std::string& where,
                   long long max) const {
    const json& v = at(obj, key, where);
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > max) {
      fail(where + key, "an integer from 0 to " + std::to_string(max));
    }
    return v.get<long long>();
  }
  std::string sha(const json& obj, const char* key) const {
    std::string s = text(obj, key, "", 64);
    if (s.size() != 40 || s.find_first_not_of("0123456789abcdef") != std::string::npos) {
      fail(key, "a commit SHA (40 lower-case hex digits)");
    }
    return s;
  }

 private:
  const json& root_;
  std::string name_;
};

}  // namespace

std::string publish_file_json(const ScanResult& scan, const std::set<PublishTarget>& targets,
                              const PublishContext& c) {
  json findings = json::array();
  for (const PlacedFinding& p : placed_findings(scan, false)) {
    const Finding& f = *p.finding;
    findings.push_back({{"path", f.location.path},
                        {"line", f.location.region.start_line},
                        {"end_line", f.location.region.end_line},
                        {"column", f.location.region.start_column},
                        {"severity", to_string(f.severity)},
                        {"tool", f.tool},
                        {"rule", f.rule_id},
                        {"message", to_valid_utf8(f.message).substr(0, 4000)},
                        {"fingerprint", p.fingerprint},
                        {"diff", diff_name(f.diff_position)}});
    if (findings.size() >= kMaxFindings) break;
  }
  json scanners = json::array();
  for (const ScannerOutcome& s : scan.scanners) {
    scanners.push_back(
        {{"id", s.scanner_id}, {"state", to_string(s.state)}, {"findings", s.finding_count}});
  }
  const GateResult& g = scan.gate;
  json target_names = json::array();
  for (PublishTarget t : targets) {
    if (t != PublishTarget::annotations) target_names.push_back(to_string(t));
  }
  json file = {
      {"version", kFormatVersion},
      {"layer", to_string(scan.layer)},
      {"pr_number", c.pr_number.value_or(0)},
      {"head_sha", c.head_sha},
      {"commit_sha", c.commit_sha},
      {"ref", c.ref},
      {"targets", target_names},
      {"fail_on", scan.fail_on.threshold ? to_string(*scan.fail_on.threshold) : "never"},
      {"incomplete", scan.incomplete},
      {"gate",
       {{"passed", g.passed},
        {"exit_code", g.exit_code},
        {"gating", g.gating},
        {"counted", {g.counted_by_severity[0], g.counted_by_severity[1], g.counted_by_severity[2]}},
        {"in_baseline", g.in_baseline},
        {"suppressed", g.suppressed},
        {"filtered_out", g.filtered_out},
        {"failed_scanners", g.failed_scanners}}},
      {"scanners", scanners},
      {"findings", findings}};
  return file.dump(1) + "\n";
}

PublishFile read_publish_file(const std::string& text, const std::string& name) {
  json root = json::parse(text, nullptr, false);
  if (!root.is_object())
    throw Error(name + ": not a JSON object (expected the publish.json lamina scan writes)");
  Reader r(root, name);
  if (r.number(root, "version", "", 1000) != kFormatVersion)
    r.fail("version", std::to_string(kFormatVersion));
  PublishFile out;
  ScanResult& scan = out.scan;
  std::optional<Layer> layer = parse_layer(r.text(root, "layer", "", 20));
  if (!layer) r.fail("layer", "inline, pre-deploy, post-deploy or continuous");
  scan.layer = *layer;
  out.pr_number = static_cast<long>(r.number(root, "pr_number", "", 1000000000));
  if (out.pr_number == 0)
    r.fail("pr_number", "a pull request number (lamina scan ran on no pull request)");
  out.head_sha = r.sha(root, "head_sha");
  out.commit_sha = r.sha(root, "commit_sha");
  out.ref = r.text(root, "ref", "", 255);
  if (out.ref.rfind("refs/", 0) != 0) r.fail("ref", "a full ref (refs/pull/N/merge)");
  const json& targets = r.at(root, "targets", "");
  if (!targets.is_array() || targets.size() > 10) r.fail("targets", "an array of publish targets");
  std::string list;
  for (const json& t : targets) {
    if (!t.is_string()) r.fail("targets", "an array of strings");
    list += (list.empty() ? "" : ",") + t.get<std::string>();
  }
  out.targets = parse_publish_list(list, Provider::github);
  if (out.targets.count(PublishTarget::tickets)) {
    r.fail("targets", "pull request targets (check, review, comment, code-scanning), not tickets");
  }
  std::optional<FailOn> fail_on = parse_fail_on(r.text(root, "fail_on", "", 10));
  if (!fail_on) r.fail("fail_on", "sev1, sev2, sev3 or never");
  scan.fail_on = *fail_on;
  scan.filter = FilterMode::all;  // the file holds only findings the gate counted
  const json& incomplete = r.at(root, "incomplete", "");
  if (!incomplete.is_boolean()) r.fail("incomplete", "true or false");
  scan.incomplete = incomplete.get<bool>();
  const json& gate = r.at(root, "gate", "");
  const json& passed = r.at(gate, "passed", "gate.");
  if (!passed.is_boolean()) r.fail("gate.passed", "true or false");
  GateResult& g = scan.gate;
  g.passed = passed.get<bool>();
  g.exit_code = static_cast<int>(r.number(gate, "exit_code", "gate.", 3));
  const size_t big = 100000000;
  g.gating = r.number(gate, "gating", "gate.", big);
  const json& counted = r.at(gate, "counted", "gate.");
  if (!counted.is_array() || counted.size() != 3)
    r.fail("gate.counted", "[sev1, sev2, sev3] counts");
  for (size_t i = 0; i < 3; ++i) {
    if (!counted[i].is_number_unsigned() || counted[i].get<size_t>() > big)
      r.fail("gate.counted", "counts");
    g.counted_by_severity[i] = counted[i].get<size_t>();
  }
  g.in_baseline = r.number(gate, "in_baseline", "gate.", big);
  g.suppressed = r.number(gate, "suppressed", "gate.", big);
  g.filtered_out = r.number(gate, "filtered_out", "gate.", big);
  g.failed_scanners = r.number(gate, "failed_scanners", "gate.", big);
  const json& scanners = r.at(root, "scanners", "");
  if (!scanners.is_array() || scanners.size() > kMaxScanners)
    r.fail("scanners", "an array of at most 500 scanners");
  for (const json& s : scanners) {
    ScannerOutcome o;
    o.scanner_id = r.text(s, "id", "scanners[].", 100);
    std::string state = r.text(s, "state", "scanners[].", 20);
    bool known = false;
    for (ScannerState st :
         {ScannerState::clean, ScannerState::findings, ScannerState::failed,
          ScannerState::timed_out, ScannerState::cancelled, ScannerState::skipped}) {
      if (state == to_string(st)) {
        o.state = st;
        known = true;
      }
    }
    if (!known)
      r.fail("scanners[].state", "clean, findings, failed, timed_out, cancelled or skipped");
    o.finding_count = r.number(s, "findings", "scanners[].", big);
    scan.scanners.push_back(std::move(o));
  }
  const json& findings = r.at(root, "findings", "");
  if (!findings.is_array() || findings.size() > kMaxFindings)
    r.fail("findings", "an array of at most 5000 findings");
  for (const json& j : findings) {
    Finding f;
    std::string path = r.text(j, "path", "findings[].", 4096);
    PathResolution inside = repository_path(path, "/repository", "/repository");
    if (!inside.path || *inside.path != path) {
      r.fail("findings[].path", "a normal path inside the repository");
    }
    f.location.path = path;
    f.location.region.start_line =
        static_cast<uint32_t>(r.number(j, "line", "findings[].", 10000000));
    if (f.location.region.start_line == 0) r.fail("findings[].line", "a line number from 1");
    f.location.region.end_line =
        static_cast<uint32_t>(r.number(j, "end_line", "findings[].", 10000000));
    f.location.region.start_column =
        static_cast<uint32_t>(r.number(j, "column", "findings[].", 1000000));
    std::string sev = r.text(j, "severity", "findings[].", 10);
    if (sev == "sev1")
      f.severity = Severity::sev1;
    else if (sev == "sev2")
      f.severity = Severity::sev2;
    else if (sev == "sev3")
      f.severity = Severity::sev3;
    else
      r.fail("findings[].severity", "sev1, sev2 or sev3");
    f.tool = r.text(j, "tool", "findings[].", 100);
    f.rule_id = r.text(j, "rule", "findings[].", 300);
    f.message = r.text(j, "message", "findings[].", 4000);
    std::string fp = r.text(j, "fingerprint", "findings[].", 128);
    if (fp.empty() || fp.find_first_not_of("0123456789abcdefABCDEF:._/+=") != std::string::npos) {
      r.fail("findings[].fingerprint", "lamina's fingerprint (hex digits and :._/+=)");
    }
    f.fingerprints["lamina/v1"] = fp;
    std::string diff = r.text(j, "diff", "findings[].", 10);
    if (diff != "added" && diff != "other") r.fail("findings[].diff", "added or other");
    f.diff_position = diff == "added" ? DiffPosition::added_lines : DiffPosition::in_changed_file;
    scan.findings.push_back(std::move(f));
  }
  return out;
}

}  // namespace lamina
