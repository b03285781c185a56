// The shell and every registered lesson, driven through ImGui without a renderer: both languages, UI scales 1 and
// 2, every control at its extremes; the translation table; scenes; keys; a screenshot that cannot be written.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <sys/resource.h>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <map>
#include <fstream>
#include <regex>
#include <sstream>

#include "lessons/norm_axes.h"
#include "lessons/registry.h"
#include "kit/latex.h"
#include "nr/file_io.h"
#include "shell/app.h"
#include "kit/fonts.h"
#include "shell/scene.h"
#include "kit/screenshot.h"
#include "support/app_options.h"
#include "support/headless_ui.h"
#include "support/temp_dir.h"

namespace nr::app {
namespace {

namespace fs = std::filesystem;

/// The app's real font atlas, no renderer; frame(app) checks each frame for non-finite vertices and numbers.
using Headless = test::HeadlessUi;

AppOptions testOptions(const Lang& lang, float scale) { return test::appTestOptions(lang, scale); }

TEST(AppSmoke, EveryLessonBothLanguagesBothScalesAtItsExtremes) {
  Translator tr;
  for (Lang lang : {"en", "zh"})
    for (float scale : {1.0f, 2.0f}) {
      Headless ui(scale, tr);
      ASSERT_LE(ui.atlasHeight(), 16384) << "the font atlas would not fit a texture: a black screen";
      App app(testOptions(lang, scale));
      for (int i = 0; i < app.lessonCount(); ++i) {
        app.selectLesson(i);
        Lesson& lesson = app.lesson();
        SCOPED_TRACE(std::string(lesson.id()) + " lang " + lang + " scale " + std::to_string(scale));
        for (int f = 0; f < 3; ++f) EXPECT_GT(ui.frame(app), 0);
        for (int step = 0; step < lesson.extremeSteps(); ++step) {
          SCOPED_TRACE("extreme step " + std::to_string(step));
          lesson.applyExtreme(step);
          EXPECT_GT(ui.frame(app), 0) << "extreme step " << step;
        }
        for (int f = 0; f < 8; ++f) {
          SCOPED_TRACE("interact frame " + std::to_string(f));
          lesson.interact(f);
          ui.frame(app);
        }
        // Presenter mode draws only the canvas and the formula.
        app.setPresenter(true);
        EXPECT_GT(ui.frame(app), 0);
        app.setPresenter(false);
        lesson.reset();
        ui.frame(app);
      }
      EXPECT_TRUE(app.translator().missingKeys().empty())
          << "missing translation: " << (app.translator().missingKeys().empty() ? "" : app.translator().missingKeys()[0]);
    }
}

// The Reset button's promise, lesson by lesson: after every control was moved to its extremes, Reset gives back
// the defaults (those of a freshly made lesson) — or, for a training lesson (resetKeepsSettings), restarts with
// the settings kept, and Defaults then gives them back.
TEST(AppReset, ResetRestoresTheDefaultsOrRestartsAndDefaultsAlwaysRestoresThem) {
  Translator tr;
  Headless ui(1.0f, tr);
  App app(testOptions("en", 1.0f));
  int training = 0;
  for (int i = 0; i < app.lessonCount(); ++i) {
    app.selectLesson(i);
    Lesson& l = app.lesson();
    SCOPED_TRACE(l.id());
    const nlohmann::json defaults = lessonCatalog()[static_cast<std::size_t>(i)].make()->params();
    for (int k = 0; k < l.extremeSteps(); ++k) l.applyExtreme(k);
    const nlohmann::json moved = l.params();
    if (l.extremeSteps() > 0) {
      EXPECT_NE(moved, defaults) << "the extremes moved nothing";
    }
    l.reset();
    if (l.resetKeepsSettings()) {
      ++training;
      EXPECT_EQ(l.params(), moved) << "Restart must keep the settings";
      EXPECT_FALSE(l.playing());
    } else {
      EXPECT_EQ(l.params(), defaults) << "Reset must restore every default";
    }
    for (int k = 0; k < l.extremeSteps(); ++k) l.applyExtreme(k);
    app.restoreDefaults();
    EXPECT_EQ(l.params(), defaults);
    ui.frame(app);  // and it still draws
  }
  EXPECT_EQ(training, 5);  // training-lab, dropout, early-stopping, weight-decay, augmentation
}

TEST(AppSmoke, SmallWindowAndLargeScaleStillDraw) {
  Translator tr;
  Headless ui(3.0f, tr, ImVec2(1280, 720));
  App app(testOptions("en", 3.0f));
  for (int f = 0; f < 4; ++f) EXPECT_GT(ui.frame(app), 0);
}

TEST(Translation, EveryLessonIsCompleteInBothLanguages) {
  Translator tr;
  for (const LessonInfo& info : lessonCatalog()) {
    std::unique_ptr<Lesson> l = info.make();
    for (const char* key : {l->titleKey(), l->headingKey(), l->whatKey(), l->tryKey()}) {
      ASSERT_TRUE(tr.has(key)) << info.id << ": " << key;
      const std::string en = tr.get(key, "en"), zh = tr.get(key, "zh");
      EXPECT_FALSE(en.empty());
      EXPECT_FALSE(zh.empty());
      EXPECT_NE(en, zh) << key << " is not translated";
    }
  }
  for (const TextCatalog& c : tr.languages())
    for (const auto& [key, text] : c.strings) EXPECT_NE(text, "") << c.code << ": " << key;
  EXPECT_STREQ(tr.get("no.such.key", "zh"), "no.such.key");
}

TEST(Fonts, ChineseGlyphsComeFromTheTable) {
  Translator tr;
  Headless ui(1.0f, tr);
  if (!ui.hasCjk()) GTEST_SKIP() << "fonts-noto-cjk is not installed";
  ImFont* font = ImGui::GetIO().FontDefault;
  // Characters of the table are present; the rest of the CJK block is not (the atlas stays small).
  for (const char* s : {"归", "一", "化", "渲"}) {
    unsigned int c = 0;
    ImTextCharFromUtf8(&c, s, nullptr);
    if (std::string(tr.allText("zh")).find(s) != std::string::npos) {
      EXPECT_NE(font->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr) << s;
    }
  }
  EXPECT_EQ(font->FindGlyphNoFallback(static_cast<ImWchar>(0x9F98)), nullptr);  // 龘: not in any string
}

class SceneTest : public ::testing::Test {
 protected:
  test::TempDir tmp{"nr_scene"};
  const fs::path dir = tmp.path;
  /// Writes `text` as dir/name and returns the path.
  std::string write(const std::string& name, const std::string& text) const { return tmp.write(name, text); }
};

TEST_F(SceneTest, SaveAndLoadRoundTrip) {
  Translator tr;
  Headless ui(1.0f, tr);
  App app(testOptions("en", 1.0f));
  auto& lesson = static_cast<NormAxesLesson&>(app.lesson());
  std::vector<std::string> w, e;
  lesson.setParams({{"mode", "group"}, {"c", 8}, {"groups", 4}, {"gamma", 1.5}, {"eps", 0.01}}, w, e);
  ASSERT_TRUE(e.empty()) << e[0];
  app.setLang("zh");
  const std::string path = (dir / "s.json").string();
  ASSERT_TRUE(app.saveScene(path));
  const nlohmann::json saved = lesson.params();
  lesson.reset();
  app.setLang("en");
  EXPECT_NE(lesson.params(), saved);
  ASSERT_TRUE(app.loadScene(path));
  EXPECT_EQ(lesson.params(), saved);
  EXPECT_EQ(app.lang(), "zh");
  EXPECT_EQ(lesson.current().groups, 4);
  EXPECT_EQ(lesson.result().groups.groupCount(), 4 * lesson.current().n);
}

TEST_F(SceneTest, MalformedOrInvalidScenesKeepTheDefaults) {
  Translator tr;
  Headless ui(1.0f, tr);
  App app(testOptions("en", 1.0f));
  const nlohmann::json defaults = app.lesson().params();
  EXPECT_FALSE(app.loadScene(write("bad.json", "{ this is not json")));
  EXPECT_NE(app.log().back().find("malformed"), std::string::npos) << app.log().back();
  EXPECT_FALSE(app.loadScene(write("nolesson.json", R"({"lang": "zh"})")));
  EXPECT_FALSE(app.loadScene(write("unknown.json", R"({"lesson": "no-such-lesson"})")));
  EXPECT_NE(app.log().back().find("unknown lesson"), std::string::npos);
  EXPECT_FALSE(app.loadScene(write("range.json", R"({"lesson": "norm-axes", "params": {"n": 99, "gamma": 2}})")));
  EXPECT_NE(app.log().back().find("'n' must be a whole number between 1 and 8"), std::string::npos) << app.log().back();
  EXPECT_FALSE(app.loadScene(write("type.json", R"({"lesson": "norm-axes", "params": {"eps": "small"}})")));
  EXPECT_FALSE(app.loadScene(write("groups.json", R"({"lesson": "norm-axes", "params": {"c": 6, "groups": 4}})")));
  EXPECT_FALSE(app.loadScene(write("scale.json", R"({"lesson": "norm-axes", "scale": 7})")));
  EXPECT_FALSE(app.loadScene((dir / "missing.json").string()));
  EXPECT_EQ(app.lesson().params(), defaults);
  EXPECT_EQ(app.lang(), "en");
  // Unknown keys are ignored with a warning; the rest applies.
  EXPECT_TRUE(app.loadScene(write("extra.json", R"({"lesson": "norm-axes", "colour": 1, "params": {"w": 3, "zoom": 2}})")));
  bool warnedTop = false, warnedParam = false;
  for (const std::string& m : app.log()) {
    warnedTop |= m.find("unknown key 'colour'") != std::string::npos;
    warnedParam |= m.find("unknown parameter 'zoom'") != std::string::npos;
  }
  EXPECT_TRUE(warnedTop);
  EXPECT_TRUE(warnedParam);
  EXPECT_EQ(static_cast<NormAxesLesson&>(app.lesson()).current().w, 3);
}

TEST(Keys, ShortcutsDriveTheShell) {
  Translator tr;
  Headless ui(1.0f, tr);
  App app(testOptions("en", 1.0f));
  ui.frame(app);
  auto& lesson = static_cast<NormAxesLesson&>(app.lesson());
  std::vector<std::string> w, e;
  lesson.setParams({{"n", 2}}, w, e);
  app.onKey({AppKey::R});
  EXPECT_EQ(lesson.current().n, NormAxesLesson::Params().n);
  app.onKey({AppKey::H});
  EXPECT_TRUE(app.presenter());
  app.onKey({AppKey::H});
  EXPECT_FALSE(app.presenter());
  const int before = app.lessonIndex();
  app.onKey({AppKey::Right});
  app.onKey({AppKey::Left});
  EXPECT_EQ(app.lessonIndex(), before);
  app.onKey({AppKey::F12});
  app.onKey({AppKey::S, true, true});
  app.onKey({AppKey::S, false, false});  // plain S is not a shortcut
  ASSERT_EQ(app.requests().screenshots.size(), 2u);
  EXPECT_FALSE(app.requests().screenshots[0].canvasOnly);
  EXPECT_TRUE(app.requests().screenshots[1].canvasOnly);
  app.onKey({AppKey::F11});
  EXPECT_TRUE(app.requests().toggleFullscreen);
}

// Hostile scenes: nested 100,000 levels deep (in a known key, in "lang", in unknown parameters), 4 million
// unknown keys, a 2 MB string, a file over the limit. One short message each, never a crash, the lesson unchanged.
TEST_F(SceneTest, HostileScenesAreRefusedOrSummarizedInOneLine) {
  Translator tr;
  Headless ui(1.0f, tr);
  App app(testOptions("en", 1.0f));
  const nlohmann::json defaults = app.lesson().params();
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  for (const std::string& text :
       {R"({"lesson": "norm-axes", "params": {"gamma": )" + deep + "}}", R"({"lesson": "norm-axes", "lang": )" + deep + "}",
        R"({"lesson": "norm-axes", "params": {"zoom": )" + deep + "}}"}) {
    const std::size_t before = app.log().size();
    EXPECT_FALSE(app.loadScene(write("deep.json", text)));
    ASSERT_EQ(app.log().size(), before + 1);
    EXPECT_NE(app.log().back().find("levels deep"), std::string::npos) << app.log().back();
  }
  // Over 1 MB: refused before parsing, with the limit in the message.
  EXPECT_FALSE(app.loadScene(write("huge.json", R"({"lesson": "norm-axes", "description": ")" + std::string(2 << 20, 'x') + "\"}")));
  EXPECT_NE(app.log().back().find("larger than the 1.05 MB"), std::string::npos) << app.log().back();
  EXPECT_EQ(app.lesson().params(), defaults);
  // A long wrong-typed value is cut in the message; many unknown keys become one summary line.
  EXPECT_FALSE(app.loadScene(write("long.json", R"({"lesson": "norm-axes", "params": {"eps": ")" + std::string(500000, 'y') + "\"}}")));
  EXPECT_LT(app.log().back().size(), 200u) << app.log().back().substr(0, 300);
  EXPECT_NE(app.log().back().find("(500000 bytes)"), std::string::npos);
  std::string many = R"({"lesson": "norm-axes", )";
  for (int i = 0; i < 20000; ++i) many += "\"k" + std::to_string(i) + "\": 1, ";
  many += R"("params": {)";
  for (int i = 0; i < 20000; ++i) many += "\"p" + std::to_string(i) + "\": 1, ";
  many += R"("w": 3}})";
  const std::size_t before = app.log().size();
  EXPECT_TRUE(app.loadScene(write("many.json", many)));
  EXPECT_LE(app.log().size(), before + 9);  // 3 + summary for each level, and "Scene loaded"
  bool summarizedTop = false, summarizedParams = false;
  for (std::size_t i = before; i < app.log().size(); ++i) {
    summarizedTop |= app.log()[i].find("and 19997 more unknown keys") != std::string::npos;
    summarizedParams |= app.log()[i].find("and 19997 more unknown parameters") != std::string::npos;
  }
  EXPECT_TRUE(summarizedTop);
  EXPECT_TRUE(summarizedParams);
  // A flood of messages (100,000 toasts made frames 276 ms): at most a few on screen, the log bounded.
  for (int i = 0; i < 100000; ++i) app.toast("message " + std::to_string(i), true);
  EXPECT_LE(app.toastCount(), 6u);
  EXPECT_LE(app.log().size(), 10000u);
  EXPECT_EQ(app.log().back(), "message 99999");
  // /dev/zero as a scene, and as the table a scene names: refused at once (it grew to 4 GB before).
  EXPECT_FALSE(app.loadScene("/dev/zero"));
  EXPECT_NE(app.log().back().find("not a regular file"), std::string::npos) << app.log().back();
  EXPECT_FALSE(app.loadScene(write("zero.json", R"({"lesson": "regularized-fit", "params": {"source": "csv", "csv_path": "/dev/zero"}})")));
  EXPECT_NE(app.log().back().find("/dev/zero: it is not a regular file"), std::string::npos) << app.log().back();
}

