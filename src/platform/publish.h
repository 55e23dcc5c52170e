#pragma once
// Writing a scan's result back where reviewers look (--publish LIST): GitHub check runs, review
// comments with a lifecycle, one summary comment edited in place, code scanning uploads; GitLab
// merge request discussions, one note edited in place, commit statuses. A publish failure never
// changes the gate's verdict: it is reported (and exits 3 only with --publish-required).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ci/ci_context.h"
#include "config/settings.h"
#include "outcome/scan_result.h"
#include "util/env.h"

namespace lamina {

enum class PublishTarget {
  annotations,    // workflow commands on stdout (GitHub; the default)
  check,          // GitHub check run "lamina / <layer>" with every counted finding
  review,         // GitHub review comments on added lines, one per finding
  comment,        // one summary comment on the PR / MR, edited in place
  code_scanning,  // GitHub code scanning SARIF upload
  discussion,     // GitLab MR discussions on the diff, resolved when fixed
  status,         // GitLab commit status per layer
  tickets,        // GitHub issues for the continuous layer's findings (src/platform/tickets.h)
};

const char* to_string(PublishTarget target);

// "check,review,comment" (or "none", or "") to targets. Throws Error (exit 2) naming the unknown
// name, the near miss and the valid names; a GitHub-only target on GitLab and the reverse too.
std::set<PublishTarget> parse_publish_list(const std::string& text, Provider provider);

// Where and as what to publish: read once from the environment.
struct PublishContext {
  Provider provider = Provider::local;
  std::string api_url;     // GITHUB_API_URL / CI_API_V4_URL
  std::string token;       // GITHUB_TOKEN / LAMINA_GITLAB_TOKEN; never printed
  std::string repository;  // owner/name; GitLab: the project path (or CI_PROJECT_ID)
  std::optional<long> pr_number;
  std::string head_sha;     // the PR's head commit (check runs, review comments attach to it)
  std::string commit_sha;   // the commit scanned (GITHUB_SHA: a PR's test merge commit)
  std::string ref;          // GITHUB_REF, for code scanning
  std::string sarif_path;   // lamina.sarif of this run, for code scanning
  std::string details_url;  // the job's URL, for the check run
  TicketSettings tickets;   // tickets: of .lamina.yml
  std::string codeowners;   // the repository's CODEOWNERS text, "" when none
  bool dry_run = false;     // tickets: plan and write tickets-plan.json, change nothing
};

// The context of this job; `missing` receives what a target needs and the environment lacks.
PublishContext publish_context(const CiContext& context, const EnvMap& env);

struct PublishOutcome {
  PublishTarget target = PublishTarget::annotations;
  bool ok = true;
  std::string detail;  // what was done ("check run 123: 57 annotations") or why it failed
  int requests = 0;    // HTTP requests made (retries included)
};

// Publishes `scan` to each target but `annotations` (written with the other reports). Network and
// API errors become failed outcomes, never exceptions.
// `ticket_plan` (may be nullptr) receives tickets-plan.json when tickets were planned.
std::vector<PublishOutcome> publish(const ScanResult& scan, const std::set<PublishTarget>& targets,
                                    const PublishContext& context, const EnvMap& env,
                                    std::string* ticket_plan = nullptr);

// Whether pull request `number` of the repository is open with `head_sha` at its head (GET
// /repos/{repo}/pulls/{number}): how `lamina publish` checks a number it read from a fork's
// artifact. When not, `why` says what the API answered.
bool pull_request_head_is(const PublishContext& context, long number, const std::string& head_sha,
                          const EnvMap& env, std::string* why);

}  // namespace lamina
