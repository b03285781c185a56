#pragma once
// Per-frame GL state for the main loop: viewport and clear, and waiting for the rasterizer (frame timing).

namespace nr::gfx {

/// Sets the viewport to the whole target and clears it to the colour.
void beginFrame(int width, int height, float r, float g, float b);
/// Blocks until every GL command has executed (so a frame time includes llvmpipe's rasterization).
void finish();

}  // namespace nr::gfx
