#pragma once
// The CI context from the environment map and the GitHub event payload's text: which provider,
// which event, and which commit range to scan, with one sentence saying why. Pure: the caller
// reads the environment (once, into the map) and the file event_payload_path() names.
//
// Provider: GITHUB_ACTIONS=true is GitHub, else GITLAB_CI=true is GitLab, else a local run.
// A GitHub pull_request, pull_request_target, push or merge_group run cannot choose its range
// without the payload: without it (GITHUB_EVENT_PATH unset or unreadable, passed as nullopt)
// detection throws lamina::Error naming GITHUB_EVENT_PATH and the fix. Other GitHub events scan
// every tracked file and do without it. A payload that is given is always validated: corrupt
// JSON, wrong types and missing fields the event needs throw lamina::Error naming the file and
// the field path.
#include <optional>
#include <string>

#include "ci/ci_context.h"
#include "util/env.h"

namespace lamina {

// Who chooses the commit range: the CI facts, or the command line (--all, --base with --head,
// --layer continuous; see resolve_ci_context). With `command_line`, only the run's identity
// (provider, event, repository, PR number, workspace, default branch, head) is read, so a
// missing payload or range variable is no error; the range is left as `full`.
enum class RangeSource { ci, command_line };

CiContext detect_ci_context(const EnvMap& env, const std::optional<std::string>& event_payload,
                            const std::string& cwd, RangeSource source = RangeSource::ci);

// The payload file GitHub names in GITHUB_EVENT_PATH, or nullopt when unset or empty.
std::optional<std::string> event_payload_path(const EnvMap& env);

}  // namespace lamina