TEST(Screenshot, AFolderThatCannotBeExaminedIsAMessageNotACrash) {
  // A loop of symbolic links where the pictures folder should be: screenshotPath must not throw.
  test::TempDir tmp("nr_loop");
  const fs::path dir = tmp.path;
  fs::create_symlink(dir / "b", dir / "a");
  fs::create_symlink(dir / "a", dir / "b");
  std::string path;
  EXPECT_NO_THROW(path = screenshotPath((dir / "a" / "nrlab").string(), "norm-axes"));
  std::vector<uint8_t> px(4 * 4 * 4, 200);
  EXPECT_THROW(writePng(path, 4, 4, px), core::FileError);
  // No home folder: nothing is saved in some shared place.
  const char* home = std::getenv("HOME");
  const std::string saved = home ? home : "";
  unsetenv("HOME");
  unsetenv("XDG_PICTURES_DIR");
  unsetenv("XDG_CONFIG_HOME");
  const std::string pictures = screenshotDir(), config = configDir();
  if (!saved.empty()) setenv("HOME", saved.c_str(), 1);
  EXPECT_EQ(pictures.rfind("/tmp", 0), std::string::npos) << pictures;
  EXPECT_EQ(config.rfind("/tmp", 0), std::string::npos) << config;
}

TEST(Screenshot, AnOversizedImGuiIniIsIgnoredWithAMessage) {
  test::TempDir tmp("nr_ini");
  const std::string ini = tmp.file("imgui.ini");
  std::string message;
  EXPECT_EQ(readIniFile(ini, message), "");
  EXPECT_EQ(message, "") << "no file, nothing to say";
  std::string big;
  for (int i = 0; i < 200000; ++i) big += "[Window][w" + std::to_string(i) + "]\nPos=0,0\n";
  core::writeFileAtomic(ini, big);
  EXPECT_EQ(readIniFile(ini, message), "");
  EXPECT_NE(message.find("ignored"), std::string::npos) << message;
  core::writeFileAtomic(ini, "[Window][Debug]\nPos=60,60\n");
  EXPECT_EQ(readIniFile(ini, message), "[Window][Debug]\nPos=60,60\n");
  EXPECT_EQ(message, "");
}

