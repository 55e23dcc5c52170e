#pragma once
// What a blob's content is, decided from the bytes alone: never from .gitattributes, which a
// pull request can commit to hide its files (`* binary`, `*.js -diff`).
#include <git2.h>

#include <cstdint>
#include <string_view>

#include "git/change_set.h"

namespace lamina::git {

// The bytes of `blob`; empty for nullptr (a side that does not exist).
std::string_view blob_content(const git_blob* blob);

// git's test on the content (a NUL byte, or mostly unprintable bytes, in the first 8000).
bool blob_is_binary(const git_blob* blob);

// A Git LFS pointer file: under 1024 bytes, starting with the spec's version line.
bool blob_is_lfs_pointer(const git_blob* blob);

// The number of lines in `content`, counted as a line diff does (a last line without '\n'
// counts).
uint32_t line_count(std::string_view content);

// Sets binary and lfs_pointer of `change` from its new content `blob`.
void classify_content(const git_blob* blob, FileChange* change);

}  // namespace lamina::git
