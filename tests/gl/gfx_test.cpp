// Tests for the gfx layer (app/gfx) with a real OpenGL 3.3 core context: a hidden GLFW window under Xvfb and
// Mesa llvmpipe. One context for all tests, made in main(); without a display the run fails loudly.
// Expected values come from outside the code under test: exact bytes written by a trivial shader, GL's
// documented row order, the colormap table evaluated on the CPU, and where a contour of a linear ramp must fall.

// [SECTION] index: helpers | embedded shaders | ShaderProgram | Framebuffer | Texture2D | FieldRenderer |
//                  CachedField | glInfo | main

#include <epoxy/gl.h>
// epoxy before GLFW (GLFW_INCLUDE_NONE is defined by the build), see TOOLCHAIN.md.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "gfx/gfx.h"
#include "support/temp_dir.h"

namespace {

using namespace nr::gfx;

// ---- [SECTION] helpers --------------------------------------------------------------------------------------

struct Rgba {
  int r, g, b, a;
};

Rgba pixel(const std::vector<std::uint8_t>& img, int width, int x, int y) {
  const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 4;
  return {img[i], img[i + 1], img[i + 2], img[i + 3]};
}

int maxChannelDiff(Rgba a, std::array<std::uint8_t, 4> b) {
  return std::max({std::abs(a.r - b[0]), std::abs(a.g - b[1]), std::abs(a.b - b[2])});
}

const char* kConstantFrag = R"(#version 330 core
uniform vec4 u_color;
out vec4 o_color;
void main() { o_color = u_color; }
)";

// Draws the fullscreen triangle with a constant colour into whatever is bound.
class ConstantPainter {
 public:
  ConstantPainter() {
    m_program =
        ShaderProgram::fromSource(embeddedShader("fullscreen.vert"), kConstantFrag, "fullscreen.vert", "constant.frag");
    glGenVertexArrays(1, &m_vao);
  }
  ~ConstantPainter() { glDeleteVertexArrays(1, &m_vao); }
  void paint(Vec4 color) {
    m_program.use();
    m_program.set("u_color", color);
    glBindVertexArray(m_vao);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glUseProgram(0);
  }
  const ShaderProgram& program() const { return m_program; }

 private:
  ShaderProgram m_program;
  GLuint m_vao = 0;
};

// A field f(x, y) sampled linspace-style on [0,1]², row 0 = y = 0 (see field_renderer.h).
template <class F>
std::vector<float> sampleField(int w, int h, F f) {
  std::vector<float> v(static_cast<std::size_t>(w) * h);
  for (int j = 0; j < h; ++j)
    for (int i = 0; i < w; ++i) v[static_cast<std::size_t>(j) * w + i] = f(i / float(w - 1), j / float(h - 1));
  return v;
}

// ---- [SECTION] embedded shaders -----------------------------------------------------------------------------

TEST(EmbeddedShaders, ListsEveryShaderFileAndFindsItsText) {
  const auto& names = embeddedShaderNames();
  ASSERT_FALSE(names.empty());
  EXPECT_NE(std::find(names.begin(), names.end(), "fullscreen.vert"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "scalar_field.frag"), names.end());
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (std::string_view name : names) {
    std::string_view text = embeddedShader(name);
    EXPECT_EQ(text.substr(0, 17), "#version 330 core") << name << " must start with #version 330 core";
  }
  EXPECT_TRUE(embeddedShader("no_such.frag").empty());
  EXPECT_FALSE(loadShaderText("no_such.frag").found);
}

TEST(EmbeddedShaders, NrShaderDirOverridesTheEmbeddedCopy) {
  namespace fs = std::filesystem;
  const nr::test::TempDir tmp("nr_gfx_test");
  const fs::path dir = tmp.path;
  const std::string edited = "#version 330 core\n// edited on disk\nvoid main() {}\n";
  std::ofstream(dir / "fullscreen.vert") << edited;

  // Put back whatever the caller set (a developer may run the whole suite against edited shaders this way).
  const char* previous = std::getenv("NR_SHADER_DIR");
  const std::string saved = previous ? previous : "";
  ASSERT_EQ(::setenv("NR_SHADER_DIR", dir.c_str(), 1), 0);
  ShaderText fromDisk = loadShaderText("fullscreen.vert");
  EXPECT_TRUE(fromDisk.found);
  EXPECT_EQ(fromDisk.text, edited);
  EXPECT_EQ(fromDisk.origin, (dir / "fullscreen.vert").string());
  // A file missing from the override directory falls back to the embedded copy.
  ShaderText fallback = loadShaderText("scalar_field.frag");
  EXPECT_EQ(fallback.origin, "embedded:scalar_field.frag");
  EXPECT_EQ(fallback.text, embeddedShader("scalar_field.frag"));
  // Names are keys, not paths.
  EXPECT_FALSE(loadShaderText("../" + dir.filename().string() + "/fullscreen.vert").found);

  ASSERT_EQ(::unsetenv("NR_SHADER_DIR"), 0);
  ShaderText normal = loadShaderText("fullscreen.vert");
  EXPECT_TRUE(normal.found);
  if (shaderOverrideDir().empty()) {  // release build: no source directory compiled in
    EXPECT_EQ(normal.origin, "embedded:fullscreen.vert");
    EXPECT_EQ(normal.text, embeddedShader("fullscreen.vert"));
  }
  if (previous) ::setenv("NR_SHADER_DIR", saved.c_str(), 1);
}

