#include "cli/cli_main.h"

#include <CLI/CLI.hpp>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli/fit_command.h"
#include "cli/normalize_command.h"
#include "gui_main.h"
#include "lessons/registry.h"
#include "platform/font_files.h"
#include "shell/app.h"
#include "shell/layout_check.h"

namespace nr::app {

namespace {

bool parseSize(const std::string& text, int& w, int& h) {
  const size_t x = text.find_first_of("xX");
  if (x == std::string::npos) return false;
  try {
    size_t a = 0, b = 0;
    w = std::stoi(text.substr(0, x), &a);
    h = std::stoi(text.substr(x + 1), &b);
    return a == x && b == text.size() - x - 1;
  } catch (const std::exception&) {
    return false;
  }
}

/// Checks the GUI options; returns an empty string or the one-line message.
std::string validateGui(GuiOptions& g, const std::string& size, bool sizeGiven) {
  if (!g.lesson.empty() && findLesson(g.lesson) < 0) return "unknown lesson '" + g.lesson + "'; see nrlab --list-lessons";
  if (!g.lang.empty() && !Translator().hasLanguage(g.lang))
    return "--lang must be " + Translator().languageList() + ", got '" + g.lang + "'";
  if (g.scale != 0.0f && !(g.scale >= 1.0f && g.scale <= 3.0f))
    return "--scale must be between 1 and 3 (e.g. 1.5 for a projector)";
  if (!g.theme.empty() && g.theme != "light" && g.theme != "dark" && g.theme != "high-contrast")
    return "--theme must be light, dark or high-contrast";
  if (sizeGiven) {
    g.sizeGiven = true;
    if (!parseSize(size, g.width, g.height)) return "--size must look like 1600x900, got '" + size + "'";
    if (g.width < 320 || g.height < 240 || g.width > 8192 || g.height > 8192)
      return "--size must be between 320x240 and 8192x8192, got " + size;
  }
  if (g.frames < 1) return "--frames must be at least 1";
  if (g.canvasOnly && g.screenshot.empty()) return "--canvas needs --screenshot OUT.png";
  if (g.exportFactor != 1 && g.exportFactor != 2) return "--factor must be 1 or 2";
  if (g.exportFactor != 1 && g.screenshot.empty()) return "--factor needs --screenshot OUT.png";
  if (g.benchFrames < 0) return "--bench-frames must be positive";
  if ((!g.screenshot.empty()) + (!g.exportNote.empty()) + (g.benchFrames > 0) > 1)
    return "use only one of --screenshot, --export-note and --bench-frames";
  return {};
}

/// 0 when everything printed reached standard output; otherwise says so and returns 2 (`--list-lessons >/dev/full`).
int stdoutWritten() {
  std::cout.flush();
  if (std::cout && std::fflush(stdout) == 0 && !std::ferror(stdout)) return 0;
  std::cerr << "nrlab: error: cannot write to standard output (" << std::strerror(errno) << ")\n";
  return 2;
}

/// The top-level options: the GUI's, --list-lessons and --print-link, bound to these fields by addGuiOptions.
struct GuiCommand {
  GuiOptions gui;
  std::string size;
  bool listLessons = false, printLink = false;
  CLI::Option* sizeOpt = nullptr;
};

void addGuiOptions(CLI::App& app, GuiCommand& c) {
  GuiOptions& gui = c.gui;
  app.add_flag("--list-lessons", c.listLessons, "Print the lesson ids, one per line");
  app.add_flag("--print-link", c.printLink,
               "With --scene, --link or --lesson: print {\"link\": share link, \"scene\": scene JSON} and exit (no display)");
  app.add_option("--lesson", gui.lesson, "Open this lesson (see --list-lessons)");
  app.add_option("--lang", gui.lang, "Interface language: en, zh, or the code of a catalog in NR_TEXT_DIR");
  app.add_option("--scale", gui.scale, "UI scale from 1 to 3 (projectors)");
  app.add_option("--theme", gui.theme, "light, dark or high-contrast");
  app.add_option("--scene", gui.scene, "Load a scene (.json) saved from the Scene menu");
  app.add_option("--open", gui.open,
                 "Open a file as if dropped on the window: a .csv table, a .npy of activations, or a scene (.json)");
  app.add_option("--link", gui.link,
                 "Open a share link: a web edition URL or its part from '#' (e.g. '#lesson=priors&lang=zh')");
  app.add_flag("--presenter", gui.presenter, "Start in presenter mode: only the picture and the formula (H toggles)");
  c.sizeOpt = app.add_option("--size", c.size, "Window size WxH (default 1600x900)");
  app.add_option("--screenshot", gui.screenshot, "Render the lesson, write this PNG and exit (needs a display, e.g. xvfb-run)");
  app.add_flag("--canvas", gui.canvasOnly, "With --screenshot: only the lesson's picture, not the whole window");
  app.add_option("--factor", gui.exportFactor,
                 "With --screenshot: 1 or 2, render at that multiple of the size and scale (as Export's 2x)");
  app.add_option("--export-note", gui.exportNote,
                 "Write DIR/<lesson>.png and DIR/<lesson>.md (title, image, formula in LaTeX, parameters) and exit");
  app.add_option("--frames", gui.frames, "Frames rendered before --screenshot (default 4)");
  app.add_option("--bench-frames", gui.benchFrames, "Render N frames unthrottled and print one JSON line of frame times");
  app.add_flag("--bench-interact", gui.benchInteract, "With --bench-frames: change the lesson's main parameter every frame");
  app.add_flag("--bench-baseline", gui.benchBaseline, "With --bench-frames: time ImGui's demo window alone (the reference)");
  app.add_flag("--bench-full-redraw", gui.benchFullRedraw,
               "With --bench-frames: draw every frame whole, as ImGui's examples do, instead of only what changed");
  app.add_option("--check-layout", gui.checkLayout,
                 "Lay out every lesson (or --lesson) at WxH with --scale, --lang, --presenter, without a display, and "
                 "print one JSON line of layout violations per lesson; exit 1 if any");
  app.add_flag("--bench-verify-damage", gui.benchVerifyDamage,
               "With --bench-frames: check every frame shown against the same frame drawn whole (for tests)");
}

/// `nrlab normalize`: its options, bound to these fields by addNormalizeCommand.
struct NormalizeCommand {
  NormalizeOptions norm;
  long long groups = 1;
  CLI::App* cmd = nullptr;
  CLI::Option* groupsOpt = nullptr;
};

void addNormalizeCommand(CLI::App& app, NormalizeCommand& c) {
  NormalizeOptions& norm = c.norm;
  c.cmd = app.add_subcommand(
      "normalize", "Normalize a float32/float64 .npy tensor of rank 2 (N,C), 3 (N,C,L) or 4 (N,C,H,W); writes float32");
  CLI::App* normalize = c.cmd;
  normalize->add_option("--in", norm.in, "Input .npy file")->required();
  normalize->add_option("--out", norm.out, "Output .npy file (float32, same shape)")->required();
  CLI::Option* kind =
      normalize->add_option("--kind", norm.kind, "Preset: batch (N,H,W), layer (C,H,W), instance (H,W), group (C/G,H,W)");
  CLI::Option* axes =
      normalize->add_option("--axes", norm.axes, "Reduced axes, any non-empty subset of N,C,H,W (L = H for rank 3)");
  kind->excludes(axes);
  c.groupsOpt = normalize->add_option("--groups", c.groups, "Channel groups G for --kind group (must divide C)");
  normalize->add_option("--eps", norm.eps, "Added to the variance (default 1e-5)");
  normalize->add_option("--gamma", norm.gamma, "Per-channel scale, a 1-D .npy of length C (default 1)");
  normalize->add_option("--beta", norm.beta, "Per-channel shift, a 1-D .npy of length C (default 0)");
  normalize->add_option("--stats", norm.stats, "Also write the per-group mean and variance as JSON");
}

int runNormalizeCommand(NormalizeCommand& c) {
  if (c.groupsOpt->count()) c.norm.groups = c.groups;
  try {
    runNormalize(c.norm);
  } catch (const std::exception& e) {
    std::cerr << "nrlab normalize: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

/// `nrlab fit`: its options, bound to these fields by addFitCommand; the optional ones are copied into `fit` only
/// when given.
struct FitCommand {
  FitOptions fit;
  double l1Ratio = 0.5, lambda = 0.0, lambdaMinRatio = 1e-3;
  long long pathCount = 0, folds = 0;
  CLI::App* cmd = nullptr;
  CLI::Option *l1Opt = nullptr, *lambdaOpt = nullptr, *pathOpt = nullptr, *ratioOpt = nullptr, *cvOpt = nullptr;
};

void addFitCommand(CLI::App& app, FitCommand& c) {
  FitOptions& fit = c.fit;
  c.cmd = app.add_subcommand(
      "fit", "Fit a penalized linear regression (none, ridge, lasso, elastic net) to a numeric CSV; writes coefficients");
  CLI::App* fitCmd = c.cmd;
  fitCmd->add_option("--data", fit.data, "Input CSV: a header row of names, then numbers")->required();
  fitCmd->add_option("--target", fit.target, "Name of the column to predict; every other column is a feature")->required();
  fitCmd->add_option("--penalty", fit.penalty, "none, ridge, lasso or elasticnet")->required();
  c.l1Opt = fitCmd->add_option("--l1-ratio", c.l1Ratio, "Elastic-net mixing α in [0, 1] (default 0.5)");
  c.lambdaOpt = fitCmd->add_option("--lambda", c.lambda, "Fit this one λ ≥ 0");
  c.pathOpt = fitCmd->add_option("--path", c.pathCount, "Fit K values of λ from λ_max down to λ_max·R, log-spaced");
  c.ratioOpt = fitCmd->add_option("--lambda-min-ratio", c.lambdaMinRatio, "R for --path (default 1e-3)");
  c.cvOpt = fitCmd->add_option("--cv", c.folds, "K-fold cross-validation: adds cv_mean, cv_se columns");
  // Digits only: "-1" would otherwise wrap around to 2⁶⁴ − 1 (and CLI11's range check prints 300-digit bounds).
  const CLI::Validator wholeNumber(
      [](std::string& s) -> std::string {
        if (s.empty() || s.size() > 19 || s.find_first_not_of("0123456789") != std::string::npos)
          return "must be a whole number from 0 to 9999999999999999999, got '" + s.substr(0, 40) + "'";
        return {};
      },
      "UINT");
  fitCmd->add_option("--seed", fit.seed, "Seed of the fold assignment (default 0)")->check(wholeNumber);
  fitCmd->add_option("--out", fit.out, "Output CSV: lambda,intercept,<features>[,cv_mean,cv_se]")->required();
}

int runFitCommand(FitCommand& c) {
  if (c.l1Opt->count()) c.fit.l1Ratio = c.l1Ratio;
  if (c.lambdaOpt->count()) c.fit.lambda = c.lambda;
  if (c.pathOpt->count()) c.fit.path = c.pathCount;
  if (c.ratioOpt->count()) c.fit.lambdaMinRatio = c.lambdaMinRatio;
  if (c.cvOpt->count()) c.fit.cv = c.folds;
  try {
    runFit(c.fit);
  } catch (const std::exception& e) {
    std::cerr << "nrlab fit: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

/// --print-link: prints the share link and scene JSON of --lesson, --scene or --link, without a window.
int printLinkAndScene(const GuiOptions& gui) {
  // The app without a window: an ImGui context for its style, no renderer.
  ImGui::CreateContext();
  int status = 0;
  {
    AppOptions ao;
    ao.lesson = gui.lesson;
    ao.persistent = false;
    ao.hasGraphics = false;
    App a(ao);
    if ((!gui.scene.empty() && !a.loadScene(gui.scene)) || (!gui.link.empty() && !a.openLink(gui.link))) {
      for (const std::string& m : a.log()) std::cerr << "nrlab: " << m << "\n";
      status = 2;
    } else {
      const nlohmann::json out = {{"link", a.currentLink()}, {"scene", nlohmann::json::parse(a.currentSceneJson())}};
      std::cout << out.dump() << "\n";
      status = stdoutWritten();
    }
  }
  ImGui::DestroyContext();
  return status;
}

/// --check-layout WxH: lays out the lessons without a display and prints their layout violations.
int checkLayout(const GuiOptions& gui) {
  LayoutCheckOptions lc;
  if (!parseSize(gui.checkLayout, lc.width, lc.height) || lc.width < 320 || lc.height < 240 || lc.width > 8192 ||
      lc.height > 8192) {
    std::cerr << "nrlab: error: --check-layout must be a size between 320x240 and 8192x8192 such as 1280x720, got '"
              << gui.checkLayout << "'\n";
    return 2;
  }
  lc.scale = gui.scale > 0 ? gui.scale : 1.0f;
  lc.presenter = gui.presenter;
  if (!gui.lang.empty()) lc.lang = gui.lang;
  lc.lesson = gui.lesson;
  lc.fonts = findFontFiles();
  for (const std::string& p : Translator().problems()) std::cerr << "nrlab: NR_TEXT_DIR: " << p << "\n";
  return runLayoutCheck(lc);
}

/// No subcommand: --list-lessons, --print-link, --check-layout or the GUI itself, once the options are checked.
int runTopLevel(CLI::App& app, GuiCommand& c) {
  GuiOptions& gui = c.gui;
  if (c.listLessons) {
    for (const LessonInfo& info : lessonCatalog()) std::cout << info.id << "\n";
    return stdoutWritten();
  }
  // An option given with an empty value (--screenshot '') is a mistake, not a request for the GUI.
  for (const char* name : {"--screenshot", "--export-note", "--scene", "--open", "--link", "--lesson", "--check-layout"})
    if (app.count(name) > 0 && app.get_option(name)->as<std::string>().empty()) {
      std::cerr << "nrlab: error: " << name << " needs a value (see nrlab --help)\n";
      return 2;
    }
  if (std::string err = validateGui(gui, c.size, c.sizeOpt->count() > 0); !err.empty()) {
    std::cerr << "nrlab: error: " << err << "\n";
    return 2;
  }
  if (c.printLink) return printLinkAndScene(gui);
  if (!gui.checkLayout.empty()) return checkLayout(gui);
  return runGui(gui);
}

}  // namespace

int runMain(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  // A file-size limit or quota must fail the write (EFBIG: "cannot write ...", the old file kept) rather than
  // kill the process with SIGXFSZ and leave a temporary file behind.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{
      "NR Lab: an interactive lab for how neural networks are normalized and regularized.\n"
      "Run without a command for the GUI; --list-lessons and the commands below work without a display.",
      "nrlab"};
  app.set_version_flag("--version", std::string("nrlab ") + NR_VERSION);
  app.require_subcommand(0, 1);

  // The option holders outlive the parse: CLI11 writes into their fields.
  GuiCommand gui;
  gui.gui.started = started;
  addGuiOptions(app, gui);
  NormalizeCommand normalize;
  addNormalizeCommand(app, normalize);
  FitCommand fit;
  addFitCommand(app, fit);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::string where = normalize.cmd->parsed() ? "nrlab normalize" : fit.cmd->parsed() ? "nrlab fit" : "nrlab";
    std::cerr << where << ": error: " << e.what() << " (see " << where << " --help)\n";
    return 2;
  }

  if (normalize.cmd->parsed()) return runNormalizeCommand(normalize);
  if (fit.cmd->parsed()) return runFitCommand(fit);
  return runTopLevel(app, gui);
}

}  // namespace nr::app
