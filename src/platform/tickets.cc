#include "platform/tickets.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <optional>

#include "outcome/gate.h"
#include "platform/gitlab_publish.h"
#include "util/glob.h"
#include "util/markdown.h"
#include "util/text.h"

namespace lamina {
namespace {

using nlohmann::json;

constexpr const char* kMarkerPrefix = "<!-- lamina:ticket:";
constexpr const char* kOverflowKey = "overflow";

std::string marker(const std::string& key) {
  return kMarkerPrefix + key + " -->";
}

// The key in a body's last line when it is one of lamina's ticket markers, else "".
std::string key_in(const std::string& body) {
  size_t nl = body.find_last_of('\n');
  std::string last = nl == std::string::npos ? body : body.substr(nl + 1);
  std::string prefix = kMarkerPrefix;
  if (last.rfind(prefix, 0) != 0 || last.size() < prefix.size() + 4 ||
      last.compare(last.size() - 4, 4, " -->") != 0) {
    return "";
  }
  return last.substr(prefix.size(), last.size() - prefix.size() - 4);
}

std::string date_text(std::chrono::system_clock::time_point t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

// "First seen in <sha>. Due <date> (sev2: 14 days)." of an existing body, or "".
std::string schedule_line(const std::string& body) {
  size_t at = body.find("\nFirst seen in ");
  if (at == std::string::npos) return "";
  size_t end = body.find('\n', at + 1);
  return body.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
}

std::string without_schedule(const std::string& body) {
  std::string line = schedule_line(body);
  if (line.empty()) return body;
  std::string out = body;
  out.erase(out.find(line), line.size());
  return out;
}

std::string due_of(const std::string& schedule) {
  size_t at = schedule.find("Due ");
  return at == std::string::npos ? "" : schedule.substr(at + 4, 10);
}

bool has_label(const ExistingTicket& t, const std::string& label) {
  return std::find(t.labels.begin(), t.labels.end(), label) != t.labels.end();
}

std::vector<std::string> labels_for(const TicketGroup& g) {
  return {"lamina", std::string("lamina:") + to_string(g.severity),
          "scanner:" + one_line(g.tool, 40)};
}

long long days(std::chrono::milliseconds ms) {
  return ms.count() / (24LL * 3600 * 1000);
}

// CODEOWNERS patterns follow gitignore rules: a pattern matches a file when it matches the file or
// any folder above it (an unanchored one by name, an anchored one by path).
bool owner_matches(const std::string& pattern, const std::string& path) {
  Glob glob;
  std::string error;
  if (!compile_glob(pattern, &glob, &error)) return false;
  bool anchored = glob.kind == GlobKind::path_literal || glob.kind == GlobKind::path_generic;
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    std::string prefix = path.substr(0, slash);
    std::string name =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    bool is_dir = slash != std::string::npos;
    if (!glob.dir_only || is_dir) {
      if (anchored ? glob_matches_path(glob, prefix) : glob_matches_name(glob, name)) return true;
    }
    if (slash == std::string::npos) return false;
    start = slash + 1;
  }
}

// "open tickets: sev1 1 (1 past due), sev2 4, sev3 0": after this run's plan is applied.
std::string sla_report(const TicketPlan& plan, const std::vector<ExistingTicket>& existing,
                       std::chrono::system_clock::time_point now) {
  std::string today = date_text(now);
  size_t open[3] = {0, 0, 0}, late[3] = {0, 0, 0};
  std::map<long, TicketChange> change;
  for (const TicketAction& a : plan.actions) change[a.number] = a.change;
  auto count = [&](const std::vector<std::string>& labels, const std::string& due) {
    for (int i = 0; i < 3; ++i) {
      std::string label = "lamina:sev" + std::to_string(i + 1);
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) continue;
      ++open[i];
      if (!due.empty() && due < today) ++late[i];
    }
  };
  for (const ExistingTicket& t : existing) {
    auto it = change.find(t.number);
    bool open_after = it == change.end() ? t.open
                                         : it->second != TicketChange::close &&
                                               it->second != TicketChange::keep_closed;
    if (open_after && !key_in(t.body).empty() && key_in(t.body) != kOverflowKey) {
      count(t.labels, due_of(schedule_line(t.body)));
    }
  }
  for (const TicketAction& a : plan.actions) {
    if (a.change == TicketChange::open) count(a.labels, a.due);
  }
  std::string text = "open tickets:";
  for (int i = 0; i < 3; ++i) {
    text +=
        std::string(i ? "," : "") + " sev" + std::to_string(i + 1) + " " + std::to_string(open[i]);
    if (late[i]) text += " (" + std::to_string(late[i]) + " past due)";
  }
  return text;
}

}  // namespace

