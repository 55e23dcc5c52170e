#pragma once
// GitHub's publish targets, each one function over the REST API (shapes as in GitHub's OpenAPI
// description; tests/data/platform-apis/github-rest-subset.json).
#include "platform/http_client.h"
#include "platform/publish.h"

namespace lamina {

// A completed check run "lamina / <layer>" on the PR head: conclusion from the exit code, the
// summary, and every counted finding with a line as an annotation (50 per request: the first
// with the POST, the rest appended by PATCH).
PublishOutcome github_check(const ScanResult& scan, const PublishContext& context,
                            HttpClient& client);

// One summary comment on the PR, found again by its marker and edited in place (not at all when
// its text is unchanged).
PublishOutcome github_comment(const ScanResult& scan, const PublishContext& context,
                              HttpClient& client);

// Review comments on added lines, one per finding fingerprint: created when new, edited when the
// text changed, deleted when the finding is gone; only the first `max_shown` findings (by
// attention, so the same ones on every run) get one.
PublishOutcome github_review(const ScanResult& scan, const PublishContext& context,
                             HttpClient& client, size_t max_shown = 50);

// Uploads lamina.sarif to code scanning (gzip + base64, commit_sha, ref) and polls its processing
// status: a rejected upload is a failed outcome naming GitHub's errors.
PublishOutcome github_code_scanning(const ScanResult& scan, const PublishContext& context,
                                    HttpClient& client);

}  // namespace lamina
