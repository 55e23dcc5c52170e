// `lamina init`: a commented .lamina.yml for the scanners that apply to the repository's tracked
// files, and the CI files for the chosen layers (printed, or written with --github / --gitlab),
// taken from the tested examples (examples/github/, compiled in) and the GitLab templates'
// inputs. Never overwrites a file without --force.
#include <errno.h>
#include <stdio.h>

#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/change_plan.h"
#include "cli/commands.h"
#include "model/layer.h"
#include "util/embedded.h"
#include "util/error.h"
#include "util/text.h"
#include "version.h"

namespace lamina {
namespace {

std::vector<Layer> chosen_layers(const Options& options) {
  std::vector<Layer> layers;
  std::string list = options.init_layers.value_or("inline");
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = std::min(list.find(',', start), list.size());
    std::string name = list.substr(start, comma - start);
    start = comma + 1;
    if (name.empty()) continue;
    std::optional<Layer> layer = parse_layer(name);
    if (!layer) {
      throw Error("--layers " + in_quotes(list) + ": unknown layer " + in_quotes(name) +
                  "; expected inline, pre-deploy, post-deploy or continuous, comma-separated");
    }
    if (std::find(layers.begin(), layers.end(), *layer) == layers.end()) layers.push_back(*layer);
  }
  if (layers.empty()) throw Error("--layers: no layer given; e.g. --layers inline,continuous");
  return layers;
}

// Writes `text` to `path` as a new file: O_EXCL, so neither an existing file nor a symlink is
// written through; with `force` an existing one is removed first.
void write_new_file(const std::string& path, const std::string& text, bool force) {
  std::error_code ec;
  std::filesystem::path p(path);
  if (force) std::filesystem::remove(p, ec);
  std::filesystem::create_directories(p.parent_path(), ec);
  FILE* f = std::fopen(path.c_str(), "wx");
  if (f == nullptr) {
    if (errno == EEXIST) {
      throw Error(path +
                  " exists; lamina init does not overwrite it: move it away or pass --force");
    }
    throw Error(path + ": cannot write it (" + std::strerror(errno) + ")");
  }
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) throw Error(path + ": cannot write it (" + std::strerror(errno) + ")");
}

struct Applies {
  std::string id;
  size_t files = 0;
  bool installed = false;
  std::string install;
};

// The scanners of the file layers (inline, continuous) that match tracked files, once each.
std::vector<Applies> applicable_scanners(const Options& options, const EnvMap& env,
                                         const std::vector<Layer>& layers, size_t* tracked) {
  std::vector<Applies> found;
  for (Layer layer : {Layer::inline_layer, Layer::continuous}) {
    if (layer == Layer::continuous &&
        std::find(layers.begin(), layers.end(), layer) == layers.end()) {
      continue;
    }
    Options all = options;
    all.all = true;
    all.layer = to_string(layer);
    ChangePlan p = make_change_plan(all, env);
    *tracked = p.changes.files.size();
    for (const ScannerDecision& d : p.plan.scanners) {
      if (d.files.empty()) continue;
      bool seen = std::any_of(found.begin(), found.end(),
                              [&](const Applies& a) { return a.id == d.scanner_id; });
      if (!seen) found.push_back({d.scanner_id, d.files.size(), d.installed, d.install_hint});
    }
  }
  return found;
}

std::string config_text(const std::vector<Applies>& scanners, size_t tracked) {
  std::string out =
      "# lamina configuration (docs/configuration.md), written by `lamina init` for the " +
      std::to_string(tracked) +
      " tracked file(s)\n"
      "# of this repository. Every key is optional; the values below are the defaults, written\n"
      "# out to be changed.\n"
      "\n"
      "# Lowest severity that fails the gate: sev1 | sev2 | sev3 | never.\n"
      "fail_on: sev2\n"
      "# Which findings count: added (lines the change adds) | context | file | all.\n"
      "filter: added\n"
      "# Per-scanner timeout.\n"
      "timeout: 5m\n"
      "# Paths no scanner gets, on top of vendored folders (node_modules/, vendor/, ...):\n"
      "# exclude: [\"third_party/**\", \"**/*.min.js\"]\n"
      "\n";
  if (scanners.empty()) {
    return out +
           "# No built-in scanner matches a tracked file yet; `lamina scanners` lists them.\n"
           "scanners: {}\n";
  }
  out +=
      "# The scanners that apply to files here: `enabled: false` turns one off, `args: [...]`\n"
      "# adds arguments; `lamina scanners` lists all of them.\n"
      "scanners:\n";
  for (const Applies& a : scanners) {
    out += "  " + a.id + ":  # " + std::to_string(a.files) + " file(s); " +
           (a.installed ? "installed" : "not installed") + "\n";
    if (!a.installed) out += "    # install: " + one_line(a.install, 200) + "\n";
    out += "    enabled: true\n";
  }
  return out;
}

