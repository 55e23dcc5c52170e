#pragma once
// A private folder for one unpacked artifact (mode 0700 under $TMPDIR), removed with everything
// in it when the owner goes away: on success, on error (stack unwinding) and after an interrupt
// the scan command turns into a normal return.
#include <string>

namespace lamina {

class TempRoot {
 public:
  // Creates "<parent>/lamina-artifact-XXXXXX". Throws Error naming `parent` when it cannot.
  explicit TempRoot(const std::string& parent);
  ~TempRoot();
  TempRoot(const TempRoot&) = delete;
  TempRoot& operator=(const TempRoot&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace lamina
