#pragma once
// Credentials a CI checkout leaves in the repository's git configuration, held out of it while
// scanners run: actions/checkout's `http.<url>.extraheader = AUTHORIZATION: basic ...` (in
// .git/config, or in a file it includes), and GitLab's `https://gitlab-ci-token:<CI_JOB_TOKEN>@`
// remote URL. A scanner runs as lamina's user and can read any file lamina can, so the only way
// to keep these from it without a second user or a namespace is for them not to be on disk.
#include <string>
#include <string_view>
#include <vector>

namespace lamina::git {

// `config_text` (git config syntax) without credentials: every `extraheader` entry removed (with
// its continuation lines) and the user information of every URL ("scheme://user:secret@host")
// removed, in values and in section names alike. Everything else is kept byte for byte.
std::string without_credentials(std::string_view config_text);

// True when `config_text`, as git parses it, still holds a credential of either kind.
bool holds_credentials(std::string_view config_text);

class HeldCredentials {
 public:
  // Rewrites the configuration files of the repository at `repo_root` (its config, and the files
  // that config includes) without credentials, keeping their original bytes in memory only.
  // Nothing is written when none holds one. Throws Error (exit 3, files restored) when a
  // credential cannot be removed or a file cannot be rewritten.
  explicit HeldCredentials(const std::string& repo_root);
  // Writes the original bytes back.
  ~HeldCredentials();
  HeldCredentials(const HeldCredentials&) = delete;
  HeldCredentials& operator=(const HeldCredentials&) = delete;

  // The files rewritten, e.g. "/w/repo/.git/config".
  std::vector<std::string> files() const;

 private:
  struct Held {
    std::string path;
    std::string original;
  };
  void restore() noexcept;
  std::vector<Held> held_;
};

}  // namespace lamina::git
