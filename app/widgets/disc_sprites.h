#pragma once
// Filled discs (plot markers, data points) as one textured quad each instead of an anti-aliased polygon. A disc
// from ImDrawList::AddCircleFilled is about 22 triangles (8 segments plus the anti-aliasing fringe); a software
// rasterizer pays a fixed cost per triangle, and a scatter plot of a few hundred points then costs more than the
// rest of the window. So discs of radius 1 to 16 pixels (in half-pixel steps) are baked into the font atlas with
// the same one-pixel anti-aliased edge, and drawDisc() draws the nearest one as two triangles.
//
// The atlas owner calls addDiscSprites() before building the atlas and bakeDiscSprites() after. Without them
// (a test with ImGui's default atlas) drawDisc() falls back to AddCircleFilled.

#include <imgui.h>

namespace nr::app {

/// Reserves the disc cells in `atlas` (call after adding the fonts, before Build()).
void addDiscSprites(ImFontAtlas* atlas);
/// Writes the discs' pixels (call after Build(); the RGBA32 data is created if needed).
void bakeDiscSprites(ImFontAtlas* atlas);
/// A filled disc: the baked sprite of the nearest half-pixel radius (at most a quarter pixel off) when the current
/// atlas has sprites, the radius is within 1–16 pixels and the draw list draws with the atlas texture; else
/// AddCircleFilled.
void drawDisc(ImDrawList* dl, ImVec2 centre, float radius, ImU32 colour);

}  // namespace nr::app
