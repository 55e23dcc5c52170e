#pragma once
// Where a scanner writes the output lamina parses: its stdout, or the file its argv names with
// {out}. A catalog entry says which; the plan and the runner carry it to the parser.
namespace lamina {

enum class OutputSource { stdout_stream, out_file };

}  // namespace lamina
