#pragma once
// DamageTracker: which parts of the window changed since the last frame shown, so the presenter redraws only
// those. On a machine that renders in software (llvmpipe) the cost of a frame is the pixels and triangles
// rasterized, not building the UI; a lesson whose canvas animates while its text, lesson list and controls stay
// put should pay only for the canvas.
//
// How: every ImGui draw list (one per window or child window) is read as its sequence of triangles, each with its
// three vertices (position, uv, colour), its clip rectangle and its texture. The triangles of this frame are
// compared with the last frame's: when a list has as many as before, one by one; otherwise the common beginning
// and end are kept and everything between counts as changed. A changed triangle damages the pixels it covers
// (its bounds, cut to its clip rectangle) in the old frame and in the new. Pixels no changed triangle touches see
// the same triangles in the same order as before, so they come out the same.
//
// A triangle showing a texture other than the font atlas also carries the texture content generation
// (gfx::contentGeneration()): a re-rendered field changes pixels without changing a vertex. Anything that
// changes the list of windows (one opened, closed or reordered), the display size or the font atlas damages
// everything, and so does a draw callback (it draws outside any triangle).
//
// The damaged rectangles are merged into a few (each costs one pass over the draw data), and past most of the
// window a whole redraw is cheaper. This file includes ImGui only, so it is tested without GL.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <imgui.h>

namespace nr::app {

/// A rectangle in display (ImGui) coordinates, x0 < x1 and y0 < y1.
struct DamageRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float area() const { return (x1 - x0) * (y1 - y0); }
};

class DamageTracker {
 public:
  struct Result {
    bool full = true;               ///< redraw everything
    std::vector<DamageRect> rects;  ///< else these (empty: nothing changed), whole pixels, inside the display
    double fraction = 1.0;          ///< share of the display redrawn
  };

  /// Compares this frame's draw data with the last one passed here. `textureGeneration` is
  /// gfx::contentGeneration(). forceFull: redraw all (and remember this frame).
  Result update(const ImDrawData& dd, std::uint64_t textureGeneration, bool forceFull = false);

  /// Forget the last frame: the next update() is a whole redraw (after the picture was drawn elsewhere).
  void invalidate() { m_valid = false; }

  /// At most this many rectangles are returned (more are merged); beyond this share of the display, whole.
  static constexpr int kMaxRects = 6;
  static constexpr float kFullShare = 0.75f;
  /// More damaged rectangles than this in one draw list are united into one, and more than kMaxScattered in all.
  static constexpr std::size_t kMaxPerList = 32;
  static constexpr std::size_t kMaxScattered = 64;

  /// One triangle as drawn (public for the tests).
  struct Triangle {
    ImDrawVert v[3];
    std::uint32_t pad = 0;   // keeps the bytes defined: triangles are compared with memcmp
    ImVec4 clip;
    std::uint64_t texture = 0;  // texture id, mixed with the content generation when not the font atlas
  };

 private:
  struct List {
    std::uint64_t owner = 0;  // hash of the window name
    std::vector<Triangle> tris;
  };
  void read(const ImDrawData& dd, std::uint64_t textureGeneration);
  std::vector<List> m_prev, m_cur;
  ImVec2 m_displaySize{0, 0}, m_displayPos{0, 0};
  ImTextureID m_fontTexture = nullptr;
  bool m_valid = false;
  bool m_callbacks = false;  // a draw callback this frame: redraw whole
};

}  // namespace nr::app
