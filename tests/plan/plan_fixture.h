#pragma once
// A working tree and a PATH of stand-in tools for planning tests: the ChangeSet is built by hand
// (it is the git stage's output), the files it names exist on disk for shebang and marker reads.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "config/load_settings.h"
#include "plan/make_plan.h"
#include "test_support.h"
#include "util/spawn.h"

namespace lamina::test {

class PlanFixture : public ::testing::Test {
 protected:
  // Adds a changed file (written to the working tree unless it is deleted).
  FileChange& change(const std::string& path, const std::string& content = "x\n",
                     ChangeStatus status = ChangeStatus::added) {
    if (status != ChangeStatus::deleted) write_file(repo.file(path), content);
    FileChange& file = changes.files.emplace_back();
    file.path = path;
    file.status = status;
    return file;
  }
  // Puts executables named `names` on the plan's PATH.
  void install(const std::vector<std::string>& names) {
    for (const std::string& name : names) {
      write_file(bin.file(name), "#!/bin/sh\nexit 0\n");
      ::chmod(bin.file(name).c_str(), 0755);
    }
  }
  void configure(const std::string& yaml, const SettingFlags& options = {}) {
    settings = load_settings(ConfigSource{".lamina.yml", yaml}, options, EnvMap{});
    catalog = effective_catalog(builtin_catalog(), settings);
  }
  Plan plan(Layer layer = Layer::inline_layer) {
    inputs.find_executable = executable_lookup(bin.path());
    std::sort(changes.files.begin(), changes.files.end(),
              [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
    return make_plan(catalog, settings, changes, layer, repo.path(), inputs);
  }
  static const ScannerDecision& decision(const Plan& plan, const std::string& id) {
    for (const ScannerDecision& d : plan.scanners) {
      if (d.scanner_id == id) return d;
    }
    ADD_FAILURE() << "no decision for " << id;
    static const ScannerDecision none;
    return none;
  }
  static std::vector<std::string> paths(const ScannerDecision& d) {
    std::vector<std::string> out;
    for (const FileMatch& m : d.files) out.emplace_back(m.path);
    return out;
  }

  TempDir repo;
  TempDir bin;
  ChangeSet changes;
  Settings settings = load_settings(std::nullopt, SettingFlags{}, EnvMap{});
  Catalog catalog = builtin_catalog();
  PlanInputs inputs;
};

}  // namespace lamina::test
