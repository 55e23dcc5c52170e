#pragma once
// Which kinds of check no scanner performed on which changed files: a changed lockfile with no
// dependency scanner installed, or a changed .lua file no catalog entry reads, is "not covered",
// said on the console, in the summary and in SARIF, never a silent PASS.
#include <string_view>
#include <vector>

#include "catalog/scanner_spec.h"
#include "git/change_set.h"
#include "plan/plan.h"

namespace lamina {

// The changed files no catalog entry of the layer reads, apart from the secret scanners (which
// read every file), of a type lamina counts (plan/file_types.h); deleted, binary and excluded
// files aside. `matched[i]` are the files scanner `specs[i]` matched, enabled or not. Empty for
// a layer whose scanners read no changed file (pre-deploy, post-deploy).
std::vector<std::string_view> files_no_entry_reads(
    const std::vector<const ScannerSpec*>& specs,
    const std::vector<std::vector<FileMatch>>& matched, const ChangeSet& changes,
    const std::vector<Exclusion>& exclusions);

// `specs[i]` is the catalog entry of `decisions[i]`. A file is uncovered for a kind of check
// when a scanner of that kind matched it but is not installed, and no scanner of the same kind
// that runs was given it; or when it is in `unread` (files_no_entry_reads) and its type calls for
// the kind. Disabled scanners are the user's choice and count for nothing. One gap per kind and
// file type, ordered by kind then type.
std::vector<CoverageGap> coverage_gaps(const std::vector<const ScannerSpec*>& specs,
                                       const std::vector<ScannerDecision>& decisions,
                                       const std::vector<std::string_view>& unread = {});

}  // namespace lamina