// ---- [SECTION] ShaderProgram --------------------------------------------------------------------------------

// Convention: a .frag links with the .vert of the same stem if there is one, else with fullscreen.vert; every
// .vert must be used by at least one pair.
TEST(ShaderProgram, EveryEmbeddedShaderPairCompilesAndLinks) {
  const auto& names = embeddedShaderNames();
  std::set<std::string> verts, usedVerts;
  for (std::string_view n : names)
    if (n.size() > 5 && n.substr(n.size() - 5) == ".vert") verts.insert(std::string(n));
  int pairs = 0;
  for (std::string_view n : names) {
    if (n.size() <= 5 || n.substr(n.size() - 5) != ".frag") continue;
    std::string vert = std::string(n.substr(0, n.size() - 5)) + ".vert";
    if (!verts.count(vert)) vert = "fullscreen.vert";
    ShaderProgram program = ShaderProgram::fromEmbedded(vert, n);
    EXPECT_TRUE(program.ok()) << vert << " + " << n << ":\n" << program.log();
    usedVerts.insert(vert);
    ++pairs;
  }
  EXPECT_GE(pairs, 1);
  EXPECT_EQ(usedVerts, verts) << "a .vert that no .frag pairs with is never compiled by this test";
  EXPECT_EQ(drainGlErrors(), "");
}

TEST(ShaderProgram, CompileErrorNamesTheShaderAndTheLine) {
  const char* broken =
      "#version 330 core\n"
      "out vec4 o_color;\n"
      "void main() {\n"
      "  o_color = vec4(1.0) +* 2.0;\n"  // line 4: syntax error
      "}\n";
  ShaderProgram program =
      ShaderProgram::fromSource(embeddedShader("fullscreen.vert"), broken, "fullscreen.vert", "broken.frag");
  EXPECT_FALSE(program.ok());
  EXPECT_EQ(program.id(), 0u);
  const std::string& log = program.log();
  EXPECT_NE(log.find("broken.frag"), std::string::npos) << log;
  EXPECT_NE(log.find("fragment shader failed to compile"), std::string::npos) << log;
  // The annotation is only added for a line the driver's own message names, so this checks the driver said 4.
  EXPECT_NE(log.find("\n  4 |   o_color = vec4(1.0) +* 2.0;"), std::string::npos) << log;
  // An inert program: using it or setting uniforms does nothing and raises no GL error.
  program.use();
  program.set("u_color", Vec4{1, 1, 1, 1});
  EXPECT_EQ(drainGlErrors(), "");
}

TEST(ShaderProgram, LinkErrorIsReportedWithBothNames) {
  // Compiles (a prototype is enough for the compiler) but cannot link: v_missing() has no body anywhere.
  const char* vert = "#version 330 core\nvoid main() { gl_Position = vec4(0.0); }\n";
  const char* frag =
      "#version 330 core\nfloat v_missing(float x);\nout vec4 o_color;\n"
      "void main() { o_color = vec4(v_missing(0.5)); }\n";
  ShaderProgram program = ShaderProgram::fromSource(vert, frag, "a.vert", "b.frag");
  EXPECT_FALSE(program.ok());
  EXPECT_NE(program.log().find("a.vert + b.frag: failed to link"), std::string::npos) << program.log();
  EXPECT_NE(program.log().find("v_missing"), std::string::npos) << program.log();
}

