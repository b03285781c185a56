#pragma once
// Where screenshots go and how they are written: PNG, through a temporary file, so a failed write (read-only
// folder, full disk) leaves nothing half-written.

#include <cstdint>
#include <string>
#include <vector>

namespace nr::app {

/// $XDG_PICTURES_DIR/nrlab, else the XDG user-dirs entry, else ~/Pictures/nrlab; "" when there is no home folder
/// ($HOME unset and no password-database entry): the caller then refuses to save and says why (msg.no_home).
std::string screenshotDir();
/// <dir>/<lesson>-<YYYYmmdd-HHMMSS>.png (with -2, -3... if taken within the same second).
std::string screenshotPath(const std::string& dir, const std::string& lessonId);
/// PNG bytes of RGBA8 rows (top row first). Throws core::FileError if encoding fails.
std::string encodePng(int width, int height, const std::vector<uint8_t>& rgba);
/// Writes RGBA8 rows (top row first). Creates the folder if needed. Throws core::FileError with a clear message.
void writePng(const std::string& path, int width, int height, const std::vector<uint8_t>& rgba);
/// ImGui's saved window state, read with a bound: the text, or "" with `message` set when the file exists but is
/// over `limit` bytes or unreadable (a 200,000-entry imgui.ini held the start for minutes); "" and no message when
/// there is none.
std::string readIniFile(const std::string& path, std::string& message, size_t limit = 256 * 1024);
/// The folder of settings, scenes and imgui.ini: $XDG_CONFIG_HOME/nrlab, else ~/.config/nrlab; "" when there is no
/// home folder (settings are then not kept).
std::string configDir();

}  // namespace nr::app
