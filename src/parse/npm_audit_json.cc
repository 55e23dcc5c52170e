// npm audit --json (npm 7 and later, auditReportVersion 2): {vulnerabilities: {<package>: {name,
// severity, via: [advisory objects, or names of vulnerable dependencies], range, nodes:
// ["node_modules/x", ...], fixAvailable: true | false | {name, version, isSemVerMajor}}},
// metadata}. Each advisory of a package is a finding on each installed copy (node) of it; a
// package listed only because a dependency is vulnerable ("via" names) adds none: the dependency
// carries the advisory. When npm could not check (no lockfile, registry unreachable or refusing)
// it prints {error: {code, summary, detail}} or {message, statusCode, error}: a tool failure,
// never a clean run.
//
// npm names lockfile nodes, not lines. So that the diff filter can tell a package this change
// added or changed from one already there, the finding is placed on the lines of its node in the
// lockfile npm read (npm-shrinkwrap.json before package-lock.json, in the folder npm ran in), and
// the installed version is read from there too. This is the one parser that reads a file besides
// the output; a lockfile it cannot read or a node it cannot find leaves the finding on the whole
// lockfile (when readable) or at the project, so it is never filtered out unseen.
#include <algorithm>

#include "parse/parse_support.h"
#include "parse/parsers.h"
#include "util/file_io.h"

