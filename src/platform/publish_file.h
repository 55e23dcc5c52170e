#pragma once
// publish.json: what a pull_request job would publish, for a job with a write token to post.
// A pull request from a fork gets a read-only token, so its job writes this file into the report
// folder, the workflow uploads the folder as an artifact, and `lamina publish --input DIR` in a
// workflow_run job (which never checks out the pull request's code) posts it. The file comes from
// the fork's job: it is untrusted input, read strictly (types, sizes, counts, paths), rendered by
// lamina's own escapers, and checked against the workflow_run event before anything is posted.
#include <optional>
#include <set>
#include <string>

#include "outcome/scan_result.h"
#include "platform/publish.h"

namespace lamina {

// The findings a target shows (counted ones), the gate's counts, the scanners' states, and where
// they go (PR number, head and merge commits, ref, the API targets asked for).
std::string publish_file_json(const ScanResult& scan, const std::set<PublishTarget>& targets,
                              const PublishContext& context);

struct PublishFile {
  ScanResult scan;  // enough of it for every publish target
  long pr_number = 0;
  std::string head_sha;
  std::string commit_sha;
  std::string ref;
  std::set<PublishTarget> targets;
};

// Reads publish.json. Throws Error (exit 2) naming `name`, the field and what was expected.
PublishFile read_publish_file(const std::string& text, const std::string& name);

}  // namespace lamina