TEST(Screenshot, UnwritableFolderGivesAMessageAndNoPartialFile) {
  std::vector<uint8_t> px(4 * 4 * 4, 200);
  try {
    writePng("/proc/nrlab-cannot-exist/x.png", 4, 4, px);
    FAIL() << "writing into /proc must fail";
  } catch (const core::FileError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot"), std::string::npos) << e.what();
  }
  try {
    writePng("/dev/full", 4, 4, px);
    FAIL() << "/dev/full must fail";
  } catch (const core::FileError& e) {
    EXPECT_NE(std::string(e.what()).find("disk is full"), std::string::npos) << e.what();
  }
  // A failed write leaves an existing screenshot of the same name intact (the write is cut by a size limit).
  test::TempDir tmp("nr_shot");
  const fs::path dir = tmp.path;
  const std::string path = tmp.file("a.png");
  writePng(path, 4, 4, px);
  const std::string before = core::readFile(path);
  std::vector<uint8_t> big(512 * 512 * 4);
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<uint8_t>(i * 2654435761u >> 13);  // incompressible
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit old{};
  getrlimit(RLIMIT_FSIZE, &old);
  rlimit small = old;
  small.rlim_cur = 8192;
  setrlimit(RLIMIT_FSIZE, &small);
  EXPECT_THROW(writePng(path, 512, 512, big), core::FileError);
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, SIG_DFL);
  EXPECT_EQ(core::readFile(path), before);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(Screenshot, PathsFollowXdg) {
  setenv("XDG_PICTURES_DIR", "/tmp/pics", 1);
  EXPECT_EQ(screenshotDir(), "/tmp/pics/nrlab");
  unsetenv("XDG_PICTURES_DIR");
  const std::string p = screenshotPath("/tmp/x", "norm-axes");
  EXPECT_EQ(p.rfind("/tmp/x/norm-axes-", 0), 0u);
  EXPECT_EQ(p.substr(p.size() - 4), ".png");
  setenv("XDG_CONFIG_HOME", "/tmp/cfg", 1);
  EXPECT_EQ(configDir(), "/tmp/cfg/nrlab");
  unsetenv("XDG_CONFIG_HOME");
}