namespace lamina {
namespace {

using json = nlohmann::json;

// Lockfiles larger than this are not read for placement (npm's own are a few MB).
constexpr size_t kMaxLockfileBytes = 64u * 1024 * 1024;

struct Lockfile {
  std::string name;   // "package-lock.json" (in the working directory); "" when none was read
  std::string bytes;  // its text
  json document;      // null when it is not JSON
  uint32_t line_count = 0;
};

Lockfile read_lockfile(const ParseContext& ctx, ParseOutcome& outcome) {
  Lockfile lock;
  for (const char* name : {"npm-shrinkwrap.json", "package-lock.json"}) {
    std::string path = ctx.working_directory + "/" + name;
    std::optional<std::string> bytes = read_file(path);
    if (!bytes) continue;
    lock.name = name;
    if (bytes->size() > kMaxLockfileBytes) {
      outcome.notes.push_back(std::string(name) +
                              " is over 64 MB: findings are placed on it as a " +
                              "whole, with npm's version range");
      lock.bytes.clear();
      return lock;
    }
    lock.bytes = std::move(*bytes);
    lock.document = json::parse(lock.bytes, nullptr, false);
    if (lock.document.is_discarded()) lock.document = json();
    lock.line_count =
        static_cast<uint32_t>(std::count(lock.bytes.begin(), lock.bytes.end(), '\n') +
                              (lock.bytes.empty() || lock.bytes.back() == '\n' ? 0 : 1));
    return lock;
  }
  return lock;
}

// The lines of `"<node>": {...}` in the lockfile text (npm writes one key per line): from the key
// to its closing brace, strings skipped. Nullopt when the key is not there.
std::optional<RawRegion> node_lines(const Lockfile& lock, const std::string& node) {
  std::string key = "\"" + node + "\": {";
  size_t at = lock.bytes.find(key);
  while (at != std::string::npos && at > 0 && lock.bytes[at - 1] != ' ' &&
         lock.bytes[at - 1] != '\n' && lock.bytes[at - 1] != '\t') {
    at = lock.bytes.find(key, at + 1);
  }
  if (at == std::string::npos) return std::nullopt;
  int64_t first =
      std::count(lock.bytes.begin(), lock.bytes.begin() + static_cast<long>(at), '\n') + 1;
  int64_t line = first;
  int depth = 0;
  bool in_string = false;
  for (size_t i = at + key.size() - 1; i < lock.bytes.size(); ++i) {
    char c = lock.bytes[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '{') ++depth;
    if (c == '}' && --depth == 0) break;
  }
  return RawRegion{first, std::nullopt, line, std::nullopt};
}

// The version installed at `node` (lockfile v2/v3 "packages"), or "".
std::string installed_version(const Lockfile& lock, const std::string& node) {
  const json& packages = json_member(lock.document, "packages");
  return json_string(json_member(packages, node.c_str()), "version");
}

// "GHSA-jf85-cpcp-j695" from https://github.com/advisories/GHSA-jf85-cpcp-j695; else npm's
// advisory number.
std::string advisory_id(const json& advisory) {
  std::string url = json_string(advisory, "url");
  size_t slash = url.rfind('/');
  std::string last = slash == std::string::npos ? url : url.substr(slash + 1);
  if (last.rfind("GHSA-", 0) == 0) return last;
  std::optional<int64_t> source = json_integer(advisory, "source");
  return source ? "npm-advisory-" + std::to_string(*source) : "npm-advisory";
}

std::string fix_text(const json& fix) {
  if (fix.is_boolean()) {
    return fix.get<bool>() ? "fix available: npm audit fix" : "no fix available";
  }
  if (fix.is_object()) {
    std::string name = json_string(fix, "name"), version = json_string(fix, "version");
    bool major = json_member(fix, "isSemVerMajor").is_boolean() &&
                 json_member(fix, "isSemVerMajor").get<bool>();
    return "fixed by " + name + "@" + version +
           (major ? " (a semver-major change: npm audit fix --force)" : " (npm audit fix)");
  }
  return "";
}

void add_advisory(const json& package, const json& advisory, const Lockfile& lock,
                  const ParseContext& ctx, ParseOutcome& outcome) {
  std::string name = json_string(package, "name");
  std::string range = json_string(package, "range");
  std::string fix = fix_text(json_member(package, "fixAvailable"));
  std::vector<std::string> nodes;
  for (const json& node : json_member(package, "nodes")) {
    if (node.is_string()) nodes.push_back(node.get<std::string>());
  }
  if (nodes.empty()) nodes.emplace_back();
  for (const std::string& node : nodes) {
    Finding f = new_finding(ctx, advisory.dump());
    f.rule_id = advisory_id(advisory);
    f.rule_name = json_string(advisory, "title");
    f.help_uri = json_string(advisory, "url");
    f.tool_level = json_string(advisory, "severity");
    const json& cvss = json_member(advisory, "cvss");
    const json& score = json_member(cvss, "score");
    if (score.is_number() && score.get<double>() > 0.0) {
      f.security_severity = std::min(score.get<double>(), 10.0);
    }
    f.package = name;
    std::string version = node.empty() ? "" : installed_version(lock, node);
    f.package_version = version.empty() ? range : version;
    std::string affected = json_string(advisory, "range");
    f.message = name + " " + (version.empty() ? range : version) +
                (node.empty() ? "" : " (" + node + ")") + ": " + f.rule_id +
                (f.rule_name.empty() ? "" : " " + f.rule_name) +
                (affected.empty() ? "" : "; affected versions " + affected) +
                (fix.empty() ? "" : "; " + fix);
    if (!lock.name.empty()) {
      std::optional<RawRegion> lines = node.empty() ? std::nullopt : node_lines(lock, node);
      RawRegion whole{1, std::nullopt, std::max<int64_t>(lock.line_count, 1), std::nullopt};
      place_finding(f, lock.name, lines.value_or(whole), ctx, outcome);
    }
    outcome.findings.push_back(std::move(f));
  }
}

// What npm printed instead of a report: "ENOLOCK: This command requires an existing lockfile."
std::string npm_error(const json& document) {
  const json& error = json_member(document, "error");
  std::string code = json_string(error, "code");
  std::string text = json_string(error, "summary");
  if (text.empty()) text = json_string(document, "message");
  std::string detail = json_string(error, "detail");
  if (text.empty()) text = detail;
  std::string status;
  if (auto code_number = json_integer(document, "statusCode")) {
    status = " (HTTP " + std::to_string(*code_number) + ")";
  }
  return (code.empty() ? "" : code + ": ") + one_line(text, 300) + status;
}

}  // namespace

ParseOutcome parse_npm_audit_json(std::string_view bytes, const ParseContext& ctx) {
  ParseOutcome outcome;
  std::optional<json> document = parse_json_document(bytes, "npm-audit-json", outcome);
  if (!document) return outcome;
  if (!document->is_object()) {
    outcome.error = "npm-audit-json: not a JSON object";
    return outcome;
  }
  if (document->contains("error") || document->contains("message")) {
    outcome.tool_failure = "npm audit could not check the dependencies: " + npm_error(*document);
    return outcome;
  }
  auto version = json_integer(*document, "auditReportVersion");
  if (!version || *version != 2) {
    outcome.error = document->contains("advisories")
                        ? "npm-audit-json: the npm 6 report format (\"advisories\"); lamina reads "
                          "npm 7 and later (auditReportVersion 2)"
                        : "npm-audit-json: no \"auditReportVersion\": 2 (was npm audit run with "
                          "--json?)";
    return outcome;
  }
  const json& vulnerabilities = json_member(*document, "vulnerabilities");
  if (!vulnerabilities.is_object()) {
    outcome.error = "npm-audit-json: \"vulnerabilities\" is not an object";
    return outcome;
  }
  if (vulnerabilities.empty()) return outcome;
  Lockfile lock = read_lockfile(ctx, outcome);
  if (lock.name.empty()) {
    outcome.notes.push_back("no npm-shrinkwrap.json or package-lock.json in " +
                            ctx.working_directory + ": findings are placed at the project");
  }
  for (const auto& [key, package] : vulnerabilities.items()) {
    if (!package.is_object()) continue;
    for (const json& via : json_member(package, "via")) {
      if (via.is_object()) add_advisory(package, via, lock, ctx, outcome);
    }
  }
  return outcome;
}

}  // namespace lamina