std::vector<TicketGroup> ticket_groups(const ScanResult& scan, const std::string& group_by) {
  std::vector<TicketGroup> groups;
  std::vector<const Finding*> firsts;
  std::map<std::string, size_t> index;
  for (const Finding* f : by_attention(scan.findings, scan.filter, scan.fail_on)) {
    if (!is_counted(gate_standing(*f, scan.filter, scan.fail_on))) continue;
    auto fp = f->fingerprints.find("lamina/v1");
    std::string key = group_by == "rule-file" ? f->tool + "/" + f->rule_id + "/" + f->location.path
                                              : (fp == f->fingerprints.end() ? "" : fp->second);
    if (key.empty()) continue;
    // The key goes into an HTML comment: nothing that could end it or break the line.
    for (char& c : key) {
      if (c == '-' || c == '>' || c == '<' || static_cast<unsigned char>(c) < 0x20) c = '_';
    }
    if (key.size() > 300) key = key.substr(0, 300);
    auto [it, added] = index.try_emplace(key, groups.size());
    std::string where =
        f->location.path.empty()
            ? std::string("the repository")
            : f->location.path + ":" + std::to_string(f->location.region.start_line);
    if (added) {
      TicketGroup g;
      g.key = key;
      g.severity = f->severity;
      g.tool = f->tool;
      g.path = f->location.path;
      g.title = one_line("[lamina " + std::string(to_string(f->severity)) + "] " + f->tool + " " +
                             f->rule_id + " in " + where,
                         200);
      g.body = "**" + std::string(to_string(f->severity)) + "** · " + markdown_inert(f->tool, 80) +
               " · " + markdown_inert(f->rule_id, 200) + "\n\n**What:** " +
               markdown_inert(f->message, 2000) + "\n\n**Where:**\n";
      groups.push_back(g);
      firsts.push_back(f);
    }
    TicketGroup& g = groups[it->second];
    if (f->severity < g.severity) g.severity = f->severity;
    if (std::count(g.body.begin(), g.body.end(), '\n') < 60) {
      g.body += "- " + markdown_inert(where, 300) + "\n";
    }
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    const RuleText* text = firsts[i]->rule_text.get();
    std::string help = !text                      ? ""
                       : !text->help_text.empty() ? text->help_text
                                                  : text->full_description;
    groups[i].body += "\n**How to fix:** " +
                      (help.empty() ? std::string("see the scanner's documentation for this rule")
                                    : markdown_inert(help, 1500)) +
                      "\n";
  }
  return groups;
}

std::vector<std::string> code_owners(const std::string& codeowners, const std::string& path) {
  std::vector<std::string> owners;
  size_t start = 0;
  while (start < codeowners.size()) {
    size_t end = codeowners.find('\n', start);
    if (end == std::string::npos) end = codeowners.size();
    std::string line = codeowners.substr(start, end - start);
    start = end + 1;
    if (size_t hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::vector<std::string> words;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      size_t w = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
      if (i > w) words.push_back(line.substr(w, i - w));
    }
    if (words.size() < 1 || !owner_matches(words[0], path)) continue;
    owners.clear();  // the last matching line wins, even with no owners
    for (size_t k = 1; k < words.size(); ++k) {
      const std::string& o = words[k];
      bool user = o.size() > 1 && o.size() <= 40 && o[0] == '@' &&
                  std::all_of(o.begin() + 1, o.end(), [](unsigned char ch) {
                    return std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.';
                  });
      if (user) {
        owners.push_back(o.substr(1));
      }
    }
  }
  if (owners.size() > 10) owners.resize(10);  // GitHub's limit of assignees
  return owners;
}