TEST(ShaderProgram, UnknownNameListsTheKnownShaders) {
  ShaderProgram program = ShaderProgram::fromEmbedded("fullscreen.vert", "nope.frag");
  EXPECT_FALSE(program.ok());
  EXPECT_NE(program.log().find("unknown shader 'nope.frag'"), std::string::npos) << program.log();
  EXPECT_NE(program.log().find("scalar_field.frag"), std::string::npos) << program.log();
  EXPECT_FALSE(program.reload());
}

TEST(ShaderProgram, IsMoveOnlyAndCachesUniformLocations) {
  static_assert(!std::is_copy_constructible_v<ShaderProgram> && !std::is_copy_assignable_v<ShaderProgram>);
  static_assert(std::is_nothrow_move_constructible_v<ShaderProgram> &&
                std::is_nothrow_move_assignable_v<ShaderProgram>);
  ShaderProgram a = ShaderProgram::fromSource(embeddedShader("fullscreen.vert"), kConstantFrag);
  ASSERT_TRUE(a.ok()) << a.log();
  const unsigned id = a.id();
  const int location = a.uniformLocation("u_color");
  EXPECT_GE(location, 0);
  EXPECT_EQ(a.uniformLocation("u_color"), location);
  EXPECT_EQ(a.uniformLocation("u_not_there"), -1);

  ShaderProgram b = std::move(a);
  EXPECT_EQ(b.id(), id);
  EXPECT_EQ(a.id(), 0u);  // NOLINT(bugprone-use-after-move): checking the moved-from state is the point
  EXPECT_FALSE(a.ok());
  EXPECT_EQ(b.uniformLocation("u_color"), location);
  EXPECT_TRUE(glIsProgram(id));
  { ShaderProgram c = std::move(b); }
  EXPECT_FALSE(glIsProgram(id)) << "the destructor must delete the GL program";
}

TEST(ShaderProgram, ReloadRebuildsFromTheSameNames) {
  ShaderProgram program = ShaderProgram::fromEmbedded("fullscreen.vert", "scalar_field.frag");
  ASSERT_TRUE(program.ok()) << program.log();
  EXPECT_TRUE(program.reload());
  EXPECT_TRUE(program.ok());
  EXPECT_EQ(program.vertName(), "fullscreen.vert");
}

// ---- [SECTION] Framebuffer ----------------------------------------------------------------------------------

TEST(Framebuffer, ConstantColourReadsBackExactly) {
  Framebuffer fb;
  ASSERT_TRUE(fb.create(64, 48)) << fb.error();
  EXPECT_EQ(fb.width(), 64);
  EXPECT_EQ(fb.height(), 48);
  ConstantPainter painter;
  ASSERT_TRUE(painter.program().ok()) << painter.program().log();
  {
    ScopedFramebuffer on(fb);
    glDisable(GL_BLEND);
    painter.paint({51 / 255.0f, 102 / 255.0f, 153 / 255.0f, 204 / 255.0f});
  }
  std::vector<std::uint8_t> rgba;
  ASSERT_TRUE(fb.readPixels(rgba, true));
  ASSERT_EQ(rgba.size(), 64u * 48u * 4u);
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 64; ++x) {
      Rgba p = pixel(rgba, 64, x, y);
      ASSERT_TRUE(p.r == 51 && p.g == 102 && p.b == 153 && p.a == 204)
          << "pixel (" << x << "," << y << ") = " << p.r << "," << p.g << "," << p.b << "," << p.a;
    }
  EXPECT_EQ(drainGlErrors(), "");
}

TEST(Framebuffer, FlipRowsPutsTheTopRowFirst) {
  Framebuffer fb;
  ASSERT_TRUE(fb.create(64, 48)) << fb.error();
  ConstantPainter painter;
  {
    ScopedFramebuffer on(fb);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    // Paint only the top half: in GL's window coordinates that is y in [24, 48).
    glViewport(0, 24, 64, 24);
    painter.paint({1, 1, 1, 1});
  }
  std::vector<std::uint8_t> glOrder, topFirst;
  ASSERT_TRUE(fb.readPixels(glOrder, false));
  ASSERT_TRUE(fb.readPixels(topFirst, true));
  for (int y = 0; y < 48; ++y) {
    const int expectGl = y >= 24 ? 255 : 0;  // GL order: bottom row first, so painted rows come last
    const int expectPng = y < 24 ? 255 : 0;  // flipped: top row first, so painted rows come first
    EXPECT_EQ(pixel(glOrder, 64, 10, y).r, expectGl) << "row " << y << " unflipped";
    EXPECT_EQ(pixel(topFirst, 64, 10, y).r, expectPng) << "row " << y << " flipped";
  }
}

