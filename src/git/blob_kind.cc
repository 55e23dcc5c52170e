#include "git/blob_kind.h"

#include <algorithm>

namespace lamina::git {

std::string_view blob_content(const git_blob* blob) {
  if (blob == nullptr) return {};
  return {static_cast<const char*>(git_blob_rawcontent(blob)),
          static_cast<size_t>(git_blob_rawsize(blob))};
}

bool blob_is_binary(const git_blob* blob) {
  return blob != nullptr && git_blob_is_binary(blob) == 1;
}

bool blob_is_lfs_pointer(const git_blob* blob) {
  // https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md: "Pointer files must be less than
  // 1024 bytes in size", and the version key comes first.
  constexpr std::string_view kVersionLine = "version https://git-lfs.github.com/spec/v1\n";
  if (blob == nullptr) return false;
  std::string_view content = blob_content(blob);
  return content.size() < 1024 && content.starts_with(kVersionLine);
}

uint32_t line_count(std::string_view content) {
  size_t lines = static_cast<size_t>(std::count(content.begin(), content.end(), '\n'));
  if (!content.empty() && content.back() != '\n') ++lines;
  return static_cast<uint32_t>(std::min<size_t>(lines, UINT32_MAX));
}

void classify_content(const git_blob* blob, FileChange* change) {
  change->binary = blob_is_binary(blob);
  change->lfs_pointer = blob_is_lfs_pointer(blob);
}

}  // namespace lamina::git
