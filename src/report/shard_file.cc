#include "report/shard_file.h"

#include <nlohmann/json.hpp>

#include "model/paths.h"
#include "util/error.h"
#include "util/text.h"

namespace lamina {
namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

long long millis(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

json location_json(const Location& l) {
  const Region& r = l.region;
  return {{"path", l.path},
          {"region", {r.start_line, r.start_column, r.end_line, r.end_column}},
          {"message", to_valid_utf8(l.message)}};
}

json locations_json(const std::vector<Location>& list) {
  json out = json::array();
  for (const Location& l : list) out.push_back(location_json(l));
  return out;
}

json finding_json(const Finding& f) {
  json flows = json::array();
  for (const CodeFlow& flow : f.code_flows) {
    json threads = json::array();
    for (const std::vector<Location>& thread : flow.thread_flows)
      threads.push_back(locations_json(thread));
    flows.push_back({{"message", to_valid_utf8(flow.message)}, {"threads", threads}});
  }
  json suppressions = json::array();
  for (const Suppression& s : f.suppressions)
    suppressions.push_back({s.kind, s.status, to_valid_utf8(s.justification)});
  json fingerprints = json::object();
  for (const auto& [key, value] : f.fingerprints)
    fingerprints[to_valid_utf8(key)] = to_valid_utf8(value);
  json notes = json::array();
  for (const std::string& n : f.notes) notes.push_back(to_valid_utf8(n));
  json rule_text = nullptr;
  if (f.rule_text) {
    const RuleText& t = *f.rule_text;
    rule_text = {to_valid_utf8(t.short_description), to_valid_utf8(t.full_description),
                 to_valid_utf8(t.help_text), to_valid_utf8(t.help_markdown)};
  }
  json j = {{"tool", f.tool},
            {"rule_id", to_valid_utf8(f.rule_id)},
            {"rule_name", to_valid_utf8(f.rule_name)},
            {"help_uri", to_valid_utf8(f.help_uri)},
            {"message", to_valid_utf8(f.message)},
            {"tool_level", to_valid_utf8(f.tool_level)},
            {"severity", to_string(f.severity)},
            {"location", location_json(f.location)},
            {"related", locations_json(f.related)},
            {"code_flows", flows},
            {"rule_text", rule_text},
            {"unmapped_location", to_valid_utf8(f.unmapped_location)},
            {"artifact_path", to_valid_utf8(f.artifact_path)},
            {"artifact_layer", to_valid_utf8(f.artifact_layer)},
            {"package", to_valid_utf8(f.package)},
            {"package_version", to_valid_utf8(f.package_version)},
            {"operating_system", to_valid_utf8(f.operating_system)},
            {"url", to_valid_utf8(f.url)},
            {"suppressions", suppressions},
            {"fingerprints", fingerprints},
            {"notes", notes}};
  if (f.security_severity) j["security_severity"] = *f.security_severity;
  return j;
}

json scanner_json(const ScannerOutcome& s) {
  json runs = json::array();
  for (const RunResult& r : s.runs) {
    json run = {{"argv", json::array()},           {"status", to_string(r.status)},
                {"exit_code", r.exit_code},        {"term_signal", r.term_signal},
                {"error", to_valid_utf8(r.error)}, {"start_ms", millis(r.start_time)},
                {"end_ms", millis(r.end_time)},    {"cwd", to_valid_utf8(r.invocation.cwd)}};
    for (const std::string& a : r.argv) run["argv"].push_back(to_valid_utf8(a));
    // Only an output the catalog keeps (an SBOM) is needed again, to be written by merge.
    if (!s.keep_output.empty()) run["output"] = to_valid_utf8(report_bytes(r));
    runs.push_back(std::move(run));
  }
  json notes = json::array();
  for (const std::string& n : s.notes) notes.push_back(to_valid_utf8(n));
  return {{"id", s.scanner_id},
          {"name", to_valid_utf8(s.name)},
          {"version", to_valid_utf8(s.version)},
          {"homepage", to_valid_utf8(s.homepage)},
          {"keep_output", s.keep_output},
          {"report_kind", s.report_kind},
          {"state", to_string(s.state)},
          {"detail", to_valid_utf8(s.detail)},
          {"start_ms", millis(s.start_time)},
          {"end_ms", millis(s.end_time)},
          {"finding_count", s.finding_count},
          {"notes", notes},
          {"runs", runs}};
}

json strings_json(const std::vector<std::string>& list) {
  json out = json::array();
  for (const std::string& s : list) out.push_back(to_valid_utf8(s));
  return out;
}

json gaps_json(const std::vector<CoverageGap>& gaps) {
  json out = json::array();
  for (const CoverageGap& g : gaps) {
    json missing = json::array();
    for (const MissingScanner& m : g.scanners)
      missing.push_back({{"id", to_valid_utf8(m.id)}, {"install", to_valid_utf8(m.install)}});
    out.push_back({{"kind", to_valid_utf8(g.kind)},
                   {"check", to_valid_utf8(g.check)},
                   {"file_type", to_valid_utf8(g.file_type)},
                   {"in_catalog", g.in_catalog},
                   {"paths", strings_json(g.paths)},
                   {"scanners", missing}});
  }
  return out;
}

// Reads fields, naming the file and the field path in every error.
class Reader {
 public:
  explicit Reader(std::string name) : name_(std::move(name)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& expected) const {
    throw Error(name_ + ": field \"" + field + "\": expected " + expected +
                " (the lamina-shard.json lamina scan --shard writes; was it changed, or written "
                "by another lamina version?)");
  }
  const json& at(const json& obj, const std::string& key, const std::string& where) const {
    if (!obj.is_object() || !obj.contains(key)) fail(where + key, "to be present");
    return obj[key];
  }
  std::string text(const json& obj, const std::string& key, const std::string& where) const {
    const json& v = at(obj, key, where);
    if (!v.is_string()) fail(where + key, "a string");
    return v.get<std::string>();
  }
  long long integer(const json& obj, const std::string& key, const std::string& where,
                    long long min, long long max) const {
    const json& v = at(obj, key, where);
    if (!v.is_number_integer() || v.get<long long>() < min || v.get<long long>() > max)
      fail(where + key, "an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return v.get<long long>();
  }
  const json& array(const json& obj, const std::string& key, const std::string& where) const {
    const json& v = at(obj, key, where);
    if (!v.is_array()) fail(where + key, "an array");
    return v;
  }
  std::vector<std::string> strings(const json& obj, const std::string& key,
                                   const std::string& where) const {
    std::vector<std::string> out;
    for (const json& v : array(obj, key, where)) {
      if (!v.is_string()) fail(where + key, "an array of strings");
      out.push_back(v.get<std::string>());
    }
    return out;
  }
  std::chrono::system_clock::time_point time(const json& obj, const std::string& key,
                                             const std::string& where) const {
    return std::chrono::system_clock::time_point(
        std::chrono::milliseconds(integer(obj, key, where, 0, 1LL << 50)));
  }
  // A repository-relative, normal path, or "".
  std::string path(const json& obj, const std::string& where) const {
    std::string p = text(obj, "path", where);
    if (p.empty()) return p;
    PathResolution inside = repository_path(p, "/repository", "/repository");
    if (!inside.path || *inside.path != p)
      fail(where + "path", "a normal path inside the repository");
    return p;
  }
  Location location(const json& j, const std::string& where) const {
    Location l;
    l.path = path(j, where);
    const json& r = array(j, "region", where);
    if (r.size() != 4) fail(where + "region", "[start_line, start_column, end_line, end_column]");
    uint32_t* parts[] = {&l.region.start_line, &l.region.start_column, &l.region.end_line,
                         &l.region.end_column};
    for (size_t i = 0; i < 4; ++i) {
      if (!r[i].is_number_unsigned() || r[i].get<uint64_t>() > 0xFFFFFFFFull)
        fail(where + "region", "four unsigned integers");
      *parts[i] = r[i].get<uint32_t>();
    }
    l.message = text(j, "message", where);
    return l;
  }
  std::vector<Location> locations(const json& list, const std::string& where) const {
    std::vector<Location> out;
    for (const json& l : list) out.push_back(location(l, where));
    return out;
  }

 private:
  std::string name_;
};

Finding read_finding(const Reader& r, const json& j) {
  const std::string w = "findings[].";
  Finding f;
  f.tool = r.text(j, "tool", w);
  f.rule_id = r.text(j, "rule_id", w);
  f.rule_name = r.text(j, "rule_name", w);
  f.help_uri = r.text(j, "help_uri", w);
  f.message = r.text(j, "message", w);
  f.tool_level = r.text(j, "tool_level", w);
  std::optional<Severity> severity = parse_severity(r.text(j, "severity", w));
  if (!severity) r.fail(w + "severity", "sev1, sev2 or sev3");
  f.severity = *severity;
  f.location = r.location(r.at(j, "location", w), w + "location.");
  f.related = r.locations(r.array(j, "related", w), w + "related[].");
  for (const json& flow : r.array(j, "code_flows", w)) {
    CodeFlow c;
    c.message = r.text(flow, "message", w + "code_flows[].");
    for (const json& thread : r.array(flow, "threads", w + "code_flows[]."))
      c.thread_flows.push_back(r.locations(thread, w + "code_flows[].threads[][]."));
    f.code_flows.push_back(std::move(c));
  }
  const json& rule_text = r.at(j, "rule_text", w);
  if (!rule_text.is_null()) {
    if (!rule_text.is_array() || rule_text.size() != 4 ||
        !std::all_of(rule_text.begin(), rule_text.end(),
                     [](const json& t) { return t.is_string(); }))
      r.fail(w + "rule_text", "null or four strings");
    f.rule_text = std::make_shared<const RuleText>(
        RuleText{rule_text[0].get<std::string>(), rule_text[1].get<std::string>(),
                 rule_text[2].get<std::string>(), rule_text[3].get<std::string>()});
  }
  f.unmapped_location = r.text(j, "unmapped_location", w);
  f.artifact_path = r.text(j, "artifact_path", w);
  f.artifact_layer = r.text(j, "artifact_layer", w);
  f.package = r.text(j, "package", w);
  f.package_version = r.text(j, "package_version", w);
  f.operating_system = r.text(j, "operating_system", w);
  f.url = r.text(j, "url", w);
  for (const json& s : r.array(j, "suppressions", w)) {
    if (!s.is_array() || s.size() != 3 || !s[0].is_string() || !s[1].is_string() ||
        !s[2].is_string())
      r.fail(w + "suppressions[]", "[kind, status, justification]");
    f.suppressions.push_back(
        {s[0].get<std::string>(), s[1].get<std::string>(), s[2].get<std::string>()});
  }
  const json& fingerprints = r.at(j, "fingerprints", w);
  if (!fingerprints.is_object()) r.fail(w + "fingerprints", "an object of strings");
  for (const auto& [key, value] : fingerprints.items()) {
    if (!value.is_string()) r.fail(w + "fingerprints", "an object of strings");
    f.fingerprints[key] = value.get<std::string>();
  }
  f.notes = r.strings(j, "notes", w);
  if (j.contains("security_severity")) {
    if (!j["security_severity"].is_number()) r.fail(w + "security_severity", "a number");
    f.security_severity = j["security_severity"].get<double>();
  }
  return f;
}

template <typename Enum>
Enum enum_named(const Reader& r, const std::string& text, std::initializer_list<Enum> all,
                const std::string& field) {
  std::string names;
  for (Enum e : all) {
    if (text == to_string(e)) return e;
    names += (names.empty() ? "" : ", ") + std::string(to_string(e));
  }
  r.fail(field, "one of " + names);
}

ScannerOutcome read_scanner(const Reader& r, const json& j) {
  const std::string w = "scanners[].";
  ScannerOutcome s;
  s.scanner_id = r.text(j, "id", w);
  s.name = r.text(j, "name", w);
  s.version = r.text(j, "version", w);
  s.homepage = r.text(j, "homepage", w);
  s.keep_output = r.text(j, "keep_output", w);
  if (s.keep_output.find('/') != std::string::npos || s.keep_output.starts_with("."))
    r.fail(w + "keep_output", "a file name");
  s.report_kind = r.text(j, "report_kind", w);
  s.state = enum_named(r, r.text(j, "state", w),
                       {ScannerState::clean, ScannerState::findings, ScannerState::failed,
                        ScannerState::timed_out, ScannerState::cancelled, ScannerState::skipped},
                       w + "state");
  s.detail = r.text(j, "detail", w);
  s.start_time = r.time(j, "start_ms", w);
  s.end_time = r.time(j, "end_ms", w);
  s.finding_count = static_cast<size_t>(r.integer(j, "finding_count", w, 0, 1LL << 40));
  s.notes = r.strings(j, "notes", w);
  for (const json& run : r.array(j, "runs", w)) {
    const std::string rw = w + "runs[].";
    RunResult result;
    result.argv = r.strings(run, "argv", rw);
    result.status =
        enum_named(r, r.text(run, "status", rw),
                   {RunStatus::exited, RunStatus::signaled, RunStatus::timed_out,
                    RunStatus::cancelled, RunStatus::spawn_failed, RunStatus::output_too_large},
                   rw + "status");
    result.exit_code = static_cast<int>(r.integer(run, "exit_code", rw, -1, 255));
    result.term_signal = static_cast<int>(r.integer(run, "term_signal", rw, 0, 128));
    result.error = r.text(run, "error", rw);
    result.start_time = r.time(run, "start_ms", rw);
    result.end_time = r.time(run, "end_ms", rw);
    result.invocation.scanner_id = s.scanner_id;
    result.invocation.cwd = r.text(run, "cwd", rw);
    if (run.contains("output")) result.stdout_data = r.text(run, "output", rw);
    s.runs.push_back(std::move(result));
  }
  return s;
}

}  // namespace

std::string shard_file_json(const ShardFile& file) {
  const ScanResult& scan = file.scan;
  json scanners = json::array();
  for (const ScannerOutcome& s : scan.scanners) scanners.push_back(scanner_json(s));
  json findings = json::array();
  for (const Finding& f : scan.findings) findings.push_back(finding_json(f));
  json root = {{"version", kFormatVersion},
               {"shard", file.shard.index},
               {"total", file.shard.total},
               {"plan_fingerprint", file.plan_fingerprint},
               {"invocations", strings_json(file.invocations)},
               {"ran", strings_json(file.ran)},
               {"exit_code", file.exit_code},
               {"wall_ms", file.wall.count()},
               {"layer", to_string(scan.layer)},
               {"base", scan.changes.base},
               {"head", scan.changes.head},
               {"refused_paths", scan.refused_paths},
               {"not_covered", gaps_json(scan.not_covered)},
               {"critical_path", strings_json(scan.critical_path)},
               {"incomplete", scan.incomplete},
               {"scanners", scanners},
               {"findings", findings}};
  return root.dump() + "\n";
}

ShardFile read_shard_file(const std::string& text, const std::string& name) {
  json root = json::parse(text, nullptr, false);
  if (!root.is_object())
    throw Error(name +
                ": not a JSON object (expected the lamina-shard.json lamina scan --shard "
                "writes)");
  Reader r(name);
  if (r.integer(root, "version", "", 0, 1000) != kFormatVersion)
    r.fail("version", std::to_string(kFormatVersion) + " (this lamina's shard format)");
  ShardFile file;
  file.shard.index = static_cast<size_t>(r.integer(root, "shard", "", 1, kMaxShards));
  file.shard.total = static_cast<size_t>(r.integer(root, "total", "", 1, kMaxShards));
  if (file.shard.index > file.shard.total) r.fail("shard", "a number from 1 to \"total\"");
  file.plan_fingerprint = r.text(root, "plan_fingerprint", "");
  file.invocations = r.strings(root, "invocations", "");
  file.ran = r.strings(root, "ran", "");
  file.exit_code = static_cast<int>(r.integer(root, "exit_code", "", 0, 255));
  file.wall = std::chrono::milliseconds(r.integer(root, "wall_ms", "", 0, 1LL << 40));
  ScanResult& scan = file.scan;
  std::optional<Layer> layer = parse_layer(r.text(root, "layer", ""));
  if (!layer) r.fail("layer", "inline, pre-deploy, post-deploy or continuous");
  scan.layer = *layer;
  scan.changes.base = r.text(root, "base", "");
  scan.changes.head = r.text(root, "head", "");
  scan.refused_paths = static_cast<size_t>(r.integer(root, "refused_paths", "", 0, 1LL << 40));
  for (const json& g : r.array(root, "not_covered", "")) {
    CoverageGap gap;
    const std::string w = "not_covered[].";
    gap.kind = r.text(g, "kind", w);
    gap.check = r.text(g, "check", w);
    gap.file_type = r.text(g, "file_type", w);
    const json& in_catalog = r.at(g, "in_catalog", w);
    if (!in_catalog.is_boolean()) r.fail(w + "in_catalog", "true or false");
    gap.in_catalog = in_catalog.get<bool>();
    gap.paths = r.strings(g, "paths", w);
    for (const json& m : r.array(g, "scanners", w))
      gap.scanners.push_back(
          {r.text(m, "id", w + "scanners[]."), r.text(m, "install", w + "scanners[].")});
    scan.not_covered.push_back(std::move(gap));
  }
  scan.critical_path = r.strings(root, "critical_path", "");
  const json& incomplete = r.at(root, "incomplete", "");
  if (!incomplete.is_boolean()) r.fail("incomplete", "true or false");
  scan.incomplete = incomplete.get<bool>();
  for (const json& s : r.array(root, "scanners", "")) scan.scanners.push_back(read_scanner(r, s));
  const json& findings = r.array(root, "findings", "");
  scan.findings.reserve(findings.size());
  for (const json& f : findings) scan.findings.push_back(read_finding(r, f));
  return file;
}

}  // namespace lamina