TEST(Framebuffer, BindAndUnbindRestoreThePreviousTargetAndViewport) {
  Framebuffer outer, inner;
  ASSERT_TRUE(outer.create(32, 16));
  ASSERT_TRUE(inner.create(8, 4, /*withDepth=*/true)) << inner.error();
  EXPECT_TRUE(inner.hasDepth());
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(1, 2, 30, 40);
  GLint binding = -1, viewport[4] = {};

  outer.bind();
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &binding);
  glGetIntegerv(GL_VIEWPORT, viewport);
  EXPECT_EQ(static_cast<unsigned>(binding), outer.id());
  EXPECT_EQ(viewport[2], 32);
  EXPECT_EQ(viewport[3], 16);
  {
    ScopedFramebuffer on(inner);
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &binding);
    glGetIntegerv(GL_VIEWPORT, viewport);
    EXPECT_EQ(static_cast<unsigned>(binding), inner.id());
    EXPECT_EQ(viewport[2], 8);
    EXPECT_EQ(viewport[3], 4);
  }
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &binding);
  glGetIntegerv(GL_VIEWPORT, viewport);
  EXPECT_EQ(static_cast<unsigned>(binding), outer.id()) << "leaving the inner target must return to the outer one";
  EXPECT_EQ(viewport[2], 32);
  outer.unbind();
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &binding);
  glGetIntegerv(GL_VIEWPORT, viewport);
  EXPECT_EQ(binding, 0);
  EXPECT_EQ(viewport[0], 1);
  EXPECT_EQ(viewport[1], 2);
  EXPECT_EQ(viewport[2], 30);
  EXPECT_EQ(viewport[3], 40);
  EXPECT_EQ(drainGlErrors(), "");
}

TEST(Framebuffer, ResizeKeepsTheTargetUsableAndBadSizesExplainThemselves) {
  Framebuffer fb;
  ASSERT_TRUE(fb.create(64, 48));
  const unsigned fbo = fb.id();
  ASSERT_TRUE(fb.resize(20, 10)) << fb.error();
  EXPECT_EQ(fb.id(), fbo);
  ConstantPainter painter;
  {
    ScopedFramebuffer on(fb);
    painter.paint({1, 0, 0, 1});
  }
  std::vector<std::uint8_t> rgba;
  ASSERT_TRUE(fb.readPixels(rgba, true));
  EXPECT_EQ(rgba.size(), 20u * 10u * 4u);
  EXPECT_EQ(pixel(rgba, 20, 19, 9).r, 255);

  Framebuffer bad;
  EXPECT_FALSE(bad.create(0, 10));
  EXPECT_NE(bad.error().find("0x10"), std::string::npos) << bad.error();
  EXPECT_FALSE(bad.valid());
  EXPECT_FALSE(bad.readPixels(rgba, false));
}

