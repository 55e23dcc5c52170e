#include "platform/github_publish.h"

#include <nlohmann/json.hpp>

#include <map>

#include "outcome/gate.h"
#include "platform/publish_text.h"
#include "util/file_io.h"
#include "util/text.h"

namespace lamina {
namespace {

using nlohmann::json;

constexpr size_t kAnnotationsPerRequest = 50;
constexpr size_t kMaxOutputBytes = 65000;  // GitHub: summary and text at most 65,535 characters

std::string repo_path(const PublishContext& c) {
  return "/repos/" + c.repository;
}

PublishOutcome failed(PublishTarget target, std::string detail, const HttpClient& client,
                      int before) {
  return {target, false, std::move(detail), client.requests_sent() - before};
}

// The reason a fork's read-only token gives, said so the fix is findable.
std::string with_hint(std::string detail, int status) {
  if (status == 403 || status == 404) {
    detail +=
        " (the token cannot write here: a pull request from a fork gets a read-only "
        "token; publish from a workflow_run job, see docs/integrations.md)";
  }
  return detail;
}

std::string conclusion(const ScanResult& scan) {
  if (scan.incomplete) return "cancelled";
  return scan.gate.exit_code == 0 ? "success" : "failure";
}

std::string check_title(const ScanResult& scan) {
  const GateResult& g = scan.gate;
  std::string title = g.passed ? "Passed"
                               : "Failed: " + std::to_string(g.gating) + " finding" +
                                     (g.gating == 1 ? "" : "s") + " fail the gate";
  if (g.failed_scanners > 0) {
    title += ", " + std::to_string(g.failed_scanners) + " scanner" +
             (g.failed_scanners == 1 ? "" : "s") + " failed";
  }
  return title;
}

json annotation(const PlacedFinding& p) {
  const Finding& f = *p.finding;
  const Region& r = f.location.region;
  json a = {{"path", f.location.path},
            {"start_line", r.start_line},
            {"end_line", std::max(r.start_line, r.end_line)},
            {"annotation_level", p.gating ? "failure" : "warning"},
            {"message", to_valid_utf8(f.message.empty() ? f.rule_id : f.message).substr(0, 60000)},
            {"title", one_line(f.tool + (f.rule_id.empty() ? "" : " " + f.rule_id) + " (" +
                                   to_string(f.severity) + ")",
                               250)}};
  if (r.start_column > 0 && (r.end_line == 0 || r.end_line == r.start_line)) {
    a["start_column"] = r.start_column;
    a["end_column"] =
        std::max(r.start_column, r.end_column > 0 ? r.end_column - 1 : r.start_column);
  }
  return a;
}

long long id_of(const json& item) {
  return item.contains("id") && item["id"].is_number_integer() ? item["id"].get<long long>() : -1;
}

std::string body_of(const json& item) {
  return item.contains("body") && item["body"].is_string() ? item["body"].get<std::string>() : "";
}

}  // namespace

PublishOutcome github_check(const ScanResult& scan, const PublishContext& c, HttpClient& client) {
  int before = client.requests_sent();
  std::vector<PlacedFinding> placed = placed_findings(scan, false);
  std::string summary = summary_comment(scan, kMaxOutputBytes);
  json output = {{"title", check_title(scan)}, {"summary", summary}};
  json first = {{"name", publish_name(scan)},
                {"head_sha", c.head_sha},
                {"status", "completed"},
                {"conclusion", conclusion(scan)},
                {"external_id", std::string("lamina:") + to_string(scan.layer)}};
  if (!c.details_url.empty()) first["details_url"] = c.details_url;
  size_t sent = 0;
  auto batch = [&](json out) {
    json annotations = json::array();
    for (; sent < placed.size() && annotations.size() < kAnnotationsPerRequest; ++sent) {
      annotations.push_back(annotation(placed[sent]));
    }
    out["annotations"] = std::move(annotations);
    return out;
  };
  first["output"] = batch(output);
  HttpRequest create{"POST", repo_path(c) + "/check-runs", first.dump()};
  HttpResponse r = client.send(create);
  if (r.status != 201) {
    return failed(PublishTarget::check, with_hint(describe_failure(client, create, r), r.status),
                  client, before);
  }
  json created = json::parse(r.body, nullptr, false);
  long long id = created.is_object() ? id_of(created) : -1;
  if (id < 0)
    return failed(PublishTarget::check, "POST check-runs: no id in the answer", client, before);
  while (sent < placed.size()) {
    HttpRequest more{"PATCH", repo_path(c) + "/check-runs/" + std::to_string(id),
                     json{{"output", batch(output)}}.dump()};
    HttpResponse m = client.send(more);
    if (m.status != 200) {
      return failed(PublishTarget::check,
                    describe_failure(client, more, m) + " (" + std::to_string(sent) + " of " +
                        std::to_string(placed.size()) + " annotations sent)",
                    client, before);
    }
  }
  return {PublishTarget::check, true,
          "check run " + std::to_string(id) + " (" + conclusion(scan) +
              "): " + std::to_string(placed.size()) + " annotations",
          client.requests_sent() - before};
}

PublishOutcome github_comment(const ScanResult& scan, const PublishContext& c, HttpClient& client) {
  int before = client.requests_sent();
  if (!c.pr_number) return {PublishTarget::comment, true, "not a pull request: no comment", 0};
  std::string issue = repo_path(c) + "/issues/" + std::to_string(*c.pr_number);
  std::string error;
  std::vector<json> comments = get_json_list(client, issue + "/comments?per_page=100", &error);
  if (!error.empty()) return failed(PublishTarget::comment, with_hint(error, 403), client, before);
  std::string body = summary_comment(scan, kMaxOutputBytes);
  for (const json& existing : comments) {
    if (marker_in(body_of(existing), scan, "summary").empty()) continue;
    long long id = id_of(existing);
    if (body_of(existing) == body) {
      return {PublishTarget::comment, true, "summary comment " + std::to_string(id) + " unchanged",
              client.requests_sent() - before};
    }
    HttpRequest edit{"PATCH", repo_path(c) + "/issues/comments/" + std::to_string(id),
                     json{{"body", body}}.dump()};
    HttpResponse r = client.send(edit);
    if (r.status != 200) {
      return failed(PublishTarget::comment, with_hint(describe_failure(client, edit, r), r.status),
                    client, before);
    }
    return {PublishTarget::comment, true, "summary comment " + std::to_string(id) + " edited",
            client.requests_sent() - before};
  }
  HttpRequest create{"POST", issue + "/comments", json{{"body", body}}.dump()};
  HttpResponse r = client.send(create);
  if (r.status != 201) {
    return failed(PublishTarget::comment, with_hint(describe_failure(client, create, r), r.status),
                  client, before);
  }
  json made = json::parse(r.body, nullptr, false);
  return {PublishTarget::comment, true,
          "summary comment " + std::to_string(made.is_object() ? id_of(made) : -1) + " created",
          client.requests_sent() - before};
}

PublishOutcome github_review(const ScanResult& scan, const PublishContext& c, HttpClient& client,
                             size_t max_shown) {
  int before = client.requests_sent();
  if (!c.pr_number)
    return {PublishTarget::review, true, "not a pull request: no review comments", 0};
  std::string pull = repo_path(c) + "/pulls/" + std::to_string(*c.pr_number);
  std::string error;
  std::vector<json> comments = get_json_list(client, pull + "/comments?per_page=100", &error);
  if (!error.empty()) return failed(PublishTarget::review, with_hint(error, 403), client, before);
  std::map<std::string, const json*> existing;  // marker -> lamina's comment
  for (const json& comment : comments) {
    std::string marker = marker_in(body_of(comment), scan, "finding");
    if (!marker.empty() && !existing.count(marker)) existing[marker] = &comment;
  }
  size_t created = 0, edited = 0, unchanged = 0, deleted = 0, over_cap = 0, rejected = 0;
  std::vector<std::string> problems;
  std::set<std::string> wanted;
  size_t rank = 0;  // the finding's place in attention order
  for (const PlacedFinding& p : placed_findings(scan, true)) {
    bool eligible = rank++ < max_shown;
    std::string marker = publish_marker(scan, "finding", p.fingerprint);
    wanted.insert(marker);
    std::string body = finding_comment(scan, p);
    auto it = existing.find(marker);
    if (it != existing.end()) {
      if (body_of(*it->second) == body) {
        ++unchanged;
        continue;
      }
      HttpRequest edit{"PATCH",
                       repo_path(c) + "/pulls/comments/" + std::to_string(id_of(*it->second)),
                       json{{"body", body}}.dump()};
      HttpResponse r = client.send(edit);
      if (r.status == 200) {
        ++edited;
      } else {
        problems.push_back(with_hint(describe_failure(client, edit, r), r.status));
      }
      continue;
    }
    if (!eligible) {
      ++over_cap;
      continue;
    }
    const Finding& f = *p.finding;
    json comment = {{"body", body},
                    {"commit_id", c.head_sha},
                    {"path", f.location.path},
                    {"line", f.location.region.start_line},
                    {"side", "RIGHT"}};
    HttpRequest create{"POST", pull + "/comments", comment.dump()};
    HttpResponse r = client.send(create);
    if (r.status == 201) {
      ++created;
    } else if (r.status == 422) {
      ++rejected;  // the line is not in the pull request's diff (e.g. moved by a base change)
    } else {
      problems.push_back(with_hint(describe_failure(client, create, r), r.status));
    }
  }
  for (const auto& [marker, comment] : existing) {
    if (wanted.count(marker)) continue;
    HttpRequest remove{"DELETE",
                       repo_path(c) + "/pulls/comments/" + std::to_string(id_of(*comment)), ""};
    HttpResponse r = client.send(remove);
    if (r.status == 204 || r.status == 404) {
      ++deleted;
    } else {
      problems.push_back(describe_failure(client, remove, r));
    }
  }
  std::string detail = std::to_string(created) + " review comments created, " +
                       std::to_string(edited) + " edited, " + std::to_string(unchanged) +
                       " unchanged, " + std::to_string(deleted) + " deleted (finding gone)";
  if (over_cap)
    detail += ", " + std::to_string(over_cap) + " without a comment (only the first " +
              std::to_string(max_shown) + " findings get one)";
  if (rejected)
    detail += ", " + std::to_string(rejected) + " refused by GitHub (line not in the diff)";
  if (!problems.empty())
    detail += "; " + std::to_string(problems.size()) + " failed: " + problems.front();
  return {PublishTarget::review, problems.empty(), detail, client.requests_sent() - before};
}

PublishOutcome github_code_scanning(const ScanResult& scan, const PublishContext& c,
                                    HttpClient& client) {
  (void)scan;
  int before = client.requests_sent();
  std::optional<std::string> sarif = read_file(c.sarif_path);
  if (!sarif)
    return failed(PublishTarget::code_scanning, "cannot read " + c.sarif_path, client, before);
  json upload = {{"commit_sha", c.commit_sha},
                 {"ref", c.ref},
                 {"sarif", base64_encode(gzip(*sarif))},
                 {"tool_name", "lamina"}};
  HttpRequest post{"POST", repo_path(c) + "/code-scanning/sarifs", upload.dump()};
  HttpResponse r = client.send(post);
  if (r.status != 202) {
    return failed(PublishTarget::code_scanning,
                  with_hint(describe_failure(client, post, r), r.status), client, before);
  }
  json accepted = json::parse(r.body, nullptr, false);
  std::string id = accepted.is_object() && accepted.contains("id") && accepted["id"].is_string()
                       ? accepted["id"].get<std::string>()
                       : "";
  if (id.empty() || id.find_first_of("/?#") != std::string::npos) {
    return failed(PublishTarget::code_scanning, "code scanning accepted the upload but named no id",
                  client, before);
  }
  for (int poll = 0; poll < 30; ++poll) {
    HttpRequest status{"GET", repo_path(c) + "/code-scanning/sarifs/" + id, ""};
    HttpResponse s = client.send(status);
    if (s.status != 200)
      return failed(PublishTarget::code_scanning, describe_failure(client, status, s), client,
                    before);
    json state = json::parse(s.body, nullptr, false);
    std::string processing = state.is_object() && state.contains("processing_status") &&
                                     state["processing_status"].is_string()
                                 ? state["processing_status"].get<std::string>()
                                 : "";
    if (processing == "complete") {
      return {PublishTarget::code_scanning, true, "SARIF upload " + one_line(id, 80) + " processed",
              client.requests_sent() - before};
    }
    if (processing == "failed") {
      std::string errors = state.contains("errors") ? state["errors"].dump() : "no errors given";
      return failed(PublishTarget::code_scanning,
                    "code scanning rejected the SARIF upload " + one_line(id, 80) + ": " +
                        one_line(errors, 600),
                    client, before);
    }
    client.pause(std::chrono::seconds(2));
  }
  return failed(PublishTarget::code_scanning,
                "SARIF upload " + one_line(id, 80) + " still pending after 30 polls", client,
                before);
}

}  // namespace lamina
