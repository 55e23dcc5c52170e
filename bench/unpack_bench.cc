// Unpacking a container image, side by side with tar and with the scanner that reads the result:
// builds (in a temp dir) a `docker save` tarball of FILES files totalling MB megabytes spread over
// LAYERS layers, then times, in one run,
//   lamina   prepare_artifact(image.tar): listing pass, then each layer streamed out of the
//            tarball into a confined tree (whiteouts, limits, no symlink following);
//   tar -x   `tar -xf <layer> -C DIR` for each layer file in order (posix_spawn, no shell);
//   clamscan `clamscan -r -d eicar.hdb <lamina's tree>` when clamscan is installed.
// Usage: unpack_bench [FILES] [MB] [LAYERS]   (defaults 50000 500 4; see bench/README.md)
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "artifact/prepared_artifact.h"
#include "util/env.h"
#include "util/spawn.h"

namespace {

std::string make_temp_dir() {
  std::string pattern = std::filesystem::temp_directory_path().string() + "/unpack-bench-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  return pattern;
}

double seconds_of(const std::function<void()>& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void put_octal(char* field, size_t width, unsigned long long value) {
  for (size_t i = width - 1; i-- > 0; value >>= 3) field[i] = static_cast<char>('0' + (value & 7));
  field[width - 1] = '\0';
}

// One ustar header: a regular file ('0') or a folder ('5').
void write_header(std::ofstream& out, const std::string& name, uint64_t size, char type) {
  char h[512] = {};
  std::memcpy(h, name.data(), std::min<size_t>(name.size(), 100));
  put_octal(h + 100, 8, type == '5' ? 0755 : 0644);
  put_octal(h + 108, 8, 0);
  put_octal(h + 116, 8, 0);
  put_octal(h + 124, 12, size);
  put_octal(h + 136, 12, 1700000000);
  h[156] = type;
  std::memcpy(h + 257,
              "ustar\0"
              "00",
              8);
  std::memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  put_octal(h + 148, 7, sum);
  out.write(h, sizeof h);
}

void write_member(std::ofstream& out, const std::string& name, const char* data, uint64_t size) {
  write_header(out, name, size, '0');
  out.write(data, static_cast<std::streamsize>(size));
  static const char zeros[512] = {};
  out.write(zeros, static_cast<std::streamsize>((512 - size % 512) % 512));
}

// Layer `layer` of the image: its share of the files, in 100-file folders, pseudo-random bytes
// (xorshift) so the scanner has real work; sizes spread from half to 1.5x the average.
void write_layer(const std::string& path, int layer, int layers, int files, uint64_t bytes) {
  std::ofstream out(path, std::ios::binary);
  uint64_t average = bytes / static_cast<uint64_t>(files);
  std::vector<char> data(average * 2 + 1);
  uint64_t x = 88172645463325252ULL + static_cast<uint64_t>(layer);
  for (char& c : data) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    c = static_cast<char>(x);
  }
  std::string folder;
  for (int i = layer; i < files; i += layers) {
    std::string dir = "app/l" + std::to_string(layer) + "/d" + std::to_string(i / 100 / layers);
    if (dir != folder) write_header(out, dir + "/", 0, '5'), folder = dir;
    uint64_t size = average / 2 + (static_cast<uint64_t>(i) * 7919) % (average + 1);
    write_member(out, dir + "/f" + std::to_string(i) + ".bin", data.data() + i % 512, size);
  }
  out.write(std::string(1024, '\0').data(), 1024);
}

// image.tar holding the layer files as blobs, a config and manifest.json, like `docker save`.
void write_image(const std::string& path, const std::vector<std::string>& layer_files) {
  std::ofstream out(path, std::ios::binary);
  std::string names, ids;
  for (size_t i = 0; i < layer_files.size(); ++i) {
    std::string hex = std::string(63, 'a') + std::to_string(i);
    std::ifstream in(layer_files[i], std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    write_member(out, "blobs/sha256/" + hex, data.data(), data.size());
    names += (i ? ",\"" : "\"") + ("blobs/sha256/" + hex) + "\"";
    ids += (i ? ",\"" : "\"") + ("sha256:" + hex) + "\"";
  }
  std::string config = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]}}";
  write_member(out, "config.json", config.data(), config.size());
  std::string manifest = "[{\"Config\":\"config.json\",\"Layers\":[" + names + "]}]";
  write_member(out, "manifest.json", manifest.data(), manifest.size());
  out.write(std::string(1024, '\0').data(), 1024);
}

