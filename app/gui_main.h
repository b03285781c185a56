#pragma once
// The GUI entry point: ties the platform window, the ImGui backends, the gfx layer and the App together, for the
// interactive loop and for the headless modes (--screenshot, --bench-frames).

#include <chrono>
#include <functional>
#include <string>

namespace nr::app {

class App;

struct GuiOptions {
  std::string lesson;      ///< validated id, or empty
  std::string lang;        ///< a catalog's code ("en", "zh"), or empty (settings / default)
  float scale = 0.0f;      ///< 0: settings / default
  std::string theme;       ///< "light", "dark", "high-contrast" or empty
  std::string scene;       ///< scene file to load, or empty
  std::string link;        ///< share link (URL or fragment) to open, or empty
  std::string open;        ///< a file to open as if dropped (.csv, .npy, .json), or empty
  bool presenter = false;  ///< start in presenter mode
  int width = 1600, height = 900;
  bool sizeGiven = false;  ///< --size was given (else the saved size, or maximized on a first launch)
  std::string screenshot;  ///< headless: write this PNG and exit
  bool canvasOnly = false;
  int exportFactor = 1;    ///< with screenshot: rendered at 1x or 2x the size and scale (the Export menu's 2x)
  std::string exportNote;  ///< headless: write <dir>/<lesson>.png and <dir>/<lesson>.md and exit ///< with screenshot: only the lesson's picture, not the whole window
  int frames = 4;          ///< frames rendered before the screenshot (ImGui needs two to lay out new windows)
  int benchFrames = 0;     ///< headless: time this many frames and print one JSON line
  bool benchInteract = false;
  bool benchBaseline = false;  ///< time ImGui's demo window alone (the frame-time reference)
  bool benchFullRedraw = false;  ///< draw every frame whole instead of only what changed
  bool benchVerifyDamage = false;
  std::string checkLayout;  ///< WxH: the layout check (no display needed)  ///< compare every frame shown with the same frame drawn whole (a test)
  /// Called once the app exists (the web edition's page hooks keep it).
  std::function<void(App&)> onAppReady;
  /// When main() started: --bench-frames reports the time from there to the first frame on screen.
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

/// Returns the process exit status.
int runGui(const GuiOptions& options);

}  // namespace nr::app
