#include "platform/gitlab_publish.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "platform/publish_text.h"
#include "util/text.h"

namespace lamina {
namespace {

using nlohmann::json;

constexpr size_t kMaxNoteBytes = 60000;  // GitLab notes hold up to 1,000,000 characters

std::string mr_path(const PublishContext& c) {
  return gitlab_project_path(c.repository) + "/merge_requests/" + std::to_string(*c.pr_number);
}

PublishOutcome failed(PublishTarget target, std::string detail, const HttpClient& client,
                      int before) {
  return {target, false, std::move(detail), client.requests_sent() - before};
}

std::string str(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::string id_text(const json& j) {
  if (!j.is_object() || !j.contains("id")) return "";
  if (j["id"].is_number_integer()) return std::to_string(j["id"].get<long long>());
  std::string id = str(j, "id");  // discussion ids are hex strings
  return id.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos ? id : "";
}

}  // namespace

std::string gitlab_project_path(const std::string& project) {
  std::string encoded;
  for (unsigned char ch : project) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
      encoded += static_cast<char>(ch);
    } else {
      static const char* hex = "0123456789ABCDEF";
      encoded += {'%', hex[ch >> 4], hex[ch & 15]};
    }
  }
  return "/projects/" + encoded;
}

PublishOutcome gitlab_comment(const ScanResult& scan, const PublishContext& c, HttpClient& client) {
  int before = client.requests_sent();
  if (!c.pr_number) return {PublishTarget::comment, true, "not a merge request: no note", 0};
  std::string error;
  std::vector<json> notes = get_json_list(client, mr_path(c) + "/notes?per_page=100", &error);
  if (!error.empty()) return failed(PublishTarget::comment, error, client, before);
  std::string body = summary_comment(scan, kMaxNoteBytes);
  for (const json& note : notes) {
    if (marker_in(str(note, "body"), scan, "summary").empty()) continue;
    std::string id = id_text(note);
    if (str(note, "body") == body) {
      return {PublishTarget::comment, true, "summary note " + id + " unchanged",
              client.requests_sent() - before};
    }
    HttpRequest edit{"PUT", mr_path(c) + "/notes/" + id, json{{"body", body}}.dump()};
    HttpResponse r = client.send(edit);
    if (r.status != 200)
      return failed(PublishTarget::comment, describe_failure(client, edit, r), client, before);
    return {PublishTarget::comment, true, "summary note " + id + " edited",
            client.requests_sent() - before};
  }
  HttpRequest create{"POST", mr_path(c) + "/notes", json{{"body", body}}.dump()};
  HttpResponse r = client.send(create);
  if (r.status != 201)
    return failed(PublishTarget::comment, describe_failure(client, create, r), client, before);
  return {PublishTarget::comment, true,
          "summary note " + id_text(json::parse(r.body, nullptr, false)) + " created",
          client.requests_sent() - before};
}

PublishOutcome gitlab_status(const ScanResult& scan, const PublishContext& c, HttpClient& client) {
  int before = client.requests_sent();
  std::string state = scan.incomplete            ? "canceled"
                      : scan.gate.exit_code == 0 ? "success"
                                                 : "failed";
  std::string description =
      scan.gate.passed ? "passed" : std::to_string(scan.gate.gating) + " findings fail the gate";
  if (scan.gate.failed_scanners)
    description += ", " + std::to_string(scan.gate.failed_scanners) + " scanners failed";
  json status = {
      {"state", state}, {"name", publish_name(scan)}, {"description", one_line(description, 250)}};
  if (!c.details_url.empty()) status["target_url"] = c.details_url;
  HttpRequest post{"POST", gitlab_project_path(c.repository) + "/statuses/" + c.commit_sha,
                   status.dump()};
  HttpResponse r = client.send(post);
  if (r.status != 201 && r.status != 200) {
    return failed(PublishTarget::status, describe_failure(client, post, r), client, before);
  }
  return {PublishTarget::status, true, "commit status " + state, client.requests_sent() - before};
}

