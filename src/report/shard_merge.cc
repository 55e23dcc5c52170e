#include "report/shard_merge.h"

#include <algorithm>
#include <map>
#include <set>

#include "outcome/classify.h"  // kMaxFindingsPerScanner
#include "util/text.h"

namespace lamina {
namespace {

void join_scanner(ScannerOutcome& into, ScannerOutcome&& s) {
  if (s.state == ScannerState::skipped) return;
  if (into.state == ScannerState::skipped) {
    into = std::move(s);
    return;
  }
  if (state_rank(s.state) > state_rank(into.state)) {
    into.state = s.state;
    into.detail = s.detail;
  }
  into.start_time = std::min(into.start_time, s.start_time);
  into.end_time = std::max(into.end_time, s.end_time);
  into.finding_count += s.finding_count;
  for (RunResult& r : s.runs) into.runs.push_back(std::move(r));
  into.notes.insert(into.notes.end(), s.notes.begin(), s.notes.end());
  if (into.version.empty()) into.version = s.version;
}

// Shard numbers 1..total that `seen` lacks, as "2/3, 3/3".
std::string missing_shards(const std::set<size_t>& seen, size_t total) {
  std::string list;
  for (size_t i = 1; i <= total; ++i) {
    if (!seen.count(i)) list += (list.empty() ? "" : ", ") + to_string(ShardSpec{i, total});
  }
  return list;
}

// Problems with the set of shards as a whole; `shards` sorted by shard number.
std::vector<std::string> shard_set_problems(const std::vector<ShardInput>& shards) {
  std::vector<std::string> problems;
  const ShardFile& first = shards.front().file;
  std::set<size_t> seen;
  for (const ShardInput& in : shards) {
    const ShardFile& f = in.file;
    std::string which = "shard " + to_string(f.shard) + " (" + in_quotes(in.origin) + ")";
    if (f.shard.total != first.shard.total) {
      problems.push_back(which + " is one of " + std::to_string(f.shard.total) +
                         " shards, the first one given of " + std::to_string(first.shard.total));
      continue;
    }
    if (f.plan_fingerprint != first.plan_fingerprint || f.invocations != first.invocations ||
        f.scan.layer != first.scan.layer) {
      problems.push_back(which + " ran plan " + f.plan_fingerprint + ", not plan " +
                         first.plan_fingerprint + " of shard " + to_string(first.shard) +
                         ": shards of different commits, configurations or installed scanners");
      continue;
    }
    if (f.scan.changes.head != first.scan.changes.head ||
        f.scan.changes.base != first.scan.changes.base) {
      problems.push_back(which + " scanned " + f.scan.changes.base + ".." + f.scan.changes.head +
                         ", not " + first.scan.changes.base + ".." + first.scan.changes.head);
      continue;
    }
    if (!seen.insert(f.shard.index).second) problems.push_back(which + " is given twice");
    if (f.scan.incomplete)
      problems.push_back(which + " was interrupted: its reports are incomplete");
    if (f.exit_code == 2)
      problems.push_back(which + " could not write all of its reports (exit 2)");
  }
  if (seen.size() < first.shard.total) {
    problems.push_back("missing shard " + missing_shards(seen, first.shard.total) + " of " +
                       std::to_string(first.shard.total) +
                       ": its findings are unknown (did its job fail before writing "
                       "lamina-shard.json, or was its artifact not downloaded?)");
  }
  if (!problems.empty()) return problems;
  std::map<std::string, size_t> runs;
  for (const ShardInput& in : shards) {
    for (const std::string& id : in.file.ran) ++runs[id];
  }
  std::string not_run, twice;
  for (const std::string& id : first.invocations) {
    size_t n = runs.count(id) ? runs[id] : 0;
    if (n == 0) not_run += (not_run.empty() ? "" : ", ") + id;
    if (n > 1) twice += (twice.empty() ? "" : ", ") + id;
  }
  if (!not_run.empty()) problems.push_back("no shard ran " + one_line(not_run, 300));
  if (!twice.empty()) problems.push_back("more than one shard ran " + one_line(twice, 300));
  return problems;
}

}  // namespace

MergedShards merge_shards(std::vector<ShardInput> shards) {
  MergedShards out;
  if (shards.empty()) {
    out.problems.push_back("no shard given");
    return out;
  }
  std::stable_sort(shards.begin(), shards.end(), [](const ShardInput& a, const ShardInput& b) {
    return a.file.shard.index < b.file.shard.index;
  });
  out.problems = shard_set_problems(shards);
  ScanResult& scan = out.scan;
  const ShardFile& first = shards.front().file;
  scan.layer = first.scan.layer;
  scan.changes.base = first.scan.changes.base;
  scan.changes.head = first.scan.changes.head;
  scan.not_covered = first.scan.not_covered;
  std::map<std::string, size_t> index_of;  // scanner id -> position in scan.scanners
  std::chrono::milliseconds longest{-1};
  for (ShardInput& in : shards) {
    ScanResult& part = in.file.scan;
    for (ScannerOutcome& s : part.scanners) {
      auto [it, added] = index_of.emplace(s.scanner_id, scan.scanners.size());
      if (added) {
        scan.scanners.push_back(std::move(s));
      } else {
        join_scanner(scan.scanners[it->second], std::move(s));
      }
    }
    for (Finding& f : part.findings) scan.findings.push_back(std::move(f));
    scan.refused_paths += part.refused_paths;
    scan.incomplete = scan.incomplete || part.incomplete;
    if (in.file.wall > longest) {
      longest = in.file.wall;
      scan.critical_path = part.critical_path;
    }
  }
  // As one scan keeps them: at most kMaxFindingsPerScanner of each scanner, the rest counted.
  std::map<std::string, size_t> kept;
  std::erase_if(scan.findings,
                [&](const Finding& f) { return ++kept[f.tool] > kMaxFindingsPerScanner; });
  return out;
}

ScannerOutcome shard_failure(const std::vector<std::string>& problems) {
  ScannerOutcome s;
  s.scanner_id = kShardsScannerId;
  s.name = "lamina merge: shards of the scan";
  s.state = ScannerState::failed;
  for (const std::string& p : problems) s.detail += (s.detail.empty() ? "" : "; ") + p;
  s.start_time = s.end_time = std::chrono::system_clock::now();
  return s;
}

}  // namespace lamina
