// Every registered lesson rendered by the real binary under Xvfb (llvmpipe) and compared with its golden PNG: each
// lesson's canvas in English, and one whole window (menus, lesson list, controls, texts) in English and Chinese.
// Chinese (and a 40 %-longer pseudo-locale) is held by the layout checks of tests/ui/layout_check_test.cpp at every
// teaching size, so a reworded sentence no longer means regenerating thirty whole-window pictures. Set
// NR_UPDATE_GOLDEN=1 to rewrite the goldens after an intended change (and look at them).
#include <gtest/gtest.h>
#include <stb/stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "lessons/registry.h"
#include "nr/file_io.h"
#include "support/run_nrlab.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;

namespace {

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> px;
};

bool loadPng(const std::string& path, Image& img) {
  int n = 0;
  unsigned char* data = stbi_load(path.c_str(), &img.w, &img.h, &n, 4);
  if (!data) return false;
  img.px.assign(data, data + size_t(img.w) * img.h * 4);
  stbi_image_free(data);
  return true;
}

using Outcome = nr::test::RunResult;
using nr::test::runNrlab;

class LessonRender : public ::testing::Test {
 protected:
  nr::test::TempDir m_tmp{"nr_gl"};
  const fs::path tmp = m_tmp.path;
};

// Differences allowed against a golden: llvmpipe is deterministic, so these only absorb a changed font hinting or
// Mesa version, not a changed picture.
constexpr double kMaxMeanDiff = 0.6;          // mean |Δ| per channel, 0–255
constexpr double kMaxChangedFraction = 0.004; // share of pixels with a channel off by more than 40

struct GoldenCase {
  std::string name;  // file name under tests/data/golden/gl
  std::string args;  // nrlab's arguments before --screenshot
};

std::vector<GoldenCase> goldenCases() {
  std::vector<GoldenCase> cases;
  for (const nr::app::LessonInfo& info : nr::app::lessonCatalog())
    cases.push_back({std::string(info.id) + "-canvas-en.png",
                     std::string("--lesson ") + info.id + " --lang en --size 1280x720 --canvas"});
  for (const char* lang : {"en", "zh"})
    cases.push_back({std::string("window-norm-axes-") + lang + ".png",
                     std::string("--lesson norm-axes --lang ") + lang + " --size 1280x720"});
  return cases;
}

TEST_F(LessonRender, EveryLessonMatchesItsGolden) {
  const bool update = std::getenv("NR_UPDATE_GOLDEN") != nullptr;
  const fs::path goldenDir = fs::path(NR_TEST_DATA_DIR) / "golden" / "gl";
  for (const GoldenCase& c : goldenCases()) {
    SCOPED_TRACE(c.name);
    const fs::path out = tmp / c.name;
    Outcome o = runNrlab(c.args + " --screenshot " + out.string(), tmp);
    ASSERT_EQ(o.status, 0) << o.err;
    Image got, want;
    ASSERT_TRUE(loadPng(out.string(), got));
    EXPECT_GT(got.w, 320);
    EXPECT_GT(got.h, 180);
    if (update) {
      fs::create_directories(goldenDir);
      fs::copy_file(out, goldenDir / c.name, fs::copy_options::overwrite_existing);
      continue;
    }
    ASSERT_TRUE(loadPng((goldenDir / c.name).string(), want)) << "no golden " << (goldenDir / c.name)
                                                              << "; run with NR_UPDATE_GOLDEN=1 and look at it";
    ASSERT_EQ(got.w, want.w);
    ASSERT_EQ(got.h, want.h);
    double sum = 0;
    size_t changed = 0;
    for (size_t p = 0; p < got.px.size(); p += 4) {
      int worst = 0;
      for (int ch = 0; ch < 3; ++ch) {
        const int d = std::abs(int(got.px[p + ch]) - int(want.px[p + ch]));
        sum += d;
        worst = std::max(worst, d);
      }
      if (worst > 40) ++changed;
    }
    const double mean = sum / (got.px.size() / 4 * 3);
    const double frac = double(changed) / (got.px.size() / 4);
    EXPECT_LE(mean, kMaxMeanDiff);
    EXPECT_LE(frac, kMaxChangedFraction);
    // Not a blank or black screen either.
    size_t dark = 0;
    for (size_t p = 0; p < got.px.size(); p += 4) dark += got.px[p] < 30 && got.px[p + 1] < 30 && got.px[p + 2] < 30;
    EXPECT_LT(double(dark) / (got.px.size() / 4), 0.5) << "mostly black: the font atlas or GL failed";
  }
  // Nothing left over from an earlier scheme (whole-window goldens per language), which would be kept unchecked.
  if (!update)
    for (const fs::directory_entry& e : fs::directory_iterator(goldenDir)) {
      const std::string file = e.path().filename().string();
      bool known = false;
      for (const GoldenCase& c : goldenCases()) known |= c.name == file;
      EXPECT_TRUE(known) << "stray golden " << file << ": no test compares with it";
    }
}