TEST(Framebuffer, ReadBackBufferReadsTheWindow) {
  GLFWwindow* window = glfwGetCurrentContext();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  ASSERT_GT(w, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, w, h);
  glDisable(GL_SCISSOR_TEST);
  glClearColor(0, 0, 0, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glEnable(GL_SCISSOR_TEST);
  glScissor(0, h / 2, w, h - h / 2);  // top half blue
  glClearColor(0, 0, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glDisable(GL_SCISSOR_TEST);
  std::vector<std::uint8_t> rgba;
  ASSERT_TRUE(readBackBuffer(w, h, rgba, /*flipRows=*/true));
  ASSERT_EQ(rgba.size(), static_cast<std::size_t>(w) * h * 4);
  EXPECT_EQ(pixel(rgba, w, 0, 0).b, 255) << "top-left must be the blue half after the flip";
  EXPECT_EQ(pixel(rgba, w, 0, h - 1).b, 0);
  EXPECT_FALSE(readBackBuffer(0, 5, rgba, true));
}

// ---- [SECTION] Texture2D ------------------------------------------------------------------------------------

TEST(Texture2D, UpdateInPlaceKeepsTheNameAndReplacesTheContent) {
  Texture2D tex;
  std::vector<std::uint8_t> first(4 * 3 * 4, 10), second(4 * 3 * 4);
  for (std::size_t i = 0; i < second.size(); ++i) second[i] = static_cast<std::uint8_t>(i);
  ASSERT_TRUE(tex.uploadRGBA8(4, 3, first.data()));
  const unsigned id = tex.id();
  ASSERT_NE(id, 0u);
  EXPECT_EQ(tex.imTextureId(), reinterpret_cast<void*>(static_cast<std::intptr_t>(id)));
  ASSERT_TRUE(tex.uploadRGBA8(4, 3, second.data()));
  EXPECT_EQ(tex.id(), id);

  std::vector<std::uint8_t> back(second.size());
  tex.bind(0);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, back.data());
  EXPECT_EQ(back, second);

  ASSERT_TRUE(tex.uploadRGBA8(5, 7, nullptr));  // a new size re-specifies the storage, same name
  EXPECT_EQ(tex.id(), id);
  EXPECT_EQ(tex.width(), 5);
  EXPECT_EQ(tex.height(), 7);
  EXPECT_FALSE(tex.uploadRGBA8(0, 7, nullptr));
  EXPECT_FALSE(tex.uploadRGBA8(1 << 20, 1, nullptr));
  EXPECT_EQ(tex.width(), 5) << "a rejected upload leaves the texture as it was";
  EXPECT_EQ(drainGlErrors(), "");
}

TEST(Texture2D, FloatFieldRoundTripsExactly) {
  const std::vector<float> values = {0.0f, -1.5f, 3.25e-7f, 1e30f, 0.1f, std::numeric_limits<float>::quiet_NaN()};
  Texture2D tex;
  ASSERT_TRUE(tex.uploadR32F(3, 2, values.data()));
  EXPECT_EQ(tex.format(), TextureFormat::R32F);
  std::vector<float> back(values.size());
  tex.bind(0);
  glGetTexImage(GL_TEXTURE_2D, 0, GL_RED, GL_FLOAT, back.data());
  for (std::size_t i = 0; i + 1 < values.size(); ++i) EXPECT_EQ(back[i], values[i]) << i;
  EXPECT_TRUE(std::isnan(back.back()));
  EXPECT_EQ(drainGlErrors(), "");
}

TEST(Texture2D, MoveTransfersOwnership) {
  static_assert(!std::is_copy_constructible_v<Texture2D> && std::is_nothrow_move_constructible_v<Texture2D>);
  Texture2D a;
  ASSERT_TRUE(a.uploadRGBA8(2, 2, nullptr));
  const unsigned id = a.id();
  Texture2D b(std::move(a));
  EXPECT_EQ(b.id(), id);
  EXPECT_FALSE(a.valid());  // NOLINT(bugprone-use-after-move)
  b.reset();
  EXPECT_FALSE(glIsTexture(id));
}

// ---- [SECTION] FieldRenderer --------------------------------------------------------------------------------

class FieldRendererTest : public ::testing::Test {
 protected:
  static constexpr int kW = 256, kH = 32;  // output size
  // A ramp v = x on a 65×5 grid: sample i sits at x = i/64, so output pixel column c (centre (c+0.5)/256)
  // must show v = (c+0.5)/256.
  void SetUp() override {
    ASSERT_TRUE(renderer.init()) << renderer.error();
    std::vector<float> ramp = sampleField(65, 5, [](float x, float) { return x; });
    ASSERT_TRUE(field.uploadR32F(65, 5, ramp.data()));
  }
  std::vector<std::uint8_t> draw(const FieldStyle& style) {
    EXPECT_TRUE(renderer.render(field, style, target, kW, kH)) << renderer.error();
    std::vector<std::uint8_t> rgba;
    EXPECT_TRUE(target.readPixels(rgba, true));
    return rgba;
  }
  FieldRenderer renderer;
  Texture2D field;
  Framebuffer target;
};

TEST_F(FieldRendererTest, LinearRampShowsTheColormapFromEndToEnd) {
  for (FieldInterpolation interpolation : {FieldInterpolation::Linear, FieldInterpolation::Bicubic}) {
    FieldStyle style;
    style.interpolation = interpolation;
    std::vector<std::uint8_t> img = draw(style);
    // The ends are the colormap's end colours (viridis: dark purple 68,1,84 and yellow 253,231,37).
    EXPECT_LE(maxChannelDiff(pixel(img, kW, 0, kH / 2), colormapColor(Colormap::Viridis, 0.0f)), 2);
    EXPECT_LE(maxChannelDiff(pixel(img, kW, kW - 1, kH / 2), colormapColor(Colormap::Viridis, 1.0f)), 2);
    // And every column in between is the CPU table at that column's value, in every row.
    int worst = 0;
    for (int y = 0; y < kH; y += 7)
      for (int x = 0; x < kW; ++x)
        worst =
            std::max(worst, maxChannelDiff(pixel(img, kW, x, y), colormapColor(Colormap::Viridis, (x + 0.5f) / kW)));
    EXPECT_LE(worst, 2) << "interpolation " << static_cast<int>(interpolation);
    EXPECT_EQ(pixel(img, kW, 5, 5).a, 255);
  }
  EXPECT_EQ(colormapColor(Colormap::Viridis, 0.0f)[0], 68);
  EXPECT_EQ(colormapColor(Colormap::Viridis, 1.0f)[0], 253);
}

TEST_F(FieldRendererTest, ContourLevelsDarkenExactlyTheExpectedColumns) {
  FieldStyle plain;
  FieldStyle lined = plain;
  lined.contourLevels = {0.25f, 0.75f};  // at x = 64 px and x = 192 px: the edges between columns 63|64, 191|192
  lined.contourColor = {0, 0, 0, 1};
  lined.contourAutoContrast = false;  // black on every colour, so "darker" is the test everywhere
  const std::vector<std::uint8_t> a = draw(plain), b = draw(lined);
  for (int y : {0, kH / 2, kH - 1}) {
    for (int x = 0; x < kW; ++x) {
      const int darkening = (pixel(a, kW, x, y).r + pixel(a, kW, x, y).g + pixel(a, kW, x, y).b) -
                            (pixel(b, kW, x, y).r + pixel(b, kW, x, y).g + pixel(b, kW, x, y).b);
      const bool onLine = x == 63 || x == 64 || x == 191 || x == 192;
      if (onLine) {
        EXPECT_GT(darkening, 100) << "column " << x << " row " << y << " should be on a contour";
      } else {
        EXPECT_LE(std::abs(darkening), 3) << "column " << x << " row " << y << " should be untouched";
      }
    }
  }
}

// A contour's width is measured across the line, so a diagonal line is as thin as a vertical one (a width from
// fwidth = |dx| + |dy| would make the 45° line √2 times thicker).
TEST_F(FieldRendererTest, ContourWidthDoesNotDependOnTheLineDirection) {
  auto perpendicularWidth = [&](float slopeY, float crossSection) {
    std::vector<float> ramp = sampleField(65, 65, [&](float x, float y) { return (x + slopeY * y) / (1 + slopeY); });
    EXPECT_TRUE(field.uploadR32F(65, 65, ramp.data()));
    FieldStyle plain;
    FieldStyle lined = plain;
    lined.contourLevels = {0.5f};
    lined.contourColor = {0, 0, 0, 1};
    lined.contourAutoContrast = false;
    Framebuffer a, b;
    EXPECT_TRUE(renderer.render(field, plain, a, 128, 128));
    EXPECT_TRUE(renderer.render(field, lined, b, 128, 128));
    std::vector<std::uint8_t> pa, pb;
    a.readPixels(pa, false);
    b.readPixels(pb, false);
    double covered = 0;  // a black line at full strength leaves (1 - coverage) of the colour
    for (int x = 0; x < 128; ++x) {
      Rgba u = pixel(pa, 128, x, 64), v = pixel(pb, 128, x, 64);
      covered += 1.0 - double(v.r + v.g + v.b) / double(u.r + u.g + u.b);
    }
    return covered / crossSection;  // a row crosses a line at 45° over √2 times its width
  };
  const double vertical = perpendicularWidth(0.0f, 1.0f);
  const double diagonal = perpendicularWidth(1.0f, std::sqrt(2.0f));
  EXPECT_NEAR(vertical, 1.25, 0.1);
  EXPECT_NEAR(diagonal, vertical, 0.12 * vertical);
}

TEST_F(FieldRendererTest, AutoContrastDrawsLightLinesOnDarkColoursAndDarkLinesOnLightOnes) {
  FieldStyle plain;
  FieldStyle lined = plain;
  lined.contourLevels = {0.125f, 0.875f};  // at x = 32 px (dark purple) and x = 224 px (light green)
  EXPECT_TRUE(lined.contourAutoContrast) << "on by default";
  EXPECT_EQ(lined.contourColorFor(0.125f).x, lined.contourColorOnDark.x);
  EXPECT_EQ(lined.contourColorFor(0.875f).x, lined.contourColor.x);
  const std::vector<std::uint8_t> a = draw(plain), b = draw(lined);
  auto sum = [&](const std::vector<std::uint8_t>& img, int x) {
    Rgba p = pixel(img, kW, x, kH / 2);
    return p.r + p.g + p.b;
  };
  EXPECT_GT(sum(b, 31) - sum(a, 31), 150) << "a line over dark purple must be light";
  EXPECT_GT(sum(a, 223) - sum(b, 223), 150) << "a line over light green must be dark";
}

TEST_F(FieldRendererTest, DivergingMapPutsTheCentreValueInWhite) {
  // v = 8x - 2 on [0,1]: -2 at the left edge, 0 at x = 0.25 (between columns 63 and 64), +6 at the right edge.
  std::vector<float> signedRamp = sampleField(65, 5, [](float x, float) { return 8.0f * x - 2.0f; });
  ASSERT_TRUE(field.uploadR32F(65, 5, signedRamp.data()));
  FieldStyle style;
  style.colormap = Colormap::Diverging;
  style.rangeMin = -2.0f;
  style.rangeMax = 6.0f;  // lopsided on purpose: the centre colour must still sit at 0
  style.center = 0.0f;
  std::vector<std::uint8_t> img = draw(style);
  const auto white = colormapColor(Colormap::Diverging, 0.5f);
  EXPECT_GE(white[0], 240);
  EXPECT_LE(maxChannelDiff(pixel(img, kW, 63, 4), white), 6);
  EXPECT_LE(maxChannelDiff(pixel(img, kW, 64, 4), white), 6);
  EXPECT_LE(maxChannelDiff(pixel(img, kW, 0, 4), colormapColor(Colormap::Diverging, 0.0f)), 3);       // dark blue
  EXPECT_LE(maxChannelDiff(pixel(img, kW, kW - 1, 4), colormapColor(Colormap::Diverging, 1.0f)), 3);  // dark red
  // The CPU mirror (for legends) agrees with the shader, including the piecewise mapping around the centre.
  for (int x : {5, 40, 100, 180, 250}) {
    const float value = 8.0f * (x + 0.5f) / kW - 2.0f;
    EXPECT_LE(maxChannelDiff(pixel(img, kW, x, 4), style.colorOf(value)), 2) << "column " << x;
  }
  EXPECT_GT(pixel(img, kW, 20, 4).b, pixel(img, kW, 20, 4).r) << "negative values are blue";
  EXPECT_GT(pixel(img, kW, 200, 4).r, pixel(img, kW, 200, 4).b) << "positive values are red";
}

TEST_F(FieldRendererTest, NanSamplesUseTheNanColour) {
  std::vector<float> values = sampleField(65, 5, [](float x, float) { return x; });
  for (int j = 0; j < 5; ++j)
    for (int i = 50; i < 65; ++i) values[static_cast<std::size_t>(j) * 65 + i] = std::nanf("");
  ASSERT_TRUE(field.uploadR32F(65, 5, values.data()));
  FieldStyle style;
  style.contourLevels = {0.1f, 0.5f};
  style.nanColor = {1, 0, 1, 1};
  std::vector<std::uint8_t> img = draw(style);
  Rgba p = pixel(img, kW, kW - 1, kH / 2);
  EXPECT_EQ(p.r, 255);
  EXPECT_EQ(p.g, 0);
  EXPECT_EQ(p.b, 255);
  EXPECT_LE(maxChannelDiff(pixel(img, kW, 0, kH / 2), colormapColor(Colormap::Viridis, 0.0f)), 2);
}

TEST_F(FieldRendererTest, RestoresTheGlStateItTouches) {
  ConstantPainter painter;  // some other program in use, blending on, a viewport, another framebuffer bound
  Framebuffer other;
  ASSERT_TRUE(other.create(16, 16));
  painter.program().use();
  glEnable(GL_BLEND);
  glEnable(GL_SCISSOR_TEST);
  glBindFramebuffer(GL_FRAMEBUFFER, other.id());
  glViewport(3, 4, 5, 6);
  glActiveTexture(GL_TEXTURE3);

  ASSERT_TRUE(renderer.render(field, FieldStyle{}, target, 40, 30)) << renderer.error();

  GLint program = 0, fbo = 0, viewport[4] = {}, active = 0, vao = -1;
  glGetIntegerv(GL_CURRENT_PROGRAM, &program);
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &fbo);
  glGetIntegerv(GL_VIEWPORT, viewport);
  glGetIntegerv(GL_ACTIVE_TEXTURE, &active);
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao);
  EXPECT_EQ(static_cast<unsigned>(program), painter.program().id());
  EXPECT_EQ(static_cast<unsigned>(fbo), other.id());
  EXPECT_EQ(viewport[0], 3);
  EXPECT_EQ(viewport[3], 6);
  EXPECT_EQ(active, GL_TEXTURE3);
  EXPECT_EQ(vao, 0);
  EXPECT_TRUE(glIsEnabled(GL_BLEND));
  EXPECT_TRUE(glIsEnabled(GL_SCISSOR_TEST));
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glActiveTexture(GL_TEXTURE0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glUseProgram(0);
  EXPECT_EQ(target.width(), 40);
  EXPECT_EQ(drainGlErrors(), "");
}

