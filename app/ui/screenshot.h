#pragma once
// Where screenshots go and how they are written: PNG, through a temporary file, so a failed write (read-only
// folder, full disk) leaves nothing half-written.

#include <cstdint>
#include <string>
#include <vector>

namespace nr::app {

/// $XDG_PICTURES_DIR/nrlab, else the XDG user-dirs entry, else ~/Pictures/nrlab.
std::string screenshotDir();
/// <dir>/<lesson>-<YYYYmmdd-HHMMSS>.png (with -2, -3... if taken within the same second).
std::string screenshotPath(const std::string& dir, const std::string& lessonId);
/// PNG bytes of RGBA8 rows (top row first). Throws core::FileError if encoding fails.
std::string encodePng(int width, int height, const std::vector<uint8_t>& rgba);
/// Writes RGBA8 rows (top row first). Creates the folder if needed. Throws core::FileError with a clear message.
void writePng(const std::string& path, int width, int height, const std::vector<uint8_t>& rgba);
/// The folder of settings, scenes and imgui.ini: $XDG_CONFIG_HOME/nrlab, else ~/.config/nrlab.
std::string configDir();

}  // namespace nr::app