// The presenter redraws only what changed since the last frame (ui/damage.h). For every lesson, while its main
// parameter changes every frame and at rest, each frame on the window must equal the same frame drawn whole into
// the same buffer, pixel for pixel; and the partial path must really be taken (the share redrawn is below 1), or
// this test would pass on whole redraws alone.
TEST_F(LessonRender, RedrawingOnlyWhatChangedGivesTheSamePixels) {
  for (const nr::app::LessonInfo& info : nr::app::lessonCatalog())
    for (const bool interact : {true, false}) {
      SCOPED_TRACE(std::string(info.id) + (interact ? " interacting" : " at rest"));
      Outcome o = runNrlab(std::string("--lesson ") + info.id + " --size 1280x720 --bench-frames 12 " +
                               (interact ? "--bench-interact " : "") + "--bench-verify-damage",
                           tmp);
      ASSERT_EQ(o.status, 0) << o.err;
      const nlohmann::json j = nlohmann::json::parse(o.out);  // the report, on standard output
      EXPECT_EQ(j.at("damage_mismatched_px").get<long>(), 0);
      EXPECT_FALSE(j.at("damage_check_failed").get<bool>()) << "a frame could not be read back";
      const double share = j.at("redrawn_share").get<double>();
      if (interact) {
        EXPECT_GT(share, 0.0);
        EXPECT_LT(share, 1.0);
      } else {
        EXPECT_EQ(share, 0.0) << "nothing moves at rest, so nothing should be redrawn";
      }
    }
}

TEST_F(LessonRender, ScreenshotIsDeterministicAndOfTheRequestedSize) {
  const std::string a = (tmp / "a.png").string(), b = (tmp / "b.png").string();
  ASSERT_EQ(runNrlab("--lesson norm-axes --size 800x600 --scale 1.5 --screenshot " + a, tmp).status, 0);
  ASSERT_EQ(runNrlab("--lesson norm-axes --size 800x600 --scale 1.5 --screenshot " + b, tmp).status, 0);
  Image img;
  ASSERT_TRUE(loadPng(a, img));
  EXPECT_EQ(img.w, 800);
  EXPECT_EQ(img.h, 600);
  EXPECT_TRUE(nr::core::readFile(a) == nr::core::readFile(b)) << "the same command must give the same picture";
}

TEST_F(LessonRender, CanvasScreenshotIsThePictureOnly) {
  const std::string a = (tmp / "canvas.png").string();
  ASSERT_EQ(runNrlab("--lesson norm-axes --size 1280x720 --canvas --screenshot " + a, tmp).status, 0);
  Image img;
  ASSERT_TRUE(loadPng(a, img));
  // Narrower and lower than the window (no lesson list, controls, menu bar or explanation), but most of it.
  EXPECT_LT(img.w, 1280);
  EXPECT_GT(img.w, 1280 / 3);
  EXPECT_LT(img.h, 720);
  EXPECT_GT(img.h, 720 / 3);
}

// Export's 2x picture is the canvas rendered at twice the size and scale (not upscaled, not another crop): twice the
// 1x picture's size within the rounding of the layout, and the same picture when averaged back down 2×2.
TEST_F(LessonRender, TwoTimesPictureIsTheOneTimePictureAtTwiceTheSize) {
  for (const char* lesson : {"norm-axes", "priors", "regularized-fit"}) {
    SCOPED_TRACE(lesson);
    const std::string one = (tmp / "one.png").string(), two = (tmp / "two.png").string();
    ASSERT_EQ(runNrlab(std::string("--lesson ") + lesson + " --size 1280x720 --canvas --screenshot " + one, tmp).status, 0);
    ASSERT_EQ(
        runNrlab(std::string("--lesson ") + lesson + " --size 1280x720 --canvas --factor 2 --screenshot " + two, tmp).status,
        0);
    Image a, b;
    ASSERT_TRUE(loadPng(one, a));
    ASSERT_TRUE(loadPng(two, b));
    EXPECT_NEAR(b.w, 2 * a.w, 2);
    EXPECT_NEAR(b.h, 2 * a.h, 2);
    double sum = 0;
    size_t n = 0;
    for (int y = 0; y < a.h && 2 * y + 1 < b.h; ++y)
      for (int x = 0; x < a.w && 2 * x + 1 < b.w; ++x)
        for (int c = 0; c < 3; ++c) {
          double v = 0;
          for (int dy = 0; dy < 2; ++dy)
            for (int dx = 0; dx < 2; ++dx) v += b.px[(size_t(2 * y + dy) * b.w + 2 * x + dx) * 4 + c];
          sum += std::fabs(v / 4 - a.px[(size_t(y) * a.w + x) * 4 + c]);
          ++n;
        }
    // Text is rasterized at the larger size (a few levels per pixel); a wrong region would differ by tens.
    EXPECT_LT(sum / double(n), 10.0);
  }
  // The whole window at 2x: exactly twice.
  const std::string w2 = (tmp / "w2.png").string();
  ASSERT_EQ(runNrlab("--lesson norm-axes --size 800x600 --factor 2 --screenshot " + w2, tmp).status, 0);
  Image img;
  ASSERT_TRUE(loadPng(w2, img));
  EXPECT_EQ(img.w, 1600);
  EXPECT_EQ(img.h, 1200);
}

