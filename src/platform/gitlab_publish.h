#pragma once
// GitLab's publish targets over its REST API v4 (request shapes as GitLab documents them:
// tests/data/platform-apis/gitlab-doc-api-*.md and the commit statuses OpenAPI subset).
#include "platform/http_client.h"
#include "platform/publish.h"

namespace lamina {

// "/projects/42", or "/projects/group%2Fproject" for a path: the project (CI_PROJECT_ID when
// numeric, else CI_PROJECT_PATH) as the API's path segment.
std::string gitlab_project_path(const std::string& project);

// One note on the merge request, found again by its marker and edited in place.
PublishOutcome gitlab_comment(const ScanResult& scan, const PublishContext& context,
                              HttpClient& client);

// A commit status "lamina / <layer>" on the commit scanned: success or failed.
PublishOutcome gitlab_status(const ScanResult& scan, const PublishContext& context,
                             HttpClient& client);

// A diff discussion per finding on an added line (position from the MR's diff_refs): created when
// new, its note edited when the text changed, resolved when the finding is gone, unresolved when
// it comes back; only the first `max_shown` findings (by attention, so the same
// ones on every run) get one.
PublishOutcome gitlab_discussion(const ScanResult& scan, const PublishContext& context,
                                 HttpClient& client, size_t max_shown = 50);

}  // namespace lamina