TEST_F(FieldRendererTest, RejectsAnRgbaTextureWithAMessage) {
  Texture2D rgba;
  ASSERT_TRUE(rgba.uploadRGBA8(4, 4, nullptr));
  EXPECT_FALSE(renderer.render(rgba, FieldStyle{}, target, 10, 10));
  EXPECT_NE(renderer.error().find("R32F"), std::string::npos) << renderer.error();
}

TEST(FieldLevels, EvenAndGeometricSpacing) {
  EXPECT_EQ(evenLevels(0.0f, 1.0f, 3), (std::vector<float>{0.25f, 0.5f, 0.75f}));
  std::vector<float> g = geometricLevels(0.01f, 100.0f, 5);
  ASSERT_EQ(g.size(), 5u);
  EXPECT_NEAR(g[0], 0.01f, 1e-8f);
  EXPECT_NEAR(g[2], 1.0f, 1e-5f);
  EXPECT_NEAR(g[4], 100.0f, 1e-3f);
  EXPECT_TRUE(geometricLevels(0.0f, 1.0f, 3).empty());
}

// ---- [SECTION] CachedField ----------------------------------------------------------------------------------

TEST(CachedField, RendersOnlyWhenDataStyleOrSizeChange) {
  FieldRenderer renderer;
  CachedField cached;
  EXPECT_FALSE(cached.update(renderer, 64, 64)) << "nothing to draw before setField";
  std::vector<float> bowl = sampleField(33, 33, [](float x, float y) { return x * x + y * y; });
  ASSERT_TRUE(cached.setField(33, 33, bowl.data()));
  FieldStyle style;
  style.rangeMax = 2.0f;
  cached.setStyle(style);

  EXPECT_TRUE(cached.update(renderer, 64, 48)) << renderer.error();
  EXPECT_TRUE(cached.ready());
  EXPECT_FALSE(cached.update(renderer, 64, 48)) << "unchanged inputs must not re-render";
  cached.setStyle(style);
  EXPECT_FALSE(cached.update(renderer, 64, 48)) << "setting an equal style must not re-render";
  EXPECT_EQ(cached.renderCount(), 1);

  style.contourLevels = {0.5f};
  cached.setStyle(style);
  EXPECT_TRUE(cached.update(renderer, 64, 48));
  EXPECT_TRUE(cached.update(renderer, 80, 48)) << "a new size re-renders";
  EXPECT_EQ(cached.output().width(), 80);
  ASSERT_TRUE(cached.setField(33, 33, bowl.data()));
  EXPECT_TRUE(cached.update(renderer, 80, 48)) << "new data re-renders";
  EXPECT_EQ(cached.renderCount(), 4);
  EXPECT_NE(cached.imTextureId(), nullptr);
}

