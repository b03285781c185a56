#include "gfx/frame_ops.h"

#include "gfx/gl.h"


namespace nr::gfx {
namespace {
std::uint64_t g_contentGeneration = 0;
}  // namespace

void beginFrame(int width, int height, float r, float g, float b) {
  glViewport(0, 0, width, height);
  glClearColor(r, g, b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

void clearRect(int x, int y, int w, int h, int targetHeight, float r, float g, float b) {
  GLint savedBox[4];
  glGetIntegerv(GL_SCISSOR_BOX, savedBox);
  const GLboolean savedTest = glIsEnabled(GL_SCISSOR_TEST);
  glEnable(GL_SCISSOR_TEST);
  glScissor(x, targetHeight - (y + h), w, h);
  glClearColor(r, g, b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  glScissor(savedBox[0], savedBox[1], savedBox[2], savedBox[3]);
  if (!savedTest) glDisable(GL_SCISSOR_TEST);
}

namespace {
// The mark's colour in bytes: the background, with the frame count (mod 64) in the two lowest bits of each channel.
void markBytes(unsigned frame, float r, float g, float b, GLubyte out[3]) {
  auto byte = [](float v) { return static_cast<GLubyte>(v <= 0.0f ? 0 : v >= 1.0f ? 255 : v * 255.0f + 0.5f); };
  const float rgb[3] = {r, g, b};
  for (int c = 0; c < 3; ++c) out[c] = static_cast<GLubyte>((byte(rgb[c]) & 0xFC) | ((frame >> (2 * c)) & 3u));
}
}  // namespace

void markBackBuffer(unsigned frame, float r, float g, float b) {
  GLubyte c[3];
  markBytes(frame, r, g, b, c);
  GLint savedDraw = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &savedDraw);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
  // The bottom-left pixel (a target one pixel tall puts y = 0 on GL row 0); k/255 converts back to exactly k.
  clearRect(0, 0, 1, 1, 1, c[0] / 255.0f, c[1] / 255.0f, c[2] / 255.0f);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(savedDraw));
}

bool backBufferHasMark(unsigned frame, float r, float g, float b) {
  GLubyte want[3];
  markBytes(frame, r, g, b, want);
  GLint savedRead = 0, savedBuffer = 0, savedAlign = 4, savedPackBuffer = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &savedRead);
  glGetIntegerv(GL_PACK_ALIGNMENT, &savedAlign);
  glGetIntegerv(GL_PIXEL_PACK_BUFFER_BINDING, &savedPackBuffer);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glGetIntegerv(GL_READ_BUFFER, &savedBuffer);
  glReadBuffer(GL_BACK);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  GLubyte got[4] = {0, 0, 0, 0};
  glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, got);
  glPixelStorei(GL_PACK_ALIGNMENT, savedAlign);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, static_cast<GLuint>(savedPackBuffer));
  glReadBuffer(static_cast<GLenum>(savedBuffer));
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(savedRead));
  return got[0] == want[0] && got[1] == want[1] && got[2] == want[2];
}

void finish() { glFinish(); }

std::uint64_t contentGeneration() { return g_contentGeneration; }
void bumpContentGeneration() { ++g_contentGeneration; }

}  // namespace nr::gfx