// What the command line gives wins over the saved settings, the default values included: `--scale 1` after a saved
// scale of 2, `--theme light` after a saved dark theme, `--lang en` after a saved Chinese UI.
TEST(Settings, CommandLineWinsOverSavedSettingsDefaultsIncluded) {
  test::TempDir tmp("nr_settings");
  const fs::path dir = tmp.path;
  fs::create_directories(dir / "nrlab");
  core::writeFileAtomic((dir / "nrlab" / "settings.json").string(),
                        R"({"lesson": "priors", "lang": "zh", "scale": 2.0, "theme": "dark"})");
  setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
  Translator tr;
  {
    Headless ui(1.0f, tr);
    AppOptions o;
    o.hasGraphics = false;  // persistent: the settings are read
    App saved(o);
    EXPECT_EQ(saved.scale(), 2.0f);
    EXPECT_EQ(saved.theme(), Theme::Dark);
    EXPECT_EQ(saved.lang(), "zh");
    EXPECT_STREQ(saved.lesson().id(), "priors");
    o.scale = 1.0f, o.scaleGiven = true;
    o.theme = Theme::Light, o.themeGiven = true;
    o.lang = "en", o.langGiven = true;
    App given(o);
    EXPECT_EQ(given.scale(), 1.0f);
    EXPECT_EQ(given.theme(), Theme::Light);
    EXPECT_EQ(given.lang(), "en");
  }
  unsetenv("XDG_CONFIG_HOME");
}