TEST_F(LessonRender, UnwritableScreenshotExitsTwoAndKeepsTheOldFile) {
  Outcome o = runNrlab("--lesson norm-axes --screenshot /proc/nrlab-no/x.png", tmp);
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("cannot"), std::string::npos) << o.err;
  o = runNrlab("--lesson norm-axes --screenshot /dev/full", tmp);
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("disk is full"), std::string::npos) << o.err;
}

TEST_F(LessonRender, SceneFileSetsTheLessonParameters) {
  const std::string scene = (tmp / "s.json").string();
  nr::core::writeFileAtomic(scene, R"({"lesson": "norm-axes", "lang": "en", "params": {"mode": "layer", "n": 2}})");
  const std::string a = (tmp / "scene.png").string(), b = (tmp / "plain.png").string();
  ASSERT_EQ(runNrlab("--scene " + scene + " --size 640x480 --screenshot " + a, tmp).status, 0);
  ASSERT_EQ(runNrlab("--lesson norm-axes --size 640x480 --screenshot " + b, tmp).status, 0);
  EXPECT_TRUE(nr::core::readFile(a) != nr::core::readFile(b)) << "the scene did not change the picture";
  // A malformed or refused scene: a message on stderr, exit 2, and nothing written — a picture of the defaults
  // under the scene's name would be a wrong answer (the earlier picture stays).
  const std::string before = nr::core::readFile(a);
  nr::core::writeFileAtomic(scene, "{ not json");
  Outcome o = runNrlab("--lesson norm-axes --scene " + scene + " --size 640x480 --screenshot " + a, tmp);
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("malformed"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("nothing written"), std::string::npos) << o.err;
  EXPECT_EQ(nr::core::readFile(a), before);
  nr::core::writeFileAtomic(scene, R"({"lesson": "norm-axes", "params": {"n": 99}})");
  o = runNrlab("--scene " + scene + " --size 640x480 --export-note " + (tmp / "note").string(), tmp);
  EXPECT_EQ(o.status, 2);
  EXPECT_FALSE(std::filesystem::exists(tmp / "note")) << "no note of the defaults";
  // A link with a value it ignores: drawn, and the message about it is not in the picture (screenshots leave
  // messages out).
  o = runNrlab("--link '#lesson=norm-axes&lang=xx' --size 640x480 --screenshot " + a, tmp);
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.err.find("lang=xx"), std::string::npos) << o.err;
  EXPECT_TRUE(nr::core::readFile(a) == nr::core::readFile(b)) << "a message was baked into the screenshot";
}

}  // namespace

namespace {

TEST_F(LessonRender, ExportNoteWritesPictureAndMarkdown) {
  const fs::path dir = tmp / "notes";
  Outcome o = runNrlab("--lesson norm-axes --lang zh --size 1280x720 --export-note " + dir.string(), tmp);
  ASSERT_EQ(o.status, 0) << o.err;
  Image img;
  ASSERT_TRUE(loadPng((dir / "norm-axes.png").string(), img));
  const std::string md = nr::core::readFile((dir / "norm-axes.md").string());
  EXPECT_EQ(md.rfind("# 归一化的轴\n", 0), 0u) << md;            // title in the UI language
  EXPECT_NE(md.find("![归一化的轴](norm-axes.png)"), std::string::npos);  // the image beside it
  EXPECT_NE(md.find("$$\n\\begin{aligned}"), std::string::npos);   // the formula as display LaTeX
  EXPECT_NE(md.find("\\mu_g &= \\frac{1}{m}"), std::string::npos);
  EXPECT_NE(md.find("| 参数 | 值 |\n|---|---|\n"), std::string::npos);  // the parameter table
  EXPECT_NE(md.find("| 归一化 | 批归一化 |"), std::string::npos) << md;  // labelled, in the UI language
  EXPECT_EQ(md.find("`mode`"), std::string::npos) << md;            // never the internal key
  // An unwritable folder: exit 2, nothing half-written.
  Outcome bad = runNrlab("--lesson norm-axes --export-note /proc/nrlab-no", tmp);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("cannot"), std::string::npos) << bad.err;
  // The disk fills up while a second note of the same name is written (a file-size limit of 8 KiB, smaller than
  // the picture): a clear message, and the first note and picture are still there, whole.
  const std::string png = nr::core::readFile((dir / "norm-axes.png").string());
  const std::string errFile = (tmp / "full.txt").string();
  const std::string cmd = "ulimit -f 16; " + std::string(NRLAB_EXE) + " --lesson norm-axes --lang en --size 1280x720 " +
                          "--export-note " + dir.string() + " 2>" + errFile;
  const int raw = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 2) << "status " << raw;
  const std::string err = nr::core::readFile(errFile);
  EXPECT_NE(err.find("cannot write"), std::string::npos) << err;
  EXPECT_EQ(nr::core::readFile((dir / "norm-axes.png").string()), png);
  EXPECT_EQ(nr::core::readFile((dir / "norm-axes.md").string()), md);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 2) << "a temporary file was left";
}

}  // namespace
