#include "kit/assets.h"

#include <cstdlib>
#include <filesystem>

namespace nr::app {

std::string assetDir() {
  if (const char* env = std::getenv("NR_ASSET_DIR"); env && *env) return env;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "nrlab";
    if (std::filesystem::is_directory(installed / "scenes", ec)) return installed.string();
  }
  return NR_ASSET_DIR;
}

}  // namespace nr::app