// A first start (nothing saved) follows the system's language: LC_ALL, then LC_MESSAGES, then LANG; a saved
// choice wins afterwards, and --lang wins over both.
TEST(Settings, FirstStartFollowsTheSystemLanguage) {
  test::TempDir tmp("nr_lang");
  const fs::path dir = tmp.path;
  fs::create_directories(dir / "nrlab");
  setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
  const char* names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  std::string saved[3];
  bool had[3];
  for (int i = 0; i < 3; ++i) {
    const char* v = std::getenv(names[i]);
    had[i] = v != nullptr;
    saved[i] = v ? v : "";
    unsetenv(names[i]);
  }
  Translator tr;
  {
    Headless ui(1.0f, tr);
    AppOptions o;
    o.hasGraphics = false;
    setenv("LANG", "zh_CN.UTF-8", 1);
    EXPECT_EQ(App(o).lang(), "zh");
    setenv("LC_MESSAGES", "en_GB.UTF-8", 1);  // LC_MESSAGES before LANG
    EXPECT_EQ(App(o).lang(), "en");
    setenv("LC_ALL", "zh_TW.UTF-8", 1);  // LC_ALL before both
    EXPECT_EQ(App(o).lang(), "zh");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "de_DE.UTF-8", 1);
    EXPECT_EQ(App(o).lang(), "en");
    // A saved choice wins over the system; --lang over both.
    setenv("LANG", "zh_CN.UTF-8", 1);
    core::writeFileAtomic((dir / "nrlab" / "settings.json").string(), R"({"lang": "en"})");
    EXPECT_EQ(App(o).lang(), "en");
    core::writeFileAtomic((dir / "nrlab" / "settings.json").string(), R"({"lang": "zh"})");
    o.lang = "en", o.langGiven = true;
    EXPECT_EQ(App(o).lang(), "en");
  }
  for (int i = 0; i < 3; ++i)
    if (had[i]) setenv(names[i], saved[i].c_str(), 1);
    else unsetenv(names[i]);
  unsetenv("XDG_CONFIG_HOME");
}

