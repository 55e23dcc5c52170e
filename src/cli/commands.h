#pragma once
// One function per lamina command: Options + environment in, exit code out. Each throws Error
// for usage, configuration and input errors (exit 2).
#include "cli/options.h"
#include "util/env.h"

namespace lamina {

int run_command(const Options& options, const EnvMap& env);

int run_plan_command(const Options& options, const EnvMap& env);
// `lamina init`: .lamina.yml and the CI files (cli/init_command.cc). Exit 2 for a file that exists
// without --force.
int run_init_command(const Options& options, const EnvMap& env);
int run_scan_command(const Options& options, const EnvMap& env);
int run_report_command(const Options& options, const EnvMap& env);
int run_publish_command(const Options& options, const EnvMap& env);
// `lamina tickets --input X.sarif`: run_report_command() over every tracked file, publishing to
// tickets (unless --publish names targets).
int run_tickets_command(const Options& options, const EnvMap& env);
// `lamina merge DIR...`: the report folders of `lamina scan --shard I/N` jobs as one scan's
// reports, gate and exit code (cli/merge_command.cc).
int run_merge_command(const Options& options, const EnvMap& env);

}  // namespace lamina
