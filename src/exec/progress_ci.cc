// The CI log observers: GitHub groups and GitLab collapsible sections.
#include <cctype>
#include <chrono>

#include "exec/progress.h"
#include "util/workflow_command.h"

namespace lamina {
namespace {

long long unix_seconds(std::chrono::system_clock::time_point when) {
  return std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
}

// GitLab section names allow [A-Za-z0-9_.-].
std::string section_name(const RunResult& result) {
  std::string name = "lamina_" + std::to_string(result.index) + "_";
  for (char c : result.invocation.scanner_id) {
    name += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '_';
  }
  return name + "_" + random_token().substr(0, 12);
}

// A section header is one line; control characters would end or garble it.
std::string one_line(const std::string& text) {
  std::string line = text;
  for (char& c : line) {
    if (std::iscntrl(static_cast<unsigned char>(c))) c = ' ';
  }
  return line;
}

}  // namespace

GithubProgress::GithubProgress(std::ostream& out, ResultSummary summary)
    : out_(out), summary_(std::move(summary)) {}

void GithubProgress::on_finish(const RunResult& result) {
  std::string token = random_token();
  out_ << "::group::" << escape_command_data(result_line(result, summary_)) << "\n"
       << "::stop-commands::" << token << "\n"
       << raw_output_block(result) << "::" << token << "::\n"
       << "::endgroup::\n"
       << std::flush;
}

GitlabProgress::GitlabProgress(std::ostream& out, ResultSummary summary)
    : out_(out), summary_(std::move(summary)) {}

void GitlabProgress::on_finish(const RunResult& result) {
  std::string name = section_name(result);
  out_ << "\x1b[0Ksection_start:" << unix_seconds(result.start_time) << ":" << name
       << "[collapsed=true]\r\x1b[0K" << one_line(result_line(result, summary_)) << "\n"
       << raw_output_block(result) << "\x1b[0Ksection_end:" << unix_seconds(result.end_time) << ":"
       << name << "\r\x1b[0K\n"
       << std::flush;
}

}  // namespace lamina
