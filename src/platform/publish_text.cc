#include "platform/publish_text.h"

#include <zlib.h>

#include <set>

#include "outcome/gate.h"
#include "util/error.h"
#include "util/markdown.h"

namespace lamina {

std::vector<PlacedFinding> placed_findings(const ScanResult& scan, bool added_lines_only) {
  std::vector<PlacedFinding> placed;
  std::set<std::string> seen;
  for (const Finding* f : by_attention(scan.findings, scan.filter, scan.fail_on)) {
    GateStanding standing = gate_standing(*f, scan.filter, scan.fail_on);
    if (!is_counted(standing)) continue;
    if (f->location.path.empty() || f->location.region.start_line == 0) continue;
    if (added_lines_only && f->diff_position != DiffPosition::added_lines) continue;
    auto fp = f->fingerprints.find("lamina/v1");
    std::string fingerprint = fp == f->fingerprints.end() ? "" : fp->second;
    if (fingerprint.empty() || !seen.insert(fingerprint).second) continue;
    placed.push_back({f, fingerprint, standing == GateStanding::gating});
  }
  return placed;
}

std::string publish_marker(const ScanResult& scan, const std::string& kind,
                           const std::string& fingerprint) {
  std::string marker = std::string("<!-- lamina:") + to_string(scan.layer) + ":" + kind;
  if (!fingerprint.empty()) marker += ":" + fingerprint;
  return marker + " -->";
}

std::string marker_in(const std::string& body, const ScanResult& scan, const std::string& kind) {
  std::string prefix = std::string("<!-- lamina:") + to_string(scan.layer) + ":" + kind;
  size_t line = body.find_last_of('\n');
  std::string last = line == std::string::npos ? body : body.substr(line + 1);
  if (last.rfind(prefix, 0) != 0 || last.size() < 4 ||
      last.compare(last.size() - 4, 4, " -->") != 0)
    return "";
  return last;
}

std::string finding_comment(const ScanResult& scan, const PlacedFinding& placed) {
  const Finding& f = *placed.finding;
  std::string body = std::string("**") + (placed.gating ? "Fails the gate" : "Finding") + ": " +
                     to_string(f.severity) + "** · " + markdown_inert(f.tool, 100);
  if (!f.rule_id.empty()) body += " · " + markdown_inert(f.rule_id, 200);
  body += "\n\n" + markdown_inert(f.message, 3000) + "\n\n";
  body += publish_marker(scan, "finding", placed.fingerprint);
  return body;
}

std::string summary_comment(const ScanResult& scan, size_t max_bytes) {
  // No times or durations: an unchanged result gives the same text, so nothing is edited.
  const GateResult& g = scan.gate;
  std::string out = "### " + publish_name(scan) + ": " +
                    (scan.incomplete                      ? "incomplete (interrupted)"
                     : g.passed && g.failed_scanners == 0 ? "passed"
                     : g.passed                           ? "findings pass, scanners failed"
                                                          : "failed") +
                    "\n\n";
  out += std::to_string(g.gating) + " finding" + (g.gating == 1 ? "" : "s") +
         " fail the gate; counted: sev1 " + std::to_string(g.counted_by_severity[0]) + ", sev2 " +
         std::to_string(g.counted_by_severity[1]) + ", sev3 " +
         std::to_string(g.counted_by_severity[2]);
  if (g.in_baseline) out += "; " + std::to_string(g.in_baseline) + " in the baseline";
  if (g.suppressed) out += "; " + std::to_string(g.suppressed) + " suppressed by the tool";
  if (g.filtered_out) out += "; " + std::to_string(g.filtered_out) + " outside the change";
  if (g.failed_scanners) out += "; **" + std::to_string(g.failed_scanners) + " scanner(s) failed**";
  out += ".\n\n| scanner | result | findings |\n|---|---|---|\n";
  for (const ScannerOutcome& s : scan.scanners) {
    if (s.state == ScannerState::skipped) continue;
    out += "| " + markdown_inert(s.scanner_id, 100) + " | " + to_string(s.state) + " | " +
           std::to_string(s.finding_count) + " |\n";
  }
  std::vector<PlacedFinding> placed = placed_findings(scan, false);
  std::string marker = publish_marker(scan, "summary");
  if (!placed.empty()) out += "\n**Findings**\n\n";
  size_t listed = 0;
  for (const PlacedFinding& p : placed) {
    const Finding& f = *p.finding;
    std::string line = "- " + std::string(p.gating ? "fails the gate" : "counted") + " · " +
                       to_string(f.severity) + " · " + markdown_inert(f.location.path, 300) + ":" +
                       std::to_string(f.location.region.start_line) + " · " +
                       markdown_inert(f.tool, 80) + " " + markdown_inert(f.rule_id, 120) + ": " +
                       markdown_inert(f.message, 300) + "\n";
    if (out.size() + line.size() + marker.size() + 120 > max_bytes) break;
    out += line;
    ++listed;
  }
  if (listed < placed.size()) {
    out += "- … and " + std::to_string(placed.size() - listed) +
           " more in lamina.sarif and the check run\n";
  }
  return out + "\n" + marker;
}

std::string publish_name(const ScanResult& scan) {
  return std::string("lamina / ") + to_string(scan.layer);
}

std::string gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw Error("gzip: deflateInit2 failed");
  }
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw Error("gzip: deflate did not finish");
  return out;
}

}  // namespace lamina
