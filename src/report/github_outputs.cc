#include "report/github_outputs.h"

#include <fcntl.h>
#include <unistd.h>

#include <random>

#include "util/error.h"

namespace lamina {

std::vector<std::pair<std::string, std::string>> github_output_values(
    const ScanResult& scan, const std::string& sarif_path) {
  const GateResult& g = scan.gate;
  std::string failed;
  for (const ScannerOutcome& s : scan.scanners) {
    if (is_failure(s.state)) failed += (failed.empty() ? "" : ",") + s.scanner_id;
  }
  std::string gate = scan.incomplete         ? "incomplete"
                     : !g.passed             ? "fail"
                     : g.failed_scanners > 0 ? "scanner-failure"
                                             : "pass";
  // The counts are those the gate decided on (gate_standing(): filter, suppressions and baseline
  // applied), as the action's outputs describe them; findings-all is every finding.
  const size_t* counted = g.counted_by_severity;
  return {{"sarif", sarif_path},
          {"gate", gate},
          {"findings", std::to_string(counted[0] + counted[1] + counted[2])},
          {"findings-all", std::to_string(scan.findings.size())},
          {"sev1", std::to_string(counted[0])},
          {"sev2", std::to_string(counted[1])},
          {"sev3", std::to_string(counted[2])},
          {"failed-scanners", failed},
          {"not-covered", std::to_string(uncovered_file_count(scan.not_covered))}};
}

std::string github_output_text(const std::vector<std::pair<std::string, std::string>>& values,
                               const std::string& delimiter) {
  std::string out;
  for (const auto& [name, value] : values) {
    if (value.find(delimiter) != std::string::npos || name.find(delimiter) != std::string::npos) {
      throw Error("output " + name + " contains the delimiter; refusing to write $GITHUB_OUTPUT");
    }
    out += name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
  }
  return out;
}

std::string random_delimiter() {
  unsigned char bytes[16] = {};
  int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  bool ok = fd >= 0 && ::read(fd, bytes, sizeof bytes) == static_cast<ssize_t>(sizeof bytes);
  if (fd >= 0) ::close(fd);
  if (!ok) {
    std::random_device rd;
    for (unsigned char& b : bytes) b = static_cast<unsigned char>(rd());
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out = "ghadelimiter_";
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

}  // namespace lamina