TicketPlan plan_tickets(const std::vector<TicketGroup>& groups,
                        const std::vector<ExistingTicket>& existing, const TicketSettings& settings,
                        const std::string& codeowners, const std::string& commit,
                        std::chrono::system_clock::time_point now) {
  TicketPlan plan;
  std::map<std::string, const ExistingTicket*> by_key;
  for (const ExistingTicket& t : existing) {
    std::string key = key_in(t.body);
    if (key == kOverflowKey) {
      plan.summary_number = t.number;
      plan.summary_open = t.open;
      continue;
    }
    if (!key.empty() && !by_key.count(key)) by_key[key] = &t;
  }
  std::map<std::string, bool> wanted;
  size_t opened = 0;
  for (const TicketGroup& group : groups) {
    // The owners by CODEOWNERS, named in the text too: GitLab assigns by user id, not name.
    std::vector<std::string> owners = code_owners(codeowners, group.path);
    TicketGroup g = group;
    if (!owners.empty()) {
      g.body += "\n**Owners (CODEOWNERS):**";
      for (const std::string& o : owners) g.body += " @" + o;
      g.body += "\n";
    }
    wanted[g.key] = true;
    TicketAction a;
    a.key = g.key;
    a.title = g.title;
    a.labels = labels_for(g);
    auto it = by_key.find(g.key);
    int sev = static_cast<int>(g.severity) - 1;
    if (it == by_key.end()) {
      if (opened >= static_cast<size_t>(settings.max_new)) {
        ++plan.over_cap;
        continue;
      }
      ++opened;
      a.change = TicketChange::open;
      a.due = date_text(now + settings.sla[sev]);
      a.body = g.body + "\nFirst seen in " + commit + ". Due " + a.due + " (" +
               to_string(g.severity) + ": " + std::to_string(days(settings.sla[sev])) +
               " days).\n" + marker(g.key);
      a.assignees = owners;
      plan.actions.push_back(std::move(a));
      continue;
    }
    const ExistingTicket& t = *it->second;
    a.number = t.number;
    std::string schedule = schedule_line(t.body);
    a.due = due_of(schedule);
    a.body = g.body + "\n" + (schedule.empty() ? "First seen in " + commit + "." : schedule) +
             "\n" + marker(g.key);
    if (!t.open) {
      a.change =
          has_label(t, settings.wontfix_label) ? TicketChange::keep_closed : TicketChange::reopen;
    } else {
      a.change = without_schedule(t.body) == without_schedule(a.body) ? TicketChange::keep
                                                                      : TicketChange::update;
    }
    plan.actions.push_back(std::move(a));
  }
  for (const auto& [key, t] : by_key) {
    if (wanted.count(key) || !t->open) continue;
    TicketAction a;
    a.change = TicketChange::close;
    a.number = t->number;
    a.key = key;
    plan.actions.push_back(std::move(a));
  }
  if (plan.over_cap > 0) {
    plan.summary_body = std::to_string(plan.over_cap) +
                        " more findings of the continuous scan have no ticket of their own yet: "
                        "at most " +
                        std::to_string(settings.max_new) +
                        " tickets are opened per run (tickets.max_new). They are in the run's "
                        "lamina.sarif; the next runs open them, tickets.max_new at a time.\n" +
                        marker(kOverflowKey);
  }
  return plan;
}

std::string ticket_plan_json(const TicketPlan& plan) {
  static const char* names[] = {"open", "update", "close", "reopen", "keep", "keep_closed"};
  json actions = json::array();
  for (const TicketAction& a : plan.actions) {
    json j = {{"change", names[static_cast<int>(a.change)]}, {"key", a.key}};
    if (a.number) j["number"] = a.number;
    if (!a.title.empty()) j["title"] = a.title;
    if (!a.labels.empty()) j["labels"] = a.labels;
    if (!a.assignees.empty()) j["assignees"] = a.assignees;
    if (!a.due.empty()) j["due"] = a.due;
    actions.push_back(std::move(j));
  }
  return json{{"actions", actions}, {"over_cap", plan.over_cap}}.dump(1) + "\n";
}

namespace {

// What differs between GitHub issues and GitLab issues: paths, field names, states.
struct IssueApi {
  bool gitlab = false;
  std::string base;  // "/repos/o/r" or "/projects/42"

  std::string list() const { return base + "/issues?labels=lamina&state=all&per_page=100"; }
  std::string issue(long number) const { return base + "/issues/" + std::to_string(number); }
  std::string comments(long number) const {
    return issue(number) + (gitlab ? "/notes" : "/comments");
  }
  const char* text_field() const { return gitlab ? "description" : "body"; }
  const char* edit_method() const { return gitlab ? "PUT" : "PATCH"; }

  std::optional<ExistingTicket> read(const json& item) const {
    if (!item.is_object() || item.contains("pull_request")) return std::nullopt;  // GitHub: PRs
    const char* id = gitlab ? "iid" : "number";
    if (!item.contains(id) || !item[id].is_number_integer()) return std::nullopt;
    ExistingTicket t;
    t.number = item[id].get<long>();
    t.open = item.value("state", "") == (gitlab ? "opened" : "open");
    if (item.contains(text_field()) && item[text_field()].is_string()) t.body = item[text_field()];
    if (item.contains("labels") && item["labels"].is_array()) {
      for (const json& l : item["labels"]) {
        if (l.is_object() && l.contains("name") && l["name"].is_string())
          t.labels.push_back(l["name"]);
        if (l.is_string()) t.labels.push_back(l);
      }
    }
    return t;
  }

  json labels(const std::vector<std::string>& names) const {
    if (!gitlab) return names;
    std::string joined;
    for (const std::string& n : names) joined += (joined.empty() ? "" : ",") + n;
    return joined;  // GitLab takes a comma-separated string
  }

