#pragma once
// The private temporary directory of one run: scanners' TMPDIR, output spools and {out} files.
#include <string>

namespace lamina {

class RunDirectory {
 public:
  // Creates <root>/lamina-run-XXXXXX (mode 0700) with tmp/ inside. Throws Error naming `root`
  // when it cannot.
  explicit RunDirectory(const std::string& root);
  // Removes the directory and everything in it.
  ~RunDirectory();
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;

  const std::string& path() const { return path_; }
  std::string tmp() const { return path_ + "/tmp"; }
  // A path in the directory for invocation `index`; `label` is reduced to [A-Za-z0-9._-].
  std::string file_for(size_t index, const std::string& label, const std::string& suffix) const;

 private:
  std::string path_;
};

// $TMPDIR, or /tmp when unset or empty.
std::string default_temp_root(const std::string& tmpdir_value);

}  // namespace lamina