PublishOutcome gitlab_discussion(const ScanResult& scan, const PublishContext& c,
                                 HttpClient& client, size_t max_shown) {
  int before = client.requests_sent();
  if (!c.pr_number)
    return {PublishTarget::discussion, true, "not a merge request: no discussions", 0};
  HttpRequest get_mr{"GET", mr_path(c), ""};
  HttpResponse mr = client.send(get_mr);
  if (mr.status != 200)
    return failed(PublishTarget::discussion, describe_failure(client, get_mr, mr), client, before);
  json refs = json::parse(mr.body, nullptr, false);
  refs = refs.is_object() && refs.contains("diff_refs") ? refs["diff_refs"] : json();
  std::string base = str(refs, "base_sha"), start = str(refs, "start_sha"),
              head = str(refs, "head_sha");
  if (base.empty() || start.empty() || head.empty()) {
    return failed(PublishTarget::discussion, "the merge request has no diff_refs yet", client,
                  before);
  }
  std::string error;
  std::vector<json> discussions =
      get_json_list(client, mr_path(c) + "/discussions?per_page=100", &error);
  if (!error.empty()) return failed(PublishTarget::discussion, error, client, before);
  struct Existing {
    std::string discussion_id, note_id, body;
    bool resolved = false;
  };
  std::map<std::string, Existing> existing;
  for (const json& d : discussions) {
    if (!d.contains("notes") || !d["notes"].is_array() || d["notes"].empty()) continue;
    const json& note = d["notes"][0];
    std::string marker = marker_in(str(note, "body"), scan, "finding");
    if (marker.empty() || existing.count(marker)) continue;
    bool resolved =
        note.contains("resolved") && note["resolved"].is_boolean() && note["resolved"].get<bool>();
    existing[marker] = {id_text(d), id_text(note), str(note, "body"), resolved};
  }
  size_t created = 0, edited = 0, unchanged = 0, resolved = 0, reopened = 0, over_cap = 0;
  std::vector<std::string> problems;
  std::set<std::string> wanted;
  auto resolve = [&](const Existing& e, bool value) {
    HttpRequest put{
        "PUT",
        mr_path(c) + "/discussions/" + e.discussion_id + "?resolved=" + (value ? "true" : "false"),
        ""};
    HttpResponse r = client.send(put);
    if (r.status != 200) problems.push_back(describe_failure(client, put, r));
    return r.status == 200;
  };
  size_t rank = 0;  // the finding's place in attention order
  for (const PlacedFinding& p : placed_findings(scan, true)) {
    bool eligible = rank++ < max_shown;
    std::string marker = publish_marker(scan, "finding", p.fingerprint);
    wanted.insert(marker);
    std::string body = finding_comment(scan, p);
    auto it = existing.find(marker);
    if (it != existing.end()) {
      if (it->second.resolved && resolve(it->second, false)) ++reopened;
      if (it->second.body == body) {
        ++unchanged;
        continue;
      }
      HttpRequest edit{
          "PUT",
          mr_path(c) + "/discussions/" + it->second.discussion_id + "/notes/" + it->second.note_id,
          json{{"body", body}}.dump()};
      HttpResponse r = client.send(edit);
      if (r.status == 200)
        ++edited;
      else
        problems.push_back(describe_failure(client, edit, r));
      continue;
    }
    if (!eligible) {
      ++over_cap;
      continue;
    }
    const Finding& f = *p.finding;
    json position = {{"position_type", "text"},
                     {"base_sha", base},
                     {"start_sha", start},
                     {"head_sha", head},
                     {"new_path", f.location.path},
                     {"old_path", f.location.path},
                     {"new_line", f.location.region.start_line}};
    HttpRequest create{"POST", mr_path(c) + "/discussions",
                       json{{"body", body}, {"position", position}}.dump()};
    HttpResponse r = client.send(create);
    if (r.status == 201)
      ++created;
    else
      problems.push_back(describe_failure(client, create, r));
  }
  for (const auto& [marker, e] : existing) {
    if (wanted.count(marker) || e.resolved) continue;
    if (resolve(e, true)) ++resolved;
  }
  std::string detail = std::to_string(created) + " discussions created, " + std::to_string(edited) +
                       " edited, " + std::to_string(unchanged) + " unchanged, " +
                       std::to_string(resolved) + " resolved (finding gone), " +
                       std::to_string(reopened) + " reopened";
  if (over_cap)
    detail += ", " + std::to_string(over_cap) + " without a comment (only the first " +
              std::to_string(max_shown) + " findings get one)";
  if (!problems.empty())
    detail += "; " + std::to_string(problems.size()) + " failed: " + problems.front();
  return {PublishTarget::discussion, problems.empty(), detail, client.requests_sent() - before};
}

}  // namespace lamina