const char* github_example(Layer layer) {
  switch (layer) {
    case Layer::inline_layer:
      return "pr-gate.yml";
    case Layer::pre_deploy:
      return "pre-deploy.yml";
    case Layer::post_deploy:
      return "post-deploy.yml";
    case Layer::continuous:
      return "nightly-continuous.yml";
  }
  return "pr-gate.yml";
}

std::string gitlab_text(const std::vector<Layer>& layers) {
  std::string out =
      "# lamina in a GitLab pipeline: one include per layer (gitlab-templates/, "
      "docs/integrations.md).\n"
      "include:\n";
  for (Layer layer : layers) {
    out += "  - project: lamina-dev/lamina\n    ref: v" + std::string(kVersion) +
           "\n    file: /gitlab-templates/lamina-" + to_string(layer) + ".yml\n";
    if (layer == Layer::pre_deploy) {
      out += "    inputs:\n      artifact: dist/app.tar.gz  # the build job's artifact to scan\n";
    } else if (layer == Layer::post_deploy) {
      out += "    inputs:\n      target_url: https://staging.example.com  # the deployed service\n";
    }
  }
  return out;
}

}  // namespace

int run_init_command(const Options& options, const EnvMap& env) {
  std::vector<Layer> layers = chosen_layers(options);
  ChangePlan where = locate_checkout(options, env);
  const std::string& root = where.repo_root;
  std::string config_path = root + "/.lamina.yml";
  // Every file to write is checked before the first is written: all of them, or none.
  std::vector<std::string> targets = {config_path};
  for (Layer layer : layers) {
    if (options.init_github)
      targets.push_back(root + "/.github/workflows/lamina-" + to_string(layer) + ".yml");
  }
  if (options.init_gitlab) targets.push_back(root + "/.gitlab-ci.yml");
  for (const std::string& target : targets) {
    if (!options.force &&
        std::filesystem::symlink_status(target).type() != std::filesystem::file_type::not_found) {
      throw Error(target +
                  " exists; lamina init does not overwrite it: move it away or pass --force");
    }
  }
  size_t tracked = 0;
  std::vector<Applies> scanners = applicable_scanners(options, env, layers, &tracked);
  write_new_file(config_path, config_text(scanners, tracked), options.force);
  std::cout << "wrote .lamina.yml: " << scanners.size() << " scanner(s) apply to the " << tracked
            << " tracked file(s)\n";
  for (const Applies& a : scanners) {
    if (!a.installed) std::cout << "  " << a.id << " is not installed: " << a.install << "\n";
  }

  for (Layer layer : layers) {
    std::string name = "lamina-" + std::string(to_string(layer)) + ".yml";
    std::string text(*embedded_file(github_example(layer)));
    if (options.init_github) {
      write_new_file(root + "/.github/workflows/" + name, text, options.force);
      std::cout << "wrote .github/workflows/" << name << "\n";
    } else if (!options.init_gitlab) {
      std::cout << "\n# GitHub: .github/workflows/" << name << " (lamina init --github writes it)\n"
                << text;
    }
  }
  std::string gitlab = gitlab_text(layers);
  if (options.init_gitlab) {
    write_new_file(root + "/.gitlab-ci.yml", gitlab, options.force);
    std::cout << "wrote .gitlab-ci.yml\n";
  } else if (!options.init_github) {
    std::cout << "\n# GitLab: add to .gitlab-ci.yml (lamina init --gitlab writes it)\n" << gitlab;
  }
  return kExitPass;
}

}  // namespace lamina
