// The frame loop, in the shape of ImGui's example_glfw_opengl3: poll or wait, new frame, draw, render, swap.
// Headless modes run the same frame with a fixed time step, so their output is the same on every run.
//
// [SECTION] Fonts and frames
// [SECTION] Screenshots
// [SECTION] Modes: interactive, screenshot, benchmark
// [SECTION] Start-up

#include "gui_main.h"

#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <unistd.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include "platform/browser.h"
#endif

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "gfx/frame_ops.h"
#include "gfx/framebuffer.h"
#include "gfx/gl_info.h"
#include "nr/file_io.h"
#include "platform/font_files.h"
#include "platform/window.h"
#include "shell/app.h"
#include "kit/damage.h"
#include "kit/fonts.h"
#include "kit/screenshot.h"
#include "shell/share_link.h"

namespace nr::app {

namespace {

constexpr double kFixedDt = 1.0 / 60.0;

struct Gui {
  Window window;
  FontLibrary fonts;
  std::unique_ptr<App> app;
  bool headless = false;
  std::string iniPath;
  float fontScale = 0.0f;  ///< scale the current atlas was built for
  // The presenter (see present()): what changed since the last frame shown, and whether the back buffer kept it.
  DamageTracker damage;
  std::vector<ImDrawList*> damagedLists;         // present(): the lists a partial redraw reaches
  std::vector<ImVector<ImDrawCmd>> damagedCmds;  // and their commands cut to the damaged rectangles
  unsigned frameCount = 0;      ///< frames presented; the mark carries it (mod 64)
  bool marked = false;          ///< the last frame presented left its mark
  bool backBufferKept = false;  ///< and it was still there at the start of this frame (checkBackBuffer)
  ImVec4 shownBg{-1, -1, -1, -1};
  bool fullRedraw = false;  ///< --bench-full-redraw: every frame drawn whole, as ImGui's examples do
  double lastFrame = 0.0;   ///< when the last interactive frame was built (window time, seconds)
  int lessonShown = -1;     ///< web: the lesson whose id the address shows
  int pageW = 0, pageH = 0; ///< web: the canvas size in device pixels
};

// [SECTION] Fonts and frames

void buildFonts(Gui& gui, float scale) {
  if (gui.fontScale == scale) return;
  ImGuiIO& io = ImGui::GetIO();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  FontSet set = gui.fonts.build(io.Fonts, std::round(kBaseFontPx * scale), gui.app->translator(), gui.app->headingText());
  ImGui_ImplOpenGL3_CreateFontsTexture();
  gui.damage.invalidate();  // a new atlas texture may reuse the old GL name: draw the next frame whole
  gui.app->setFonts(set);
  io.FontDefault = set.body;
  gui.fontScale = scale;
}

/// Builds one frame of the UI (up to ImGui::Render) at the size of the display; returns the milliseconds it took.
double buildFrame(Gui& gui, double dt, int width, int height, bool baseline) {
  const auto t0 = std::chrono::steady_clock::now();
  ImGui_ImplOpenGL3_NewFrame();
  gui.window.newImGuiFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (gui.headless) {
    // Deterministic: fixed time step, the requested size, and no mouse.
    io.DeltaTime = static_cast<float>(kFixedDt);  // ImGui needs a positive step; the app gets dt itself
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  }
  ImGui::NewFrame();
  if (baseline)
    ImGui::ShowDemoWindow();
  else
    gui.app->frame(dt);
  ImGui::Render();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void framebufferSize(int& w, int& h) {
  const ImGuiIO& io = ImGui::GetIO();
  w = static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x);
  h = static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y);
}

/// Draws the whole frame into the bound framebuffer, as ImGui's examples do.
void drawWhole() {
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  int fbW, fbH;
  framebufferSize(fbW, fbH);
  gfx::beginFrame(fbW, fbH, bg.x, bg.y, bg.z);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

/// One frame of the UI, drawn whole into the currently bound framebuffer (screenshots). Returns the CPU ms.
double renderFrame(Gui& gui, double dt, int width, int height, bool baseline) {
  const double cpuMs = buildFrame(gui, dt, width, height, baseline);
  drawWhole();
  return cpuMs;
}

/// A command's clip rectangle cut to a damaged rectangle (whole pixels), such that ImGui's backend sets exactly
/// the scissor box of the original, cut to the damage. The backend truncates: x = (int)x0, width = (int)(x1 - x0),
/// GL row = (int)(fbH - y1), height = (int)(y1 - y0); cutting the float rectangle instead would move an edge by a
/// pixel when the original is fractional. Display scale 1 (present() draws whole otherwise).
ImVec4 cutClip(const ImVec4& clip, const DamageRect& d, int fbH) {
  const int x0 = static_cast<int>(clip.x), x1 = x0 + static_cast<int>(clip.z - clip.x);
  const int glY = static_cast<int>(static_cast<float>(fbH) - clip.w), h = static_cast<int>(clip.w - clip.y);
  const int y1 = fbH - glY, y0 = y1 - h;  // top-down rows [y0, y1)
  const float cx0 = std::max(static_cast<float>(x0), d.x0), cx1 = std::min(static_cast<float>(x1), d.x1);
  const float cy0 = std::max(static_cast<float>(y0), d.y0), cy1 = std::min(static_cast<float>(y1), d.y1);
  return ImVec4(cx0, cy0, cx1, cy1);
}

/// Puts the built frame on the window's back buffer, redrawing only what changed since the last frame shown,
/// when the back buffer still holds that frame (see gfx::markBackBuffer); otherwise whole. The rectangles the
/// DamageTracker reports are cleared and drawn again with every command cut to the rectangle, so each pixel
/// comes out exactly as in a whole redraw. Returns the share of the window redrawn.
double present(Gui& gui) {
  ImDrawData* dd = ImGui::GetDrawData();
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  int fbW, fbH;
  framebufferSize(fbW, fbH);
  if (fbW <= 0 || fbH <= 0) return 0.0;
  // The clear colour shows wherever nothing is drawn, so a new theme repaints everything.
  const bool sameBackground = bg.x == gui.shownBg.x && bg.y == gui.shownBg.y && bg.z == gui.shownBg.z;
  // A new size is the tracker's to notice (it compares the display size); the cut clip rectangles assume one
  // framebuffer pixel per display unit and no offset.
  const bool sameTarget = dd->FramebufferScale.x == 1.0f &&
                          dd->FramebufferScale.y == 1.0f && dd->DisplayPos.x == 0.0f && dd->DisplayPos.y == 0.0f;
  const bool whole = gui.fullRedraw || !gui.backBufferKept || !sameTarget || !sameBackground;
  const DamageTracker::Result r = gui.damage.update(*dd, gfx::contentGeneration(), whole);
  if (r.full) {
    drawWhole();
  } else if (!r.rects.empty()) {
    // The damaged rectangles do not overlap (the tracker merges those that do), so one pass draws them all:
    // clear them, then give each list a command buffer in which every command is repeated once per rectangle it
    // reaches, its scissor cut to that rectangle. Within a rectangle the commands keep their order. Lists that
    // reach none are left out, so they are not even uploaded. The lists get their own commands back after.
    for (const DamageRect& d : r.rects)
      gfx::clearRect(static_cast<int>(d.x0), static_cast<int>(d.y0), static_cast<int>(d.x1 - d.x0),
                     static_cast<int>(d.y1 - d.y0), fbH, bg.x, bg.y, bg.z);
    std::vector<ImDrawList*>& lists = gui.damagedLists;
    std::vector<ImVector<ImDrawCmd>>& cmds = gui.damagedCmds;
    lists.clear();
    if (cmds.size() < static_cast<std::size_t>(dd->CmdListsCount)) cmds.resize(static_cast<std::size_t>(dd->CmdListsCount));
    for (int l = 0; l < dd->CmdListsCount; ++l) {
      ImDrawList* list = dd->CmdLists[l];
      ImVector<ImDrawCmd>& cut = cmds[lists.size()];
      cut.resize(0);
      for (const ImDrawCmd& c : list->CmdBuffer)
        for (const DamageRect& d : r.rects) {
          const ImVec4 clip = cutClip(c.ClipRect, d, fbH);
          if (clip.x >= clip.z || clip.y >= clip.w || c.UserCallback != nullptr) continue;
          cut.push_back(c);
          cut.back().ClipRect = clip;
        }
      if (cut.Size == 0) continue;
      list->CmdBuffer.swap(cut);
      lists.push_back(list);
    }
    ImDrawData sub = *dd;
    sub.CmdLists = lists.data();
    sub.CmdListsCount = static_cast<int>(lists.size());
    ImGui_ImplOpenGL3_RenderDrawData(&sub);
    for (std::size_t k = 0; k < lists.size(); ++k) lists[k]->CmdBuffer.swap(cmds[k]);
  }
  gui.shownBg = bg;
  gui.marked = !gui.fullRedraw;
  if (gui.marked) gfx::markBackBuffer(++gui.frameCount, bg.x, bg.y, bg.z);
  return r.fraction;
}

/// Does the back buffer still hold the last frame presented? Asked at the start of a frame, before any GL work of
/// the new one: after the swap and the app's sleep (a resize or a buffer exchange meanwhile would have replaced
/// it), and before the lessons render their fields, which a read-back here would make the rasterizer finish
/// first instead of in parallel with building the UI.
void checkBackBuffer(Gui& gui) {
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  gui.backBufferKept = !gui.fullRedraw && gui.marked && gfx::backBufferHasMark(gui.frameCount, bg.x, bg.y, bg.z);
}

// [SECTION] Screenshots

/// Renders the UI offscreen at `factor` times the size and scale, `frames` times (layout settles), and returns the
/// pixels (top row first). Fonts are rebuilt at the higher scale, so text is crisp rather than upscaled.
bool renderOffscreen(Gui& gui, int width, int height, int factor, int frames, std::vector<uint8_t>& rgba,
                     std::string& error) {
  App& app = *gui.app;
  const float savedScale = app.scale();
  const bool savedHeadless = gui.headless;
  gui.headless = true;
  app.setToastsHidden(true);  // a picture for notes: the "Screenshot saved" of the last one stays out
  if (factor != 1) {
    app.setScaleTemporarily(savedScale * factor);
    buildFonts(gui, savedScale * factor);
  }
  gfx::Framebuffer fb;
  bool ok = fb.create(width * factor, height * factor);
  if (ok) {
    for (int i = 0; i < frames; ++i) {
      gfx::ScopedFramebuffer bind(fb);
      renderFrame(gui, i == 0 ? kFixedDt : 0.0, width * factor, height * factor, false);
    }
    ok = fb.readPixels(rgba, true);
  }
  if (!ok) error = "offscreen rendering failed: " + fb.error();
  if (factor != 1) {
    app.setScaleTemporarily(savedScale);
    buildFonts(gui, savedScale);
  }
  gui.headless = savedHeadless;
  app.setToastsHidden(false);
  gui.damage.invalidate();  // ImGui built other frames in between: the next one shown is drawn whole
  return ok;
}

/// Crops RGBA rows (width × height) to the canvas rectangle of the frame just rendered. That frame was laid out at
/// the render's own size and scale (twice both for a 2x picture), so the rectangle is already in its pixels.
std::vector<uint8_t> cropCanvas(const App& app, const std::vector<uint8_t>& rgba, int width, int height, int& outW,
                                int& outH) {
  float x0, y0, x1, y1;
  app.canvasRect(x0, y0, x1, y1);
  const int ax = std::clamp(static_cast<int>(x0), 0, width - 1);
  const int ay = std::clamp(static_cast<int>(y0), 0, height - 1);
  const int bx = std::clamp(static_cast<int>(x1), ax + 1, width);
  const int by = std::clamp(static_cast<int>(y1), ay + 1, height);
  outW = bx - ax;
  outH = by - ay;
  std::vector<uint8_t> out(static_cast<size_t>(outW) * outH * 4);
  for (int y = 0; y < outH; ++y)
    std::copy_n(&rgba[(static_cast<size_t>(ay + y) * width + ax) * 4], static_cast<size_t>(outW) * 4,
                &out[static_cast<size_t>(y) * outW * 4]);
  return out;
}

void takeScreenshot(Gui& gui, const ScreenshotRequest& req) {
  App& app = *gui.app;
  const ImGuiIO& io = ImGui::GetIO();
  const int w = static_cast<int>(io.DisplaySize.x), h = static_cast<int>(io.DisplaySize.y);
  std::vector<uint8_t> rgba;
  std::string error;
  if (!renderOffscreen(gui, w, h, req.factor, 2, rgba, error)) {
    app.toast(error, true);
    return;
  }
  int outW = w * req.factor, outH = h * req.factor;
  if (req.canvasOnly) rgba = cropCanvas(app, rgba, w * req.factor, h * req.factor, outW, outH);
  std::string path;
  try {
    const std::string dir = screenshotDir();
    if (dir.empty()) throw core::FileError(app.tr("msg.no_home"));
    path = screenshotPath(dir, app.lesson().id());
    writePng(path, outW, outH, rgba);
  } catch (const std::exception& e) {  // FileError, or a folder that cannot be examined
    app.toast(e.what(), true);
    return;
  }
  char buf[700];
  if (app.fileWritten(path, FileUse::Picture))
    std::snprintf(buf, sizeof buf, app.tr("shot.downloaded"), std::filesystem::path(path).filename().string().c_str());
  else
    std::snprintf(buf, sizeof buf, app.tr("shot.saved"), path.c_str());
  app.toast(buf);
}

/// The picture as <dir>/<stem>.png and the note as <dir>/<stem>.md, written together (both or neither).
/// Returns "" or the error message.
std::string writeNote(Gui& gui, int width, int height, const std::string& dir, const std::string& stem) {
  App& app = *gui.app;
  std::vector<uint8_t> rgba;
  std::string error;
  if (!renderOffscreen(gui, width, height, 1, 3, rgba, error)) return error;
  int w = width, h = height;
  rgba = cropCanvas(app, rgba, width, height, w, h);
  try {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return "cannot create the folder " + dir + ": " + ec.message();
    core::writeFilesAtomic({{dir + "/" + stem + ".png", encodePng(w, h, rgba)},
                            {dir + "/" + stem + ".md", app.noteMarkdown(stem + ".png")}});
  } catch (const core::FileError& e) {
    return e.what();
  }
  return {};
}

// [SECTION] Modes: interactive, screenshot, benchmark

/// imgui.ini: at most 256 kB is read (a larger one is ignored with a message: parsing 200,000 entries would hold
/// the start for minutes).
void loadIni(Gui& gui) {
  std::string message;
  const std::string text = readIniFile(gui.iniPath, message);
  if (!message.empty()) std::cerr << "nrlab: " << message << "\n";
  if (!text.empty()) ImGui::LoadIniSettingsFromMemory(text.data(), text.size());
}

void saveIni(Gui& gui) {
  ImGuiIO& io = ImGui::GetIO();
  io.WantSaveIniSettings = false;
  if (gui.iniPath.empty()) return;
  size_t size = 0;
  const char* text = ImGui::SaveIniSettingsToMemory(&size);
  try {
    core::writeFileAtomic(gui.iniPath, std::string(text, size));
  } catch (const core::FileError&) {
    // The window layout is a convenience; a full disk keeps the old file whole.
  }
}

/// One frame of the interactive app, after the events were taken in (poll or wait): input, the frame, the files it
/// asked for, the swap.
void interactiveFrame(Gui& gui) {
  App& app = *gui.app;
  {
    for (const KeyEvent& k : gui.window.takeKeys()) app.onKey(k);
    for (const std::string& path : gui.window.takeDrops()) app.onFileDrop(path);
    Requests& req = app.requests();
    if (req.rebuildFonts) {
      buildFonts(gui, app.scale());
      req.rebuildFonts = false;
    }
    if (req.toggleFullscreen) {
      gui.window.toggleFullscreen();
      req.toggleFullscreen = false;
    }
    const double now = gui.window.time();
    const double dt = std::max(now - gui.lastFrame, 1e-4);  // wall time: messages expire on time after a long sleep
    gui.lastFrame = now;
    int fbW, fbH;
    gui.window.framebufferSize(fbW, fbH);
    checkBackBuffer(gui);
    buildFrame(gui, dt, fbW, fbH, false);
    present(gui);
    if (req.exportNote) try {
      req.exportNote = false;
      const std::string dir = screenshotDir();
      if (dir.empty()) throw core::FileError(app.tr("msg.no_home"));
      std::string stem = std::filesystem::path(screenshotPath(dir, app.lesson().id())).stem().string();
      const std::string err = writeNote(gui, static_cast<int>(ImGui::GetIO().DisplaySize.x),
                                        static_cast<int>(ImGui::GetIO().DisplaySize.y), dir, stem);
      if (err.empty()) {
        char buf[700];
        const bool downloaded = app.fileWritten(dir + "/" + stem + ".png", FileUse::Picture) &&
                                app.fileWritten(dir + "/" + stem + ".md", FileUse::Note);
        if (downloaded)
          std::snprintf(buf, sizeof buf, app.tr("note.downloaded"), (stem + ".md").c_str());
        else
          std::snprintf(buf, sizeof buf, app.tr("note.saved"), (dir + "/" + stem + ".md").c_str());
        app.toast(buf);
      } else {
        app.toast(err, true);
      }
    } catch (const std::exception& e) {  // a folder that cannot be examined, a name that cannot be made: say so
      app.toast(e.what(), true);
    }
    if (!req.screenshots.empty()) {
      std::vector<ScreenshotRequest> shots;
      shots.swap(req.screenshots);
      for (const ScreenshotRequest& s : shots) takeScreenshot(gui, s);
    }
    gui.window.swap();
  }
}

#ifdef __EMSCRIPTEN__
/// The browser calls this at every animation frame. A frame is built only when something may have changed (input,
/// a resize, a new address, an animation or a message to expire); otherwise the canvas keeps the last one.
void webFrame(void* arg) {
  Gui& gui = *static_cast<Gui*>(arg);
  App& app = *gui.app;
  bool changed = gui.window.takeActivity();
  // The canvas follows the page, in device pixels (crisp text on a high-density screen).
  int w = 0, h = 0;
  double ratio = 1.0;
  browser::pageSize(w, h, ratio);
  const int fbW = static_cast<int>(w * ratio), fbH = static_cast<int>(h * ratio);
  if (fbW != gui.pageW || fbH != gui.pageH) {
    gui.pageW = fbW, gui.pageH = fbH;
    gui.window.setSize(fbW, fbH);
    changed = true;
  }
  // Back/forward or an edited address: open that link. The lesson shown goes into the address (a history entry per
  // lesson, so back and forward move between lessons).
  std::string fragment;
  if (browser::takeFragmentChange(fragment)) {
    if (fragment.size() > 1) app.openLink(fragment);
    changed = true;
  }
  std::string picked;
  if (browser::takePickedFile(picked)) {
    app.onFileDrop(picked);
    changed = true;
  }
  const double until = app.secondsUntilChange();
  if (!changed && !app.needsFrames() && !(until >= 0 && until <= gui.window.time() - gui.lastFrame)) return;
  gui.window.poll();
  interactiveFrame(gui);
  browser::frameShown();
  // The cursor ImGui asks for, as CSS (its GLFW backend would lock the pointer instead: cursors are ours here).
  static const char* const kCursors[] = {"default", "text", "move", "ns-resize", "ew-resize", "nesw-resize",
                                         "nwse-resize", "pointer", "not-allowed"};
  const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
  browser::setCursor(cursor >= 0 && cursor < ImGuiMouseCursor_COUNT ? kCursors[cursor] : "none");
  if (app.requests().pickFile) {  // Scene > Open a file: the browser's chooser, right after the click
    app.requests().pickFile = false;
    browser::pickFile(".csv,.npy,.json");
  }
  if (app.lessonIndex() != gui.lessonShown) {
    gui.lessonShown = app.lessonIndex();
    const std::string want = std::string("#lesson=") + app.lesson().id();
    const ShareLinkParse here = parseShareLink(browser::fragment());
    if (!here.ok || here.link.lesson != app.lesson().id()) browser::pushFragment(want);
  }
}
#endif

int runInteractive(Gui& gui) {
  App& app = *gui.app;
  gui.lastFrame = gui.window.time();
#ifdef __EMSCRIPTEN__
  gui.lessonShown = app.lessonIndex();
  emscripten_set_main_loop_arg(webFrame, &gui, 0, false);
  return 0;
#endif
  while (!gui.window.shouldClose() && !app.requests().quit) {
    // Idle: with nothing animating and no input, sleep until an event arrives (CPU near zero).
    if (app.needsFrames()) {
      gui.window.poll();
    } else {
      const double until = app.secondsUntilChange();
      gui.window.wait(until < 0 ? 0.0 : std::max(until, 0.01));  // 0: until an event arrives
    }
    interactiveFrame(gui);
    if (ImGui::GetIO().WantSaveIniSettings) saveIni(gui);
  }
  saveIni(gui);
  int w = 0, h = 0;
  if (gui.window.restorableSize(w, h)) app.setWindowSize(w, h);
  return 0;
}

int runExportNote(Gui& gui, const GuiOptions& opt) {
  const std::string err = writeNote(gui, opt.width, opt.height, opt.exportNote, gui.app->lesson().id());
  if (!err.empty()) {
    std::cerr << "nrlab: error: " << err << "\n";
    return 2;
  }
  return 0;
}

int runScreenshot(Gui& gui, const GuiOptions& opt) {
  std::vector<uint8_t> rgba;
  std::string error;
  const int f = opt.exportFactor;
  if (!renderOffscreen(gui, opt.width, opt.height, f, std::max(opt.frames, 2), rgba, error)) {
    std::cerr << "nrlab: error: " << error << "\n";
    return 1;
  }
  int w = opt.width * f, h = opt.height * f;
  if (opt.canvasOnly) rgba = cropCanvas(*gui.app, rgba, opt.width * f, opt.height * f, w, h);
  try {
    writePng(opt.screenshot, w, h, rgba);
  } catch (const core::FileError& e) {
    std::cerr << "nrlab: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

/// --bench-verify-damage: the pixels of the back buffer after present() that differ from the same frame drawn
/// whole into the same buffer (which then stays, so a miss does not carry on); the presenter's mark (bottom-left
/// pixel) is not compared. -1 when the buffer cannot be read.
long damageMismatch(const Gui& gui, int width, int height) {
  std::vector<std::uint8_t> shown, whole;
  if (!gfx::readBackBuffer(width, height, shown, false)) return -1;
  drawWhole();
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  gfx::markBackBuffer(gui.frameCount, bg.x, bg.y, bg.z);
  if (!gfx::readBackBuffer(width, height, whole, false) || whole.size() != shown.size()) return -1;
  long differ = 0;
  for (std::size_t p = 4; p < shown.size(); p += 4)  // from pixel 1: pixel 0 (bottom-left, GL order) is the mark
    differ += shown[p] != whole[p] || shown[p + 1] != whole[p + 1] || shown[p + 2] != whole[p + 2];
  return differ;
}

/// Resident set size of this process in KiB (Linux /proc), 0 when unknown.
long residentKb() {
  std::ifstream in("/proc/self/statm");
  long pages = 0, resident = 0;
  if (!(in >> pages >> resident)) return 0;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

int runBenchmark(Gui& gui, const GuiOptions& opt) {
  App& app = *gui.app;
  gui.fullRedraw = opt.benchFullRedraw;
  std::vector<double> ms, cpu;
  double firstFrameMs = 0;
  const int warmup = 10;
  int vertices = 0, drawCalls = 0;
  double redrawn = 0.0;  // mean share of the window redrawn per frame
  long mismatched = 0;   // --bench-verify-damage: pixels that differ from a whole redraw, over all frames
  bool checkFailed = false;  // and whether a frame could not be read back
  // Resident memory after the warm-up (a tenth of the frames, at least 10) and at the end: a soak run
  // (tools/soak.sh) checks that long sessions do not grow.
  const int rssMark = std::max(warmup, opt.benchFrames / 10);
  long rssWarmKb = 0;
  for (int i = 0; i < opt.benchFrames + warmup; ++i) {
    if (i == rssMark) rssWarmKb = residentKb();
    const auto t0 = std::chrono::steady_clock::now();
    gui.window.poll();
    if (opt.benchInteract) app.lesson().interact(i);
    // The demo baseline is drawn as ImGui's examples draw: whole, straight to the window. So is a lesson with
    // --bench-full-redraw; otherwise the lesson goes through the presenter, as in the interactive loop.
    if (!opt.benchBaseline) checkBackBuffer(gui);
    const double cpuMs = buildFrame(gui, kFixedDt, opt.width, opt.height, opt.benchBaseline);
    double share = 1.0;
    if (opt.benchBaseline)
      drawWhole();
    else
      share = present(gui);
    if (i >= warmup) redrawn += share / opt.benchFrames;
    if (opt.benchVerifyDamage && !opt.benchBaseline) {
      const long m = damageMismatch(gui, opt.width, opt.height);
      if (m < 0) checkFailed = true;
      else mismatched += m;
    }
    const ImDrawData* dd = ImGui::GetDrawData();
    vertices = dd->TotalVtxCount;
    drawCalls = 0;
    for (int l = 0; l < dd->CmdListsCount; ++l) drawCalls += dd->CmdLists[l]->CmdBuffer.Size;
    gui.window.swap();
    gfx::finish();
    const auto t1 = std::chrono::steady_clock::now();
    if (i == 0) firstFrameMs = std::chrono::duration<double, std::milli>(t1 - opt.started).count();
    if (i >= warmup) {
      ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      cpu.push_back(cpuMs);
    }
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  const double median = ms[ms.size() / 2];
  const double p95 = ms[std::min(ms.size() - 1, static_cast<size_t>(0.95 * ms.size()))];
  const gfx::GlInfo info = gfx::glInfo();
  nlohmann::json j;
  j["lesson"] = opt.benchBaseline ? std::string("baseline-demo") : std::string(app.lesson().id());
  j["frames"] = opt.benchFrames;
  j["median_ms"] = std::round(median * 1000) / 1000;
  j["p95_ms"] = std::round(p95 * 1000) / 1000;
  j["renderer"] = info.renderer;
  j["interact"] = opt.benchInteract;
  j["cpu_median_ms"] = std::round(cpu[cpu.size() / 2] * 1000) / 1000;  // building the UI, before GL draws it
  j["vertices"] = vertices;
  j["draw_calls"] = drawCalls;
  j["first_frame_ms"] = std::round(firstFrameMs * 10) / 10;  // launch (fonts included) to the first frame shown
  j["rss_warm_kb"] = rssWarmKb;
  j["rss_end_kb"] = residentKb();
  j["full_redraw"] = opt.benchBaseline || opt.benchFullRedraw;
  j["redrawn_share"] = std::round(redrawn * 1000) / 1000;
  if (opt.benchVerifyDamage) {
    j["damage_mismatched_px"] = mismatched;
    j["damage_check_failed"] = checkFailed;
  }
  if (!opt.benchBaseline) j["lesson_stats"] = app.lesson().benchStats();
  std::cout << j.dump() << std::endl;
  return 0;
}

// [SECTION] Start-up

/// NR_TRACE=1 prints where start-up time goes (launch must stay under a second with the Chinese font).
struct StartupTrace {
  bool on = false;
  std::chrono::steady_clock::time_point started;
  void operator()(const char* what) const {
    if (on)
      std::fprintf(stderr, "nrlab: %7.1f ms  %s\n",
                   std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count(), what);
  }
};

/// Opens the window and its GL context while the fonts are located; says why and returns false when it cannot.
bool openWindow(Gui& gui, const GuiOptions& opt) {
  WindowConfig wc;
  wc.width = opt.width;
  wc.height = opt.height;
  wc.visible = opt.screenshot.empty() && opt.exportNote.empty();  // offscreen: no window flashes on a desktop
  // The interactive window: the size given, else the last session's, else (a first launch) the screen's work area.
  if (!gui.headless && !opt.sizeGiven) {
    int w = 0, h = 0;
    if (savedWindowSize(w, h))
      wc.width = w, wc.height = h;
    else
      wc.maximized = true;
  }
  wc.vsync = !gui.headless;
  std::string error;
#ifdef __EMSCRIPTEN__
  gui.fullRedraw = true;  // WebGL does not keep the back buffer between frames: every frame is drawn whole
  const bool opened = gui.window.open(wc, error);
  gui.fonts.locate(findFontFiles());  // subsets preloaded with the page: quick
#else
  // Finding and reading the fonts (fontconfig, a 20 MB .ttc) takes as long as creating the GL context on
  // llvmpipe: do both at once.
  std::thread fontThread([&gui] { gui.fonts.locate(findFontFiles()); });
  const bool opened = gui.window.open(wc, error);
  fontThread.join();
#endif
  if (!opened) std::cerr << "nrlab: error: " << error << "\n";
  return opened;
}

/// The ImGui context, with its window state (imgui.ini) read by us.
void createImGuiContext(Gui& gui) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  // ImGui's window state (imgui.ini) is read and written here, not by ImGui: a bounded read, and an atomic write
  // that cannot truncate the old file when the disk is full.
  io.IniFilename = nullptr;
#ifndef __EMSCRIPTEN__
  if (!gui.headless && !configDir().empty()) {
    std::error_code ec;
    std::filesystem::create_directories(configDir(), ec);
    gui.iniPath = configDir() + "/imgui.ini";  // never the working directory
    loadIni(gui);
  }
#endif
}

/// The app's options from the command line (and, in the browser, from the browser on a first visit).
AppOptions appOptions(const Gui& gui, const GuiOptions& opt) {
  AppOptions ao;
  ao.lesson = opt.lesson;
  ao.persistent = !gui.headless;
#ifdef __EMSCRIPTEN__
  // Settings live in the browser's storage; a first visit follows the browser's language and pixel density.
  ImGui::GetIO().IniFilename = nullptr;
  ao.browser = true;
  browser::restoreKeptFiles();
  if (!std::filesystem::exists(configDir() + "/settings.json")) {
    const std::string browserLang = browser::language().substr(0, 2);
    if (opt.lang.empty() && Translator().hasLanguage(browserLang)) ao.lang = browserLang, ao.langGiven = true;
    int w = 0, h = 0;
    double ratio = 1.0;
    browser::pageSize(w, h, ratio);
    if (opt.scale <= 0) ao.scale = std::clamp(static_cast<float>(std::round(ratio * 4.0) / 4.0), 1.0f, 3.0f), ao.scaleGiven = true;
  }
#endif
  if (!opt.lang.empty()) ao.lang = opt.lang, ao.langGiven = true;  // checked by the command line
  if (opt.scale > 0) ao.scale = opt.scale, ao.scaleGiven = true;
  if (!opt.theme.empty()) ao.themeGiven = parseTheme(opt.theme.c_str(), ao.theme);
  ao.presenter = opt.presenter;
  return ao;
}

/// The ImGui platform and OpenGL backends (in the browser, also its clipboard, address and downloads).
void initBackends(Gui& gui) {
  gui.window.initImGuiBackend();
#ifdef __EMSCRIPTEN__
  ImGuiIO& io = ImGui::GetIO();
  App& app = *gui.app;
  ImGui_ImplOpenGL3_Init(nullptr);  // the backend's own choice for WebGL 2: "#version 300 es"
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;  // set as CSS in webFrame (GLFW would lock the pointer)
  // The browser's clipboard instead of GLFW's (which emscripten does not have), and the page's address for links.
  io.SetClipboardTextFn = [](void*, const char* text) { browser::copyText(text); };
  io.GetClipboardTextFn = [](void*) { return browser::pastedText(); };
  app.setLinkBase(browser::pageAddress());
  app.setFileWritten([](const std::string& path, FileUse use) {
    if (use == FileUse::Settings) {
      browser::keepFile(path);
      return false;
    }
    const char* type = use == FileUse::Picture ? "image/png" : use == FileUse::Note ? "text/markdown" : "application/json";
    browser::download(path, std::filesystem::path(path).filename().string(), type);
    return true;
  });
#else
  ImGui_ImplOpenGL3_Init("#version 330 core");
#endif
}

/// The backends, the app and the ImGui context, in the reverse order of their making.
void shutdownGui(Gui& gui) {
  ImGui_ImplOpenGL3_Shutdown();
  gui.window.shutdownImGuiBackend();
  gui.app.reset();
  ImGui::DestroyContext();
}

/// Opens --scene, --link and --open; returns false when a headless run must write nothing (the scene failed).
bool openGivenFiles(Gui& gui, const GuiOptions& opt, const AppOptions& ao) {
  App& app = *gui.app;
  if (!opt.scene.empty()) {
    if (!app.loadScene(opt.scene)) {
      for (const std::string& m : app.log()) std::cerr << "nrlab: " << m << "\n";
      if (gui.headless) {  // a picture or note of the defaults would be a wrong answer: write nothing
        std::cerr << "nrlab: error: nothing written, because the scene was not loaded\n";
        return false;
      }
    } else if (gui.headless)
      app.clearToasts();  // a gallery picture should not carry "Scene loaded"
    // An explicit --lang or --scale wins over the scene's.
    if (!opt.lang.empty()) app.setLang(ao.lang);
    if (opt.scale > 0) app.setScale(opt.scale);
  }
  if (!opt.link.empty()) {
    const std::size_t before = app.log().size();
    const bool opened = app.openLink(opt.link);
    for (std::size_t i = before; i < app.log().size(); ++i) std::cerr << "nrlab: " << app.log()[i] << "\n";
    if (opened && gui.headless) app.clearToasts();
    if (!opt.lang.empty()) app.setLang(ao.lang);
    if (opt.scale > 0) app.setScale(opt.scale);
  }
  if (!opt.open.empty()) {
    const std::size_t before = app.log().size();
    app.onFileDrop(opt.open);
    if (gui.headless) app.lesson().finishWork();  // the picture shows the table, not "Reading…"
    for (std::size_t i = before; i < app.log().size(); ++i) std::cerr << "nrlab: " << app.log()[i] << "\n";
    if (gui.headless) app.clearToasts();
  }
  return true;
}

/// Runs the mode the options ask for; returns the exit status.
int runMode(Gui& gui, const GuiOptions& opt) {
  if (!opt.exportNote.empty()) return runExportNote(gui, opt);
  if (!opt.screenshot.empty()) return runScreenshot(gui, opt);
  if (opt.benchFrames > 0) return runBenchmark(gui, opt);
  return runInteractive(gui);
}

}  // namespace

int runGui(const GuiOptions& opt) {
  const StartupTrace mark{std::getenv("NR_TRACE") != nullptr, opt.started};
  mark("main");
  // The browser keeps calling the frame after runGui returns (the page lives on): the Gui outlives this function
  // there, and is destroyed here on the desktop.
  auto owner = std::make_unique<Gui>();
  Gui& gui = *owner;
  gui.headless = !opt.screenshot.empty() || !opt.exportNote.empty() || opt.benchFrames > 0;
  if (!openWindow(gui, opt)) return 1;
  mark("window and GL context");
  createImGuiContext(gui);

  const AppOptions ao = appOptions(gui, opt);
  gui.app = std::make_unique<App>(ao);
  App& app = *gui.app;
  for (const std::string& p : app.translator().problems()) std::cerr << "nrlab: NR_TEXT_DIR: " << p << "\n";
  if (gui.headless) app.clearToasts();  // said on stderr; a picture should not carry them

  mark("app and lessons");
  if (opt.onAppReady) opt.onAppReady(app);
  mark("fonts located and read (in parallel with the window)");
  app.setCjkAvailable(gui.fonts.hasCjk(), gui.fonts.message());
  if (!gui.fonts.hasCjk() && !gui.fonts.message().empty()) std::cerr << "nrlab: " << gui.fonts.message() << "\n";

  initBackends(gui);
  if (!openGivenFiles(gui, opt, ao)) {
    shutdownGui(gui);
    return 2;
  }
  buildFonts(gui, app.scale());
  app.requests().rebuildFonts = false;
  mark("font atlas built and uploaded");

  const int status = runMode(gui, opt);
#ifdef __EMSCRIPTEN__
  if (!gui.headless) {
    owner.release();  // the browser runs the frames from now on (webFrame)
    return status;
  }
#endif

  shutdownGui(gui);
  return status;
}

}  // namespace nr::app
