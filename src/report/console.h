#pragma once
// The console report, always written: compiler-style finding lines, sorted, then a one-screen
// summary (scanners run / skipped / failed, findings by severity in and out of the diff, the
// verdict, the exit code's meaning, where the reports are). Hostile text is made inert with
// printable(); colour only when asked (a terminal without NO_COLOR).
#include <string>
#include <vector>

#include "outcome/scan_result.h"

namespace lamina {

std::string console_findings(const ScanResult& scan, bool color);
// One line per scanner that ran or failed; the skipped ones in one summary line (each on a line
// of its own with `verbose`).
std::string console_summary(const ScanResult& scan, const std::vector<std::string>& report_paths,
                            bool color, bool verbose = false);

// Meaning of an exit code, e.g. "1: the gate failed".
std::string exit_code_meaning(int code);

}  // namespace lamina
