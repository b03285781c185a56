#include "kit/screenshot.h"

#include <stb/stb_image_write.h>

#ifndef __EMSCRIPTEN__
#include <pwd.h>
#include <unistd.h>
#endif

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "nr/file_io.h"

namespace nr::app {

namespace fs = std::filesystem;

/// The home folder: $HOME, else the password database's entry; "" when neither is known (nothing is then saved in
/// some shared place such as /tmp behind the user's back).
static std::string home() {
  if (const char* h = std::getenv("HOME"); h && *h) return h;
#ifndef __EMSCRIPTEN__
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir && *pw->pw_dir) return pw->pw_dir;
#endif
  return {};
}

std::string screenshotDir() {
  if (const char* p = std::getenv("XDG_PICTURES_DIR"); p && *p) return std::string(p) + "/nrlab";
  if (home().empty()) return {};
  // ~/.config/user-dirs.dirs: XDG_PICTURES_DIR="$HOME/Bilder"
  const char* cfg = std::getenv("XDG_CONFIG_HOME");
  std::ifstream in((cfg && *cfg ? std::string(cfg) : home() + "/.config") + "/user-dirs.dirs");
  std::string line;
  while (std::getline(in, line)) {
    const std::string key = "XDG_PICTURES_DIR=\"";
    if (line.rfind(key, 0) != 0 || line.back() != '"') continue;
    std::string v = line.substr(key.size(), line.size() - key.size() - 1);
    if (v.rfind("$HOME", 0) == 0) v = home() + v.substr(5);
    if (!v.empty() && v != home()) return v + "/nrlab";
  }
  return home() + "/Pictures/nrlab";
}

std::string readIniFile(const std::string& path, std::string& message, size_t limit) {
  message.clear();
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return {};
  try {
    return core::readFile(path, limit);
  } catch (const core::FileError& e) {
    message = std::string(e.what()) + "; the saved window layout is ignored (delete the file to start afresh)";
    return {};
  }
}

std::string configDir() {
  const char* cfg = std::getenv("XDG_CONFIG_HOME");
  if (!(cfg && *cfg) && home().empty()) return {};
  return (cfg && *cfg ? std::string(cfg) : home() + "/.config") + "/nrlab";
}

std::string screenshotPath(const std::string& dir, const std::string& lessonId) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  std::string base = dir + "/" + lessonId + "-" + stamp;
  std::string path = base + ".png";
  // symlink_status with an error code: a folder that cannot be examined (no permission, a loop of links) must not
  // throw here; the write that follows says what is wrong.
  auto taken = [](const std::string& p) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(p, ec));
  };
  for (int i = 2; taken(path) && i < 1000; ++i) path = base + "-" + std::to_string(i) + ".png";
  return path;
}

std::string encodePng(int width, int height, const std::vector<uint8_t>& rgba) {
  if (width <= 0 || height <= 0 || rgba.size() < size_t(width) * size_t(height) * 4)
    throw core::FileError("no image data to encode");
  std::string bytes;
  auto sink = [](void* ctx, void* data, int size) { static_cast<std::string*>(ctx)->append(static_cast<char*>(data), size); };
  if (!stbi_write_png_to_func(sink, &bytes, width, height, 4, rgba.data(), width * 4))
    throw core::FileError("cannot encode the PNG");
  return bytes;
}

void writePng(const std::string& path, int width, int height, const std::vector<uint8_t>& rgba) {
  if (width <= 0 || height <= 0 || rgba.size() < size_t(width) * size_t(height) * 4)
    throw core::FileError("cannot write " + path + ": no image data");
  const fs::path folder = fs::path(path).parent_path();
  if (!folder.empty()) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw core::FileError("cannot create the folder " + folder.string() + ": " + ec.message());
  }
  core::writeFileAtomic(path, encodePng(width, height, rgba));
}

}  // namespace nr::app
