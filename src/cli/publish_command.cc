// `lamina publish --input DIR`: the second half of publishing for a pull request from a fork. Its
// pull_request job has a read-only token, so `lamina scan --publish ...` wrote publish.json into
// the report folder and the workflow uploaded that folder; a workflow_run job (base repository
// code only, a write token) downloads it and runs this. Everything in the folder came from the
// fork's job, so it is checked before anything is posted: the head commit must be the one the
// workflow_run event names, and the pull request number must be a pull request of this
// repository whose head is that commit.
#include <iostream>

#include "ci/detect.h"
#include "ci/event_payload.h"
#include "cli/commands.h"
#include "platform/publish.h"
#include "platform/publish_file.h"
#include "report/report_writer.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/text.h"
#include "util/workflow_command.h"

namespace lamina {

int run_publish_command(const Options& options, const EnvMap& env) {
  const std::string event_name = env_or_empty(env, "GITHUB_EVENT_NAME");
  if (env_or_empty(env, "GITHUB_ACTIONS") != "true" || event_name != "workflow_run") {
    throw Error("lamina publish runs in a GitHub workflow_run job (this is " +
                (event_name.empty() ? std::string("not one") : in_quotes(event_name)) +
                "); in the pull_request job itself use lamina scan --publish");
  }
  const std::string dir = options.inputs.front();
  const std::string file_path = dir + "/" + kPublishFile;
  std::string error;
  std::optional<std::string> text = read_file(file_path, &error);
  if (!text) {
    throw Error(file_path + ": cannot read it (" + error +
                "); the pull_request job writes it when it runs lamina scan --publish on a pull "
                "request; upload its report folder as an artifact and download it here");
  }
  if (text->size() > 64 * 1024 * 1024) throw Error(file_path + ": larger than 64 MiB");
  PublishFile file = read_publish_file(*text, file_path);

  std::optional<std::string> payload_path = event_payload_path(env);
  std::optional<std::string> payload_text = payload_path ? read_file(*payload_path) : std::nullopt;
  if (!payload_text) throw Error("GITHUB_EVENT_PATH: cannot read the workflow_run event payload");
  EventPayload payload(*payload_text, *payload_path);
  std::string run_head = payload.sha_field("workflow_run.head_sha");
  if (run_head != file.head_sha) {
    throw Error(file_path + ": head_sha " + file.head_sha + " is not the head commit of the run " +
                "that triggered this workflow (" + run_head + "): refusing to publish it");
  }

  CiContext github;
  github.provider = Provider::github;
  PublishContext c = publish_context(github, env);
  c.pr_number = file.pr_number;
  c.head_sha = file.head_sha;
  c.commit_sha = file.commit_sha;
  c.ref = file.ref;
  c.sarif_path = dir + "/" + kSarifFile;
  std::set<PublishTarget> targets = file.targets;
  if (options.publish) targets = parse_publish_list(*options.publish, Provider::github);
  std::string why;
  if (!pull_request_head_is(c, file.pr_number, file.head_sha, env, &why)) {
    throw Error(file_path + ": pull request #" + std::to_string(file.pr_number) + " " + why +
                ": refusing to publish");
  }
  bool failed = false;
  for (const PublishOutcome& o : publish(file.scan, targets, c, env)) {
    failed = failed || !o.ok;
    std::cerr << log_text(true, std::string("lamina: publish ") + to_string(o.target) + ": " +
                                    (o.ok ? "" : "FAILED: ") + printable(o.detail) + " (" +
                                    std::to_string(o.requests) + " requests)\n");
  }
  return failed ? kExitScannerFailed : kExitPass;
}

}  // namespace lamina
