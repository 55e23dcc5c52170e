#pragma once
// lamina's one exception type for fatal errors, caught once in main(). Everything a caller is
// expected to branch on is a return value instead.
#include <stdexcept>
#include <string>

namespace lamina {

// Process exit codes, the same for every command.
enum ExitCode : int {
  kExitPass = 0,           // gate passed, every scanner ran
  kExitGateFailed = 1,     // a finding at or above --fail-on
  kExitUsage = 2,          // usage, configuration or input error
  kExitScannerFailed = 3,  // a scanner crashed, timed out, was missing or printed garbage
};

// A fatal error that names what was wrong and how to fix it. `what()` is printed as
// "lamina: <what>" and the process exits with `exit_code()`.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int exit_code = kExitUsage)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace lamina
