#pragma once
// Turning a command template into argvs: placeholders filled in, {files} split into batches that
// fit the system's argument limit, file names that can never be read as options.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "plan/plan.h"

namespace lamina {

// Bytes available for argv: sysconf(_SC_ARG_MAX) minus this process's environment (the child's
// environment is a subset of it) and a safety margin for the runner's {out} path.
size_t system_argument_space();

// A file name as an argument: "./-rf" for "-rf", so no tool can take it for an option.
std::string file_argument(std::string_view path);

// `command` with `extra` inserted before the first argument that is "--" or holds a placeholder
// (positional arguments come last), or before the option just ahead of such an argument
// ("-u {target_url}" stays together); appended when there is none.
std::vector<std::string> insert_extra_args(const std::vector<std::string>& command,
                                           const std::vector<std::string>& extra);

struct ArgvBatch {
  std::vector<std::string> argv;
  std::vector<OutSlot> out_slots;  // the template's "{out}"s, never one inside a file name
  size_t first_file = 0;           // index into the file list
  size_t file_count = 0;
};

// Fills placeholders from `values` ("{out}" is left for the runner, at `out_slots`) and expands
// "{files}" to
// `file_args`, in as few batches as fit in `arg_space` bytes (each argument costs its length,
// its NUL and its pointer). A template without {files} gives exactly one batch.
std::vector<ArgvBatch> build_argv_batches(const std::vector<std::string>& command,
                                          const std::map<std::string, std::string>& values,
                                          const std::vector<std::string_view>& file_args,
                                          size_t arg_space);

}  // namespace lamina
