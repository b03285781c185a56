// The web edition's entry point: the page's size and the share link in its address take the place of a command
// line (app/cli/cli_main.cpp on the desktop). Everything else is the desktop app's code.
#include <emscripten.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>

#include "gui_main.h"
#include "nr/file_io.h"
#include "platform/browser.h"
#include "shell/app.h"
#include "widgets/layout_probe.h"

namespace {
nr::app::App* g_app = nullptr;  // for the page's test hooks below
nr::app::LayoutProbe g_probe;   // where the widgets were drawn, once nr_sliders() asked
}

int main() {
  setenv("NR_ASSET_DIR", "/assets", 1);  // presets and data sets, preloaded with the page
  nr::app::GuiOptions opt;
  double ratio = 1.0;
  nr::app::browser::pageSize(opt.width, opt.height, ratio);
  opt.width = static_cast<int>(opt.width * ratio);
  opt.height = static_cast<int>(opt.height * ratio);
  opt.sizeGiven = true;
  const std::string fragment = nr::app::browser::fragment();
  if (fragment.size() > 1) opt.link = fragment;
  opt.onAppReady = [](nr::app::App& app) { g_app = &app; };
  return nr::app::runGui(opt);
}

// What the page (and its browser test) can ask of the running app.
extern "C" {

/// The current scene as JSON (Scene > Save writes the same), or "" before the app started.
EMSCRIPTEN_KEEPALIVE const char* nr_scene_json() {
  static std::string json;
  json = g_app ? g_app->currentSceneJson() : std::string();
  return json.c_str();
}

/// The sliders of the last frame as JSON [{"label", "x0", "y0", "x1", "y1"}, ...] in page pixels; the first call
/// switches the recording on (the next frame has them). A test types into a slider with this.
EMSCRIPTEN_KEEPALIVE const char* nr_sliders() {
  static std::string json;
  if (!g_app) return "[]";
  nlohmann::json list = nlohmann::json::array();
  for (const nr::app::LayoutProbe::Slider& s : g_probe.sliders)
    list.push_back({{"label", s.label}, {"x0", s.min.x}, {"y0", s.min.y}, {"x1", s.max.x}, {"y1", s.max.y}});
  json = list.dump();
  g_probe.clear();
  g_app->setProbe(&g_probe);
  return json.c_str();
}

/// The messages the app has shown, one per line (the test checks that a bad link is named).
EMSCRIPTEN_KEEPALIVE const char* nr_messages() {
  static std::string text;
  text.clear();
  if (g_app)
    for (const std::string& m : g_app->log()) text += m + "\n";
  return text.c_str();
}
}
