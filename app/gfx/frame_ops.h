#pragma once
// Per-frame GL state for the main loop: viewport and clear, scissored clears and the back-buffer mark (for the
// presenter in gui_main.cpp, which redraws only what changed), and waiting for the rasterizer (frame timing).

#include <cstdint>

namespace nr::gfx {

/// Sets the viewport to the whole target and clears it to the colour.
void beginFrame(int width, int height, float r, float g, float b);
/// Clears only the rectangle (x, y from the top-left, in pixels of a target `targetHeight` tall) of the bound
/// target; the scissor state is restored.
void clearRect(int x, int y, int w, int h, int targetHeight, float r, float g, float b);
/// Whether the window's back buffer still holds the frame shown last. After a swap its contents are undefined in
/// general: Mesa's software rasterizer under X copies the back buffer to the window and keeps it; page flipping
/// hands back an older buffer (two or three frames old); a resize reallocates it; and GLX here has no buffer-age
/// query. So each frame leaves a one-pixel mark in the bottom-left corner: the background colour with a 6-bit
/// frame counter in the two lowest bits of red, green and blue (invisible). Before drawing the next frame, the
/// back buffer holds the last frame only if it shows the last frame's count.
void markBackBuffer(unsigned frame, float r, float g, float b);
bool backBufferHasMark(unsigned frame, float r, float g, float b);
/// Blocks until every GL command has executed (so a frame time includes llvmpipe's rasterization).
void finish();

/// A counter that grows whenever any texture's pixels may have changed: an upload (Texture2D) or a render into
/// an off-screen target (Framebuffer::bind). A picture that shows a texture is stale when this has moved.
std::uint64_t contentGeneration();
void bumpContentGeneration();

}  // namespace nr::gfx
