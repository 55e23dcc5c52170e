#include "git/persisted_credentials.h"

#include <git2.h>
#include <sys/stat.h>

#include <cctype>
#include <cstdlib>
#include <iostream>

#include "git/repository.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lamina::git {
namespace {

// Replaces the file at `path` whole (a reader sees the old bytes or the new), through its folder
// opened by descriptor.
void replace_file(const std::string& path, const std::string& data) {
  size_t slash = path.rfind('/');
  std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  std::string name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  Folder::open(folder).write_atomically(name, data);
}

bool is_scheme_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

// "https://user:secret@host/x" -> "https://host/x", for every URL in `line`.
std::string without_url_userinfo(std::string line) {
  for (size_t at = line.find("://"); at != std::string::npos; at = line.find("://", at + 3)) {
    if (at == 0 || !is_scheme_char(line[at - 1])) continue;
    size_t host = at + 3;
    size_t end = line.find_first_of("/@ \t\"\\\r\n;#]", host);
    if (end != std::string::npos && line[end] == '@') line.erase(host, end + 1 - host);
  }
  return line;
}

// The length of a leading "[section \"sub\"]" header of `line` (after blanks), 0 when none.
size_t header_length(std::string_view line) {
  size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos || line[i] != '[') return 0;
  bool quoted = false;
  for (++i; i < line.size(); ++i) {
    if (quoted && line[i] == '\\') {
      ++i;
    } else if (line[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && line[i] == ']') {
      return i + 1;
    }
  }
  return 0;
}

bool is_extraheader_entry(std::string_view entry) {
  size_t start = entry.find_first_not_of(" \t");
  if (start == std::string_view::npos) return false;
  size_t end = start;
  while (end < entry.size() &&
         (std::isalnum(static_cast<unsigned char>(entry[end])) || entry[end] == '-')) {
    ++end;
  }
  std::string key(entry.substr(start, end - start));
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key == "extraheader";
}

bool continues(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return !line.empty() && line.back() == '\\';
}

bool has_url_userinfo(const char* text) {
  return text != nullptr && without_url_userinfo(text) != text;
}

// The entries of the one file at `path`, as libgit2 parses it; `visit` returns false to stop.
template <typename Visit>
void for_each_entry(const std::string& path, Visit visit) {
  git_config* config = nullptr;
  if (git_config_open_ondisk(&config, path.c_str()) != 0) {
    throw Error("git configuration " + path + ": cannot be read to hold its credentials",
                kExitScannerFailed);
  }
  git_config_iterator* it = nullptr;
  git_config_entry* entry = nullptr;
  if (git_config_iterator_new(&it, config) == 0) {
    while (git_config_next(&entry, it) == 0 && visit(*entry)) {
    }
    git_config_iterator_free(it);
  }
  git_config_free(config);
}

bool file_holds_credentials(const std::string& path) {
  bool found = false;
  for_each_entry(path, [&](const git_config_entry& e) {
    std::string name = e.name;
    bool header = name.rfind("http.", 0) == 0 && name.size() > 12 &&
                  name.compare(name.size() - 12, 12, ".extraheader") == 0;
    found = header || has_url_userinfo(e.name) || has_url_userinfo(e.value);
    return !found;
  });
  return found;
}

// The repository's config and the files it includes (`include.path`, `includeIf.*.path`:
// actions/checkout v6 keeps its header in one under $RUNNER_TEMP).
std::vector<std::string> config_files(const std::string& repo_root) {
  RepositoryPtr repo = open_checkout(repo_root);
  std::string dir = git_repository_commondir(repo.get());
  std::vector<std::string> files = {dir + "config"};
  struct stat st {};
  if (::stat(files[0].c_str(), &st) != 0) return {};
  for_each_entry(files[0], [&](const git_config_entry& e) {
    std::string name = e.name;
    bool include =
        name == "include.path" || (name.rfind("includeif.", 0) == 0 && name.size() > 15 &&
                                   name.compare(name.size() - 5, 5, ".path") == 0);
    if (!include || e.value == nullptr) return true;
    std::string path = e.value;
    const char* home = std::getenv("HOME");
    if (path.rfind("~/", 0) == 0 && home != nullptr) path = home + path.substr(1);
    if (!path.empty() && path[0] != '/') path = dir + path;
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) files.push_back(path);
    return true;
  });
  return files;
}

}  // namespace

std::string without_credentials(std::string_view config_text) {
  std::string out;
  bool in_dropped_value = false;
  size_t start = 0;
  while (start < config_text.size()) {
    size_t end = config_text.find('\n', start);
    end = end == std::string_view::npos ? config_text.size() : end + 1;
    std::string_view raw = config_text.substr(start, end - start);
    start = end;
    if (in_dropped_value) {
      in_dropped_value = continues(raw);
      continue;
    }
    std::string line = without_url_userinfo(std::string(raw));
    size_t header = header_length(line);
    if (is_extraheader_entry(std::string_view(line).substr(header))) {
      in_dropped_value = continues(line);
      if (header > 0) out += line.substr(0, header) + "\n";
      continue;
    }
    out += line;
  }
  return out;
}

HeldCredentials::HeldCredentials(const std::string& repo_root) {
  std::vector<std::string> files = config_files(repo_root);
  try {
    for (const std::string& path : files) {
      std::optional<std::string> text = read_file(path);
      if (!text) continue;
      std::string scrubbed = without_credentials(*text);
      if (scrubbed == *text) continue;
      struct stat st {};
      bool has_mode = ::stat(path.c_str(), &st) == 0;
      held_.push_back({path, std::move(*text)});
      replace_file(path, scrubbed);
      if (has_mode) ::chmod(path.c_str(), st.st_mode & 07777);
    }
    for (const std::string& path : files) {
      if (file_holds_credentials(path)) {
        throw Error("git configuration " + path +
                        ": holds a credential (an http extraheader or a URL with a user and "
                        "password) that lamina could not take out while the scanners run, so "
                        "none was started; remove it (actions/checkout: persist-credentials: "
                        "false)",
                    kExitScannerFailed);
      }
    }
  } catch (const Error& e) {
    restore();
    throw Error(e.what(), kExitScannerFailed);
  }
}

HeldCredentials::~HeldCredentials() {
  restore();
}

void HeldCredentials::restore() noexcept {
  for (const Held& h : held_) {
    try {
      struct stat st {};
      bool has_mode = ::stat(h.path.c_str(), &st) == 0;
      replace_file(h.path, h.original);
      if (has_mode) ::chmod(h.path.c_str(), st.st_mode & 07777);
    } catch (const std::exception& e) {
      // Nothing leaks: the credentials are only missing, and a later step that needs them fails.
      std::cerr << "lamina: could not put the held git credentials back: " << e.what() << "\n";
    }
  }
  held_.clear();
}

std::vector<std::string> HeldCredentials::files() const {
  std::vector<std::string> paths;
  for (const Held& h : held_) paths.push_back(h.path);
  return paths;
}

}  // namespace lamina::git
