#include "git/fix_command.h"

namespace lamina::git {
namespace {

std::string shell_word(const std::string& arg) {
  const bool plain = !arg.empty() && arg.find_first_not_of(
                                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789+-=_./:,@%") == std::string::npos;
  if (plain) return arg;
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string git_command_text(const std::vector<std::string>& args) {
  std::string text = "git";
  for (const std::string& arg : args) text += " " + shell_word(arg);
  return text;
}

std::string branch_refspec(const std::string& remote, const std::string& branch) {
  return "+refs/heads/" + branch + ":refs/remotes/" + remote + "/" + branch;
}

}  // namespace lamina::git