TEST(NormAxesLesson, PresetsRegroupTheSameData) {
  NormAxesLesson l;
  std::vector<std::string> w, e;
  l.setParams({{"n", 3}, {"c", 6}, {"h", 2}, {"w", 5}, {"mode", "batch"}}, w, e);
  EXPECT_EQ(l.result().groups.groupCount(), 6);
  EXPECT_EQ(l.result().groups.groupSize(), 30);
  l.setParams({{"mode", "layer"}}, w, e);
  EXPECT_EQ(l.result().groups.groupCount(), 3);
  l.setParams({{"mode", "instance"}}, w, e);
  const std::vector<float> inst = l.result().output.values();
  l.setParams({{"mode", "group"}, {"groups", 6}}, w, e);
  EXPECT_EQ(l.result().output.values(), inst) << "GroupNorm with G = C is InstanceNorm";
  l.setParams({{"mode", "custom"}, {"axis_n", false}, {"axis_c", true}, {"axis_h", true}, {"axis_w", true}}, w, e);
  l.setParams({{"groups", 1}}, w, e);
  const std::vector<float> layerLike = l.result().output.values();
  l.setParams({{"mode", "layer"}}, w, e);
  EXPECT_EQ(l.result().output.values(), layerLike);
  // The data: per-sample and per-channel offsets, so BN and LN statistics differ.
  l.setParams({{"mode", "batch"}}, w, e);
  const std::vector<double> bnMeans = l.result().mean;
  EXPECT_GT(*std::max_element(bnMeans.begin(), bnMeans.end()) - *std::min_element(bnMeans.begin(), bnMeans.end()), 1.0);
  // Same seed, same data; another seed, other data.
  const std::vector<float> x1 = l.input().values();
  l.setParams({{"seed", 2}}, w, e);
  EXPECT_NE(l.input().values(), x1);
  l.setParams({{"seed", 1}}, w, e);
  EXPECT_EQ(l.input().values(), x1);
}

}  // namespace
}  // namespace nr::app

