#include "platform/publish.h"

#include <nlohmann/json.hpp>
#include "catalog/near_miss.h"
#include "platform/github_publish.h"
#include "platform/gitlab_publish.h"
#include "platform/http_client.h"
#include "platform/tickets.h"

#include "util/error.h"
#include "util/text.h"
#include "version.h"

namespace lamina {
namespace {

struct TargetName {
  const char* name;
  PublishTarget target;
  bool github;
  bool gitlab;
};

constexpr TargetName kTargets[] = {
    {"annotations", PublishTarget::annotations, true, false},
    {"check", PublishTarget::check, true, false},
    {"review", PublishTarget::review, true, false},
    {"comment", PublishTarget::comment, true, true},
    {"code-scanning", PublishTarget::code_scanning, true, false},
    {"discussion", PublishTarget::discussion, false, true},
    {"status", PublishTarget::status, false, true},
    {"tickets", PublishTarget::tickets, true, true},
};

std::string trimmed(std::string text) {
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  return text;
}

std::unique_ptr<HttpClient> make_client(const PublishContext& c, const EnvMap& env) {
  HttpClientOptions options;
  options.base_url = c.api_url;
  if (c.provider == Provider::github) {
    options.auth_header = "Authorization";
    options.auth_value = "Bearer " + c.token;
    options.headers = {{"Accept", "application/vnd.github+json"},
                       {"X-GitHub-Api-Version", "2022-11-28"},
                       {"User-Agent", std::string("lamina/") + kVersion}};
  } else {
    options.auth_header = "PRIVATE-TOKEN";
    options.auth_value = c.token;
    options.headers = {{"User-Agent", std::string("lamina/") + kVersion}};
  }
  return std::make_unique<HttpClient>(options, env);
}

}  // namespace

const char* to_string(PublishTarget target) {
  for (const TargetName& t : kTargets) {
    if (t.target == target) return t.name;
  }
  return "?";
}

std::set<PublishTarget> parse_publish_list(const std::string& text, Provider provider) {
  std::set<PublishTarget> targets;
  std::vector<std::string> names;
  for (const TargetName& t : kTargets) names.push_back(t.name);
  names.push_back("none");
  size_t start = 0;
  bool none = false;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string name = trimmed(text.substr(start, end - start));
    start = end + 1;
    if (name.empty()) continue;
    if (name == "none") {
      none = true;
      continue;
    }
    const TargetName* found = nullptr;
    for (const TargetName& t : kTargets) {
      if (name == t.name) found = &t;
    }
    if (!found) {
      throw Error(
          "--publish: unknown target " + in_quotes(name) + did_you_mean(name, names) +
          "; expected a comma-separated list of annotations, check, review, comment, "
          "code-scanning (GitHub), discussion, status (GitLab), comment, tickets (both), or none");
    }
    if (provider == Provider::github && !found->github) {
      throw Error("--publish " + std::string(found->name) +
                  ": a GitLab target, and this job runs on GitHub Actions (GitHub's: annotations, "
                  "check, review, comment, code-scanning, tickets)");
    }
    if (provider == Provider::gitlab && !found->gitlab) {
      throw Error("--publish " + std::string(found->name) +
                  ": a GitHub target, and this job runs on GitLab CI (GitLab's: discussion, "
                  "comment, status, tickets)");
    }
    targets.insert(found->target);
  }
  if (none && !targets.empty()) {
    throw Error("--publish: \"none\" cannot be combined with other targets");
  }
  return targets;
}

PublishContext publish_context(const CiContext& context, const EnvMap& env) {
  PublishContext c;
  c.provider = context.provider;
  c.pr_number = context.pr_number;
  if (context.provider == Provider::github) {
    c.api_url = env_or_empty(env, "GITHUB_API_URL");
    if (c.api_url.empty()) c.api_url = "https://api.github.com";
    c.token = env_or_empty(env, "GITHUB_TOKEN");
    c.repository = env_or_empty(env, "GITHUB_REPOSITORY");
    c.commit_sha = env_or_empty(env, "GITHUB_SHA");
    c.head_sha = context.pr_head_sha.empty() ? c.commit_sha : context.pr_head_sha;
    c.ref = env_or_empty(env, "GITHUB_REF");
    std::string server = env_or_empty(env, "GITHUB_SERVER_URL");
    std::string run = env_or_empty(env, "GITHUB_RUN_ID");
    if (!server.empty() && !run.empty() && !c.repository.empty()) {
      c.details_url = server + "/" + c.repository + "/actions/runs/" + run;
    }
  } else if (context.provider == Provider::gitlab) {
    c.api_url = env_or_empty(env, "CI_API_V4_URL");
    if (c.api_url.empty() && !env_or_empty(env, "CI_SERVER_URL").empty()) {
      c.api_url = env_or_empty(env, "CI_SERVER_URL") + "/api/v4";
    }
    c.token = env_or_empty(env, "LAMINA_GITLAB_TOKEN");
    if (c.token.empty()) c.token = env_or_empty(env, "GITLAB_TOKEN");
    c.repository = env_or_empty(env, "CI_PROJECT_ID");
    if (c.repository.empty()) c.repository = env_or_empty(env, "CI_PROJECT_PATH");
    c.commit_sha = env_or_empty(env, "CI_COMMIT_SHA");
    c.head_sha = c.commit_sha;
    c.details_url = env_or_empty(env, "CI_JOB_URL");
  }
  return c;
}

