#include "plan/shebang.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lamina {

static_assert(AT_FDCWD == -100, "shebang.h spells AT_FDCWD as -100");

namespace {

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string shebang_interpreter(std::string_view first_line) {
  if (!first_line.starts_with("#!")) return "";
  if (!first_line.empty() && first_line.back() == '\r') first_line.remove_suffix(1);
  std::vector<std::string_view> words = split_words(first_line.substr(2));
  if (words.empty()) return "";
  std::string_view program = base_name(words[0]);
  if (program != "env") return std::string(program);
  // "#!/usr/bin/env -S bash -e", "#!/usr/bin/env LANG=C python3": skip options and assignments.
  for (size_t i = 1; i < words.size(); ++i) {
    if (words[i].starts_with("-") || words[i].find('=') != std::string_view::npos) continue;
    return std::string(base_name(words[i]));
  }
  return "";
}

std::string read_first_line(const std::string& path, int dir_fd) {
  int fd = ::openat(dir_fd, path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return "";
  struct stat st {};
  char buffer[256];
  ssize_t n = 0;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) n = ::read(fd, buffer, sizeof buffer);
  ::close(fd);
  if (n <= 0) return "";
  std::string_view text(buffer, static_cast<size_t>(n));
  return std::string(text.substr(0, text.find('\n')));
}

std::string matching_interpreter(std::string_view interpreter,
                                 const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (!interpreter.starts_with(name)) continue;
    std::string_view rest = interpreter.substr(name.size());
    if (rest.find_first_not_of("0123456789.") == std::string_view::npos) return name;
  }
  return "";
}

}  // namespace lamina
