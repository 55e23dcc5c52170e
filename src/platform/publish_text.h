#pragma once
// What every publish target says about a finding and a scan, in one place: the findings a
// reviewer is shown (counted by the gate, placed on a line), their comment bodies with the hidden
// marker that finds them again on the next run, and the bounded summary.
#include <string>
#include <vector>

#include "outcome/scan_result.h"

namespace lamina {

struct PlacedFinding {
  const Finding* finding = nullptr;
  std::string fingerprint;  // lamina/v1: the same finding on every run
  bool gating = false;
};

// Counted findings with a file and a line, in attention order, one per fingerprint. With
// `added_lines_only`, only those on lines the change adds (review comments, MR discussions).
std::vector<PlacedFinding> placed_findings(const ScanResult& scan, bool added_lines_only);

// "<!-- lamina:inline:finding:<fingerprint> -->": how a comment is recognised as the one for a
// finding. `kind` is "finding" or "summary".
std::string publish_marker(const ScanResult& scan, const std::string& kind,
                           const std::string& fingerprint = "");

// The marker in `body`'s last line when it is one of this layer's, else "".
std::string marker_in(const std::string& body, const ScanResult& scan, const std::string& kind);

// A review comment / discussion body: severity, tool, rule (linked to its help), the message, all
// Markdown-inert, then the marker.
std::string finding_comment(const ScanResult& scan, const PlacedFinding& placed);

// The verdict, the scanners and the findings, in at most `max_bytes` of Markdown with no times (an
// unchanged result gives the same text, so nothing is edited), then the marker.
std::string summary_comment(const ScanResult& scan, size_t max_bytes);

// "lamina / inline": the check run's and commit status's name.
std::string publish_name(const ScanResult& scan);

// gzip of `data` (RFC 1952), for code scanning uploads.
std::string gzip(const std::string& data);

}  // namespace lamina
