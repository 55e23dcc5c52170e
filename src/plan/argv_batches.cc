#include "plan/argv_batches.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "catalog/placeholders.h"

extern char** environ;

namespace lamina {
namespace {

constexpr size_t kMargin = 4096;  // room for the runner's {out} path and its own additions

size_t argument_cost(std::string_view arg) {
  return arg.size() + 1 + sizeof(char*);
}

}  // namespace

size_t system_argument_space() {
  long arg_max = ::sysconf(_SC_ARG_MAX);
  size_t space = arg_max > 0 ? static_cast<size_t>(arg_max) : 131072;
  size_t environment = 0;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    environment += argument_cost(*entry);
  }
  return space > environment + kMargin ? space - environment - kMargin : 0;
}

std::string file_argument(std::string_view path) {
  return path.starts_with("-") ? "./" + std::string(path) : std::string(path);
}

std::vector<std::string> insert_extra_args(const std::vector<std::string>& command,
                                           const std::vector<std::string>& extra) {
  auto positional = std::find_if(
      command.begin() + (command.empty() ? 0 : 1), command.end(),
      [](const std::string& arg) { return arg == "--" || !placeholders_in(arg).empty(); });
  // "-u {target_url}": keep an option next to the value it takes.
  if (positional != command.end() && *positional != "--" && positional - command.begin() > 1 &&
      (positional - 1)->starts_with("-") && *(positional - 1) != "--") {
    --positional;
  }
  std::vector<std::string> argv(command.begin(), positional);
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.insert(argv.end(), positional, command.end());
  return argv;
}

std::vector<ArgvBatch> build_argv_batches(const std::vector<std::string>& command,
                                          const std::map<std::string, std::string>& values,
                                          const std::vector<std::string_view>& file_args,
                                          size_t arg_space) {
  std::vector<std::string> before, after;
  // "{out}" positions as (index in before/after, byte offset): only the template's own text is
  // marked, so a file named "config{out}.js" reaches the scanner as it is.
  std::vector<OutSlot> out_before, out_after;
  bool has_files = false;
  size_t fixed = 0;
  for (const std::string& arg : command) {
    if (arg == "{files}") {
      has_files = true;
      continue;
    }
    FilledArgument filled = fill_placeholders(arg, values);
    fixed += argument_cost(filled.text);
    std::vector<std::string>& side = has_files ? after : before;
    for (const auto& [at, name] : filled.unfilled) {
      if (name == "out") (has_files ? out_after : out_before).push_back({side.size(), at});
    }
    side.push_back(std::move(filled.text));
  }
  auto make = [&](size_t first, size_t count) {
    ArgvBatch batch{{}, out_before, first, count};
    batch.argv.reserve(before.size() + count + after.size());
    batch.argv = before;
    for (size_t i = first; i < first + count; ++i) batch.argv.emplace_back(file_args[i]);
    for (OutSlot slot : out_after)
      batch.out_slots.push_back({slot.arg + batch.argv.size(), slot.at});
    batch.argv.insert(batch.argv.end(), after.begin(), after.end());
    return batch;
  };
  if (!has_files) return {make(0, 0)};
  std::vector<ArgvBatch> batches;
  size_t room = arg_space > fixed ? arg_space - fixed : 0;
  size_t first = 0;
  while (first < file_args.size()) {
    size_t used = 0;
    size_t count = 0;
    // Always at least one file per batch, even one too long to fit: the tool then reports it.
    while (first + count < file_args.size() &&
           (count == 0 || used + argument_cost(file_args[first + count]) <= room)) {
      used += argument_cost(file_args[first + count]);
      ++count;
    }
    batches.push_back(make(first, count));
    first += count;
  }
  return batches;
}

}  // namespace lamina