lamina::CompletedProcess run_tool(const std::vector<std::string>& argv) {
  lamina::CompletedProcess done = lamina::run_process(
      {argv, "", {"PATH=/usr/local/bin:/usr/bin:/bin"}}, std::chrono::minutes(30), 1 << 20);
  if (!done.started || done.term_signal != 0 || done.exit_code > 1) {
    std::fprintf(stderr, "%s failed (exit %d): %s%s\n", argv[0].c_str(), done.exit_code,
                 done.spawn_error.c_str(), done.err.c_str());
    std::exit(1);
  }
  return done;
}

}  // namespace

int main(int argc, char** argv) {
  int files = argc > 1 ? std::atoi(argv[1]) : 50000;
  uint64_t megabytes = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 500;
  int layers = argc > 3 ? std::atoi(argv[3]) : 4;
  if (files < 1 || megabytes < 1 || layers < 1) {
    std::fprintf(stderr, "usage: unpack_bench [FILES] [MB] [LAYERS]\n");
    return 2;
  }
  std::string work = make_temp_dir();
  std::vector<std::string> layer_files;
  double build = seconds_of([&] {
    for (int l = 0; l < layers; ++l) {
      layer_files.push_back(work + "/layer" + std::to_string(l) + ".tar");
      write_layer(layer_files.back(), l, layers, files, megabytes << 20);
    }
    write_image(work + "/image.tar", layer_files);
  });
  struct stat st {};
  ::stat((work + "/image.tar").c_str(), &st);
  std::printf("image: %d files, %d layers, %.0f MB tarball (built in %.1f s)\n", files, layers,
              static_cast<double>(st.st_size) / (1 << 20), build);

  std::filesystem::create_directories(work + "/tmp");
  std::filesystem::create_directories(work + "/tar-x");
  ::sync();
  lamina::PreparedArtifact prepared;
  double unpack =
      seconds_of([&] { prepared = lamina::prepare_artifact(work + "/image.tar", work + "/tmp"); });
  double tar = seconds_of([&] {
    for (const std::string& layer : layer_files)
      run_tool({"tar", "-xf", layer, "-C", work + "/tar-x"});
  });
  std::printf("%-34s %8.2f s  (%zu paths, layer map included)\n", "lamina unpack (image.tar)",
              unpack, prepared.layer_of.size());
  std::printf("%-34s %8.2f s\n", "tar -x of the same layers", tar);
  if (!lamina::find_executable("clamscan", "/usr/local/bin:/usr/bin:/bin").empty()) {
    std::ofstream(work + "/eicar.hdb") << "44d88612fea8a8f36de82e1278abb02f:68:Test.EICAR\n";
    double clam = seconds_of([&] {
      run_tool({"clamscan", "--recursive", "--infected", "--no-summary", "-d", work + "/eicar.hdb",
                "--", prepared.root});
    });
    std::printf("%-34s %8.2f s\n", "clamscan over the unpacked tree", clam);
  } else {
    std::printf("clamscan: not installed, skipped\n");
  }
  double cleanup = seconds_of([&] { prepared = lamina::PreparedArtifact(); });
  std::printf("%-34s %8.2f s\n", "lamina temp root removal", cleanup);
  std::filesystem::remove_all(work);
  return 0;
}