// ---- [SECTION] glInfo ---------------------------------------------------------------------------------------

TEST(GlInfo, ReportsRendererAndVersion) {
  GlInfo info = glInfo();
  EXPECT_FALSE(info.renderer.empty());
  EXPECT_FALSE(info.version.empty());
  EXPECT_FALSE(info.glslVersion.empty());
  GLint major = 0, minor = 0;
  glGetIntegerv(GL_MAJOR_VERSION, &major);
  glGetIntegerv(GL_MINOR_VERSION, &minor);
  EXPECT_GE(major * 10 + minor, 33);
}

}  // namespace

// ---- [SECTION] main -----------------------------------------------------------------------------------------

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "GLFW error %d: %s\n", code, text); });
  if (!glfwInit()) {
    std::fprintf(stderr,
                 "gfx_tests: FAILED: glfwInit failed, so there is no GL context to test with (no X display?).\n"
                 "Run it under Xvfb: xvfb-run -a -s '-screen 0 1280x720x24' %s\n",
                 argv[0]);
    return 1;
  }
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(96, 64, "gfx_tests", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "gfx_tests: FAILED: could not create a hidden window with an OpenGL 3.3 core context.\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  const GlInfo info = glInfo();
  std::printf("gfx_tests: %s | %s\n", info.renderer.c_str(), info.version.c_str());
  const int status = RUN_ALL_TESTS();
  glfwDestroyWindow(window);
  glfwTerminate();
  return status;
}