std::vector<PublishOutcome> publish(const ScanResult& scan, const std::set<PublishTarget>& targets,
                                    const PublishContext& c, const EnvMap& env,
                                    std::string* ticket_plan) {
  std::vector<PublishOutcome> outcomes;
  std::vector<PublishTarget> api_targets;
  for (PublishTarget t : targets) {
    if (t != PublishTarget::annotations) api_targets.push_back(t);
  }
  if (api_targets.empty()) return outcomes;
  auto fail_all = [&](const std::string& why) {
    for (PublishTarget t : api_targets) outcomes.push_back({t, false, why, 0});
    return outcomes;
  };
  if (c.provider == Provider::local) return fail_all("not in a CI job: nothing to publish to");
  if (c.token.empty()) {
    return fail_all(c.provider == Provider::github
                        ? "no GITHUB_TOKEN in the environment (the action passes its github-token "
                          "input as GITHUB_TOKEN)"
                        : "no LAMINA_GITLAB_TOKEN (or GITLAB_TOKEN) in the environment: a project "
                          "access token with the api scope (CI_JOB_TOKEN cannot write notes)");
  }
  if (c.repository.empty()) {
    return fail_all(c.provider == Provider::github ? "GITHUB_REPOSITORY is unset"
                                                   : "CI_PROJECT_ID is unset");
  }
  std::unique_ptr<HttpClient> client;
  try {
    client = make_client(c, env);
  } catch (const Error& e) {
    return fail_all(e.what());
  }
  for (PublishTarget t : api_targets) {
    int before = client->requests_sent();
    try {
      switch (t) {
        case PublishTarget::check:
          outcomes.push_back(github_check(scan, c, *client));
          break;
        case PublishTarget::review:
          outcomes.push_back(github_review(scan, c, *client));
          break;
        case PublishTarget::code_scanning:
          outcomes.push_back(github_code_scanning(scan, c, *client));
          break;
        case PublishTarget::comment:
          outcomes.push_back(c.provider == Provider::github ? github_comment(scan, c, *client)
                                                            : gitlab_comment(scan, c, *client));
          break;
        case PublishTarget::discussion:
          outcomes.push_back(gitlab_discussion(scan, c, *client));
          break;
        case PublishTarget::status:
          outcomes.push_back(gitlab_status(scan, c, *client));
          break;
        case PublishTarget::tickets: {
          std::string plan;
          outcomes.push_back(
              publish_tickets(scan, c, *client, c.tickets, c.codeowners, c.dry_run, &plan));
          if (ticket_plan) *ticket_plan = std::move(plan);
          break;
        }
        case PublishTarget::annotations:
          break;
      }
    } catch (const std::exception& e) {
      outcomes.push_back({t, false, client->redact(e.what()), client->requests_sent() - before});
    }
  }
  return outcomes;
}

bool pull_request_head_is(const PublishContext& c, long number, const std::string& head_sha,
                          const EnvMap& env, std::string* why) {
  if (c.token.empty() || c.repository.empty()) {
    *why = "cannot be checked: GITHUB_TOKEN or GITHUB_REPOSITORY is unset";
    return false;
  }
  std::unique_ptr<HttpClient> client = make_client(c, env);
  HttpRequest get{"GET", "/repos/" + c.repository + "/pulls/" + std::to_string(number), ""};
  HttpResponse r = client->send(get);
  if (r.status != 200) {
    *why = "could not be read: " + describe_failure(*client, get, r);
    return false;
  }
  nlohmann::json pull = nlohmann::json::parse(r.body, nullptr, false);
  std::string head, state;
  if (pull.is_object() && pull.contains("head") && pull["head"].is_object() &&
      pull["head"].contains("sha") && pull["head"]["sha"].is_string()) {
    head = pull["head"]["sha"].get<std::string>();
  }
  if (pull.is_object() && pull.contains("state") && pull["state"].is_string()) {
    state = pull["state"].get<std::string>();
  }
  if (head != head_sha) {
    *why = "has head " + one_line(head.empty() ? "(none)" : head, 64) + ", not " + head_sha;
    return false;
  }
  if (state != "open") {
    *why = "is " + one_line(state.empty() ? "(no state)" : state, 20) + ", not open";
    return false;
  }
  return true;
}

}  // namespace lamina