namespace nr::app {
namespace {

TEST(Presets, EveryBundledSceneLoadsCleanly) {
  Translator tr;
  Headless ui(1.0f, tr);
  App app(testOptions("en", 1.0f));
  int count = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(NR_SOURCE_DIR) / "assets" / "scenes")) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().string());
    const size_t logBefore = app.log().size();
    EXPECT_TRUE(app.loadScene(entry.path().string()));
    // The Scene menu shows each preset's one-line description, from the catalogs: "<lesson>.preset.<name>" for
    // <lesson>-<name>.json.
    const SceneParse parsed = parseScene(core::readFile(entry.path().string()), entry.path().string());
    const std::string stem = entry.path().stem().string();
    ASSERT_EQ(stem.rfind(parsed.scene.lesson + "-", 0), 0u) << "a preset's file name starts with its lesson's id";
    const std::string key = parsed.scene.lesson + ".preset." + stem.substr(parsed.scene.lesson.size() + 1);
    EXPECT_TRUE(tr.has(key)) << "a preset without a description: " << key;
    EXPECT_STRNE(tr.get(key.c_str(), "en"), tr.get(key.c_str(), "zh")) << key << " is not translated";
    // Only the "loaded" message: no warning about unknown keys, no error.
    EXPECT_EQ(app.log().size(), logBefore + 1) << app.log().back();
    EXPECT_GT(ui.frame(app), 0);
    ++count;
  }
  EXPECT_GE(count, 2);
}

}  // namespace
}  // namespace nr::app

namespace nr::app {
namespace {

// A scene (or a typed value) with NaN or ±∞ for any numeric parameter is refused as a whole and changes nothing.
TEST(Controls, NonFiniteParametersAreRefused) {
  for (const LessonInfo& info : lessonCatalog()) {
    std::unique_ptr<Lesson> l = info.make();
    const nlohmann::json before = l->params();
    int numeric = 0;
    for (auto it = before.begin(); it != before.end(); ++it) {
      if (!it->is_number()) continue;
      ++numeric;
      for (double bad : {std::nan(""), HUGE_VAL, -HUGE_VAL}) {
        std::vector<std::string> w, e;
        l->setParams({{it.key(), bad}}, w, e);
        EXPECT_FALSE(e.empty()) << info.id << "." << it.key() << " = " << bad << " was accepted";
        EXPECT_EQ(l->params(), before) << info.id << "." << it.key();
      }
    }
    if (std::string(info.id) != "cheat-sheet") {
      EXPECT_GT(numeric, 0) << info.id;
    }
  }
}

class SceneWriteTest : public SceneTest {};

// Saving a scene to a full disk or an unwritable folder: one clear message; an existing scene of the same name is
// left exactly as it was (the write goes to a temporary file that is renamed only when complete).
TEST_F(SceneWriteTest, FullDiskOrUnwritableFolderLeavesTheOldSceneIntact) {
  Translator tr;
  Headless ui(1.0f, tr);
  App app(testOptions("en", 1.0f));
  EXPECT_FALSE(app.saveScene("/dev/full"));
  EXPECT_NE(app.log().back().find("disk is full"), std::string::npos) << app.log().back();
  EXPECT_FALSE(app.saveScene("/proc/nrlab-no/scene.json"));
  EXPECT_NE(app.log().back().find("cannot"), std::string::npos) << app.log().back();
  // A missing folder is created.
  const std::string path = (dir / "new" / "folder" / "s.json").string();
  ASSERT_TRUE(app.saveScene(path));
  const std::string before = core::readFile(path);
  // The disk fills up during the next save (a file size limit of 16 bytes): the old scene survives whole.
  std::vector<std::string> w, e;
  app.lesson().setParams({{"n", 2}}, w, e);
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit old{};
  getrlimit(RLIMIT_FSIZE, &old);
  rlimit small = old;
  small.rlim_cur = 16;
  setrlimit(RLIMIT_FSIZE, &small);
  const bool saved = app.saveScene(path);
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, SIG_DFL);
  EXPECT_FALSE(saved);
  EXPECT_EQ(core::readFile(path), before);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "new" / "folder"), fs::directory_iterator()), 1)
      << "a temporary file was left behind";
}

}  // namespace
}  // namespace nr::app