  json opened(const TicketAction& a) const {
    json body = {{"title", a.title}, {text_field(), a.body}, {"labels", labels(a.labels)}};
    if (gitlab) {
      body["due_date"] = a.due;  // GitLab has the field; GitHub has it in the text
    } else if (!a.assignees.empty()) {
      body["assignees"] = a.assignees;  // GitLab wants user ids: the owners are in the text
    }
    return body;
  }
  json state(bool open) const {
    if (gitlab) return {{"state_event", open ? "reopen" : "close"}};
    if (open) return {{"state", "open"}};
    return {{"state", "closed"}, {"state_reason", "completed"}};
  }
};

}  // namespace

PublishOutcome publish_tickets(const ScanResult& scan, const PublishContext& c, HttpClient& client,
                               const TicketSettings& settings, const std::string& codeowners,
                               bool dry_run, std::string* plan_json) {
  int before = client.requests_sent();
  auto failed = [&](std::string why) {
    return PublishOutcome{PublishTarget::tickets, false, std::move(why),
                          client.requests_sent() - before};
  };
  IssueApi api;
  api.gitlab = c.provider == Provider::gitlab;
  if (api.gitlab) {
    api.base = gitlab_project_path(c.repository);
  } else {
    api.base = "/repos/" + c.repository;
  }
  std::vector<ExistingTicket> existing;
  std::string error;
  for (const json& item : get_json_list(client, api.list(), &error)) {
    if (std::optional<ExistingTicket> t = api.read(item)) existing.push_back(std::move(*t));
  }
  if (!error.empty()) return failed(error);
  std::string commit = c.commit_sha.empty() ? "(unknown commit)" : c.commit_sha;
  TicketPlan plan = plan_tickets(ticket_groups(scan, settings.group_by), existing, settings,
                                 codeowners, commit, std::chrono::system_clock::now());
  *plan_json = ticket_plan_json(plan);
  std::map<TicketChange, size_t> count;
  for (const TicketAction& a : plan.actions) ++count[a.change];
  std::string summary = std::to_string(count[TicketChange::open]) + " opened, " +
                        std::to_string(count[TicketChange::update]) + " updated, " +
                        std::to_string(count[TicketChange::close]) + " closed, " +
                        std::to_string(count[TicketChange::reopen]) + " reopened, " +
                        std::to_string(count[TicketChange::keep]) + " unchanged, " +
                        std::to_string(count[TicketChange::keep_closed]) + " kept closed (" +
                        settings.wontfix_label + ")";
  if (plan.over_cap) summary += ", " + std::to_string(plan.over_cap) + " over the cap";
  summary += "; " + sla_report(plan, existing, std::chrono::system_clock::now());
  if (dry_run) {
    return {PublishTarget::tickets, true, "dry run: would have " + summary,
            client.requests_sent() - before};
  }

  std::vector<std::string> problems;
  auto send = [&](HttpRequest request, int expected) {
    HttpResponse r = client.send(request);
    if (r.status != expected) problems.push_back(describe_failure(client, request, r));
    return r.status == expected;
  };
  auto edit = [&](long number, json body) {
    return send({api.edit_method(), api.issue(number), body.dump()}, 200);
  };
  auto comment = [&](long number, const std::string& text) {
    return send({"POST", api.comments(number), json{{"body", text}}.dump()}, 201);
  };
  for (const TicketAction& a : plan.actions) {
    switch (a.change) {
      case TicketChange::open:
        send({"POST", api.base + "/issues", api.opened(a).dump()}, 201);
        break;
      case TicketChange::update:
        edit(a.number,
             {{api.text_field(), a.body}, {"title", a.title}, {"labels", api.labels(a.labels)}});
        break;
      case TicketChange::reopen: {
        json body = api.state(true);
        body[api.text_field()] = a.body;
        body["labels"] = api.labels(a.labels);
        if (edit(a.number, body)) {
          comment(a.number, "The finding is back in " + commit + ": reopened by lamina.");
        }
        break;
      }
      case TicketChange::close:
        if (comment(a.number, "The finding is gone in " + commit + ": closed by lamina.")) {
          edit(a.number, api.state(false));
        }
        break;
      case TicketChange::keep:
      case TicketChange::keep_closed:
        break;
    }
  }
  if (plan.over_cap > 0) {
    json body = {
        {"title", "[lamina] " + std::to_string(plan.over_cap) + " more findings without a ticket"},
        {api.text_field(), plan.summary_body},
        {"labels", api.labels({"lamina"})}};
    if (plan.summary_number == 0) {
      send({"POST", api.base + "/issues", body.dump()}, 201);
    } else {
      body.update(api.state(true));
      edit(plan.summary_number, body);
    }
  } else if (plan.summary_number != 0 && plan.summary_open) {
    edit(plan.summary_number, api.state(false));
  }
  std::string detail = summary;
  if (!problems.empty())
    detail += "; " + std::to_string(problems.size()) + " failed: " + problems.front();
  return {PublishTarget::tickets, problems.empty(), detail, client.requests_sent() - before};
}

}  // namespace lamina
