#include "report/report_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "report/github_annotations.h"
#include "report/github_outputs.h"
#include "report/gitlab_reports.h"
#include "report/sarif_writer.h"
#include "report/step_summary.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina {
namespace {

// $GITHUB_STEP_SUMMARY and $GITHUB_OUTPUT are shared by the job's steps: append, never replace.
void append_to(const std::string& path, const std::string& text, const char* what) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw Error(std::string("cannot write ") + what + " " + path + ": " + std::strerror(errno) +
                " (check the variable points at a writable file)");
  }
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string reason = std::strerror(errno);
      ::close(fd);
      throw Error(std::string("cannot write ") + what + " " + path + ": " + reason);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    throw Error(std::string("cannot write ") + what + " " + path + ": " + std::strerror(errno));
  }
}

std::string prefix_inside(const std::string& workspace, const std::string& repo_root) {
  if (workspace.empty() || repo_root.empty()) return "";
  std::error_code ec;
  auto ws = std::filesystem::weakly_canonical(workspace, ec);
  auto root = std::filesystem::weakly_canonical(repo_root, ec);
  auto rel = root.lexically_relative(ws);
  if (rel.empty() || rel == "." || rel.string().rfind("..", 0) == 0) return "";
  return rel.generic_string() + "/";
}

}  // namespace

ReportTargets report_targets_from(const EnvMap& env, const std::string& out_dir,
                                  const std::string& repo_root, bool github) {
  ReportTargets t;
  t.out_dir = out_dir;
  t.repo_root = repo_root;
  t.github = github;
  if (github) {
    t.step_summary_path = env_or_empty(env, "GITHUB_STEP_SUMMARY");
    t.output_path = env_or_empty(env, "GITHUB_OUTPUT");
    t.path_prefix = prefix_inside(env_or_empty(env, "GITHUB_WORKSPACE"), repo_root);
  }
  return t;
}

WrittenReports write_reports(const ScanResult& scan, const ReportTargets& t) {
  WrittenReports written;
  std::error_code ec;
  std::filesystem::create_directories(t.out_dir, ec);
  if (ec) throw Error("cannot create the report directory " + t.out_dir + ": " + ec.message());
  auto put = [&](const std::string& name, const std::string& text) {
    std::string path = t.out_dir + "/" + name;
    write_file_atomically(path, text);
    written.files.push_back(path);
  };
  SarifReport sarif = write_sarif(scan, t.repo_root);
  put("lamina.sarif", sarif.text);
  written.notes.insert(written.notes.end(), sarif.notes.begin(), sarif.notes.end());
  put("gl-code-quality-report.json", gitlab_code_quality(scan).text);
  for (const char* kind : kGitlabSecurityKinds) {
    std::string file = gitlab_report_file(kind);
    GitlabReport report = gitlab_security_report(scan, kind, scan.changes.head);
    put(file, report.text);
    if (report.skipped > 0) {
      written.notes.push_back(std::to_string(report.skipped) + " of " +
                              std::to_string(report.skipped + report.written) +
                              " findings left out of " + file + " (" + gitlab_skip_reason(kind) +
                              ")");
    }
  }
  if (t.github) {
    Annotations a = github_annotations(scan, t.path_prefix);
    written.annotations = a.commands;
    if (a.left_out > 0) {
      written.notes.push_back(
          std::to_string(a.left_out) + " of " + std::to_string(scan.findings.size()) +
          " findings not annotated (GitHub's per-step limit); see the job summary");
    }
    SummaryOptions options;
    options.sarif_path = t.out_dir + "/lamina.sarif";
    if (!t.step_summary_path.empty()) {
      append_to(t.step_summary_path, step_summary_markdown(scan, options), "$GITHUB_STEP_SUMMARY");
    }
    if (!t.output_path.empty()) {
      append_to(
          t.output_path,
          github_output_text(github_output_values(scan, options.sarif_path), random_delimiter()),
          "$GITHUB_OUTPUT");
    }
  }
  return written;
}

}  // namespace lamina
