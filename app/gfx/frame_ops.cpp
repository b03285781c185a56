#include "gfx/frame_ops.h"

#include <epoxy/gl.h>

namespace nr::gfx {

void beginFrame(int width, int height, float r, float g, float b) {
  glViewport(0, 0, width, height);
  glClearColor(r, g, b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

void finish() { glFinish(); }

}  // namespace nr::gfx
