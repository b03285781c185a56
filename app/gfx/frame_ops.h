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
/// Whether the window's back buffer still holds the frame just shown. After a swap its contents are undefined
/// in general: Mesa's software rasterizer under X copies the back buffer to the window and keeps it, page
/// flipping hands back an older buffer, and GLX here has no buffer-age query. So each frame leaves a one-pixel
/// mark in the bottom-left corner, in one of two colours one blue step apart from the background (parity of the
/// frame); after the swap, the back buffer shows this frame's mark only if it was kept.
void markBackBuffer(unsigned parity, float r, float g, float b);
bool backBufferHasMark(unsigned parity, float r, float g, float b);
/// Blocks until every GL command has executed (so a frame time includes llvmpipe's rasterization).
void finish();

/// A counter that grows whenever any texture's pixels may have changed: an upload (Texture2D) or a render into
/// an off-screen target (Framebuffer::bind). A picture that shows a texture is stale when this has moved.
std::uint64_t contentGeneration();
void bumpContentGeneration();

}  // namespace nr::gfx