namespace nr::app {
namespace {

// A scene writes decimals: "lr": 0.9 must be accepted as the maximum of a float slider whose bound is 0.9f
// (0.89999998), and 0.9000001 must still be refused.
TEST(Controls, FloatBoundsAcceptTheirDecimalSpelling) {
  float value = 0.5f;
  std::vector<std::string> w, e;
  const nlohmann::json decimals = {{"lr", 0.9}, {"lo", 0.01}}, above = {{"lr", 0.9001}};
  ParamReader ok(decimals, w, e);
  ok.read("lr", value, 0.01f, 0.9f);
  float low = 0.5f;
  ok.read("lo", low, 0.01f, 0.9f);
  EXPECT_TRUE(ok.finish());
  EXPECT_EQ(value, 0.9f);
  EXPECT_EQ(low, 0.01f);
  ParamReader over(above, w, e);
  over.read("lr", value, 0.01f, 0.9f);
  EXPECT_FALSE(over.finish());
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("between 0.01 and 0.9,"), std::string::npos) << e[0];
}

}  // namespace
}  // namespace nr::app

namespace nr::app {
namespace {

// Every lesson offers its formula as LaTeX (Copy LaTeX, exported notes) with balanced braces and environments and
// no non-finite number; tools/check_notes.sh also renders each one with pandoc.
TEST(Latex, NegativeNumbersAfterAnOperatorAreParenthesized) {
  EXPECT_EQ(latexFactor(-1.043), "(-1.043)");
  EXPECT_EQ(latexFactor(2.5), "2.5");
  EXPECT_EQ(latexFactor(0.0), "0");
  // No "\cdot -", "\times -", "- -" or "+ -" in any lesson's formula, at its defaults and its extremes.
  for (const LessonInfo& info : lessonCatalog()) {
    auto l = info.make();
    for (int step = -1; step < l->extremeSteps(); ++step) {
      if (step >= 0) l->applyExtreme(step);
      const std::string f = l->formulaLatex();
      for (const char* bad : {"\\cdot -", "\\times -", "- -", "+ -", "= q \\cdot -"})
        EXPECT_EQ(f.find(bad), std::string::npos) << info.id << " step " << step << ": " << bad << " in " << f;
    }
  }
}

TEST(Latex, EveryLessonHasAWellFormedFormula) {
  for (const LessonInfo& info : lessonCatalog()) {
    std::unique_ptr<Lesson> l = info.make();
    const std::string t = l->formulaLatex();
    EXPECT_FALSE(t.empty()) << info.id << " has no LaTeX formula";
    int depth = 0;
    bool negative = false;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '\\') {
        ++i;  // \{ and \} are literal braces
        continue;
      }
      depth += t[i] == '{' ? 1 : t[i] == '}' ? -1 : 0;
      negative |= depth < 0;
    }
    EXPECT_EQ(depth, 0) << info.id << ": unbalanced braces in " << t;
    EXPECT_FALSE(negative) << info.id;
    auto count = [&](const std::string& s) {
      size_t n = 0;
      for (size_t p = t.find(s); p != std::string::npos; p = t.find(s, p + 1)) ++n;
      return n;
    };
    EXPECT_EQ(count("\\begin{"), count("\\end{")) << info.id;
    auto delimiters = [&](const char* re) {
      const std::regex r(re);
      return std::distance(std::sregex_iterator(t.begin(), t.end(), r), std::sregex_iterator());
    };
    EXPECT_EQ(delimiters(R"(\\left(?!arrow|right))"), delimiters(R"(\\right(?!arrow))")) << info.id;
    // A printed non-finite number (\\infty is fine).
    EXPECT_EQ(delimiters(R"((^|[^\\a-zA-Z])-?(nan|inf)(?![a-z]))"), 0) << info.id << ": " << t;
  }
}

}  // namespace
}  // namespace nr::app

namespace nr::app {
namespace {

// Lesson titles are distinct in every language (the lesson list would show two alike). That no key is defined twice
// is the catalog test's (i18n_catalog_test.cpp): a lesson's keys start with its id.
TEST(Translation, TitlesAreDistinct) {
  Translator tr;
  for (const TextCatalog& c : tr.languages()) {
    const Lang& lang = c.code;
    std::map<std::string, std::string> titles;
    for (const LessonInfo& info : lessonCatalog()) {
      const std::string t = tr.get(info.make()->titleKey(), lang);
      auto [it, fresh] = titles.emplace(t, info.id);
      EXPECT_TRUE(fresh) << info.id << " and " << it->second << " share the title " << t;
    }
  }
}

}  // namespace
}  // namespace nr::app
