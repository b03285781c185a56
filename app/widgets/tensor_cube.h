#pragma once
// The N×C×(H·W) activation tensor drawn as a 3-D box of cells, as in the Group Normalization paper's figure
// (Wu & He 2018, fig. 2): C along the horizontal edge, H·W along the vertical edge, N along the depth. Only the
// faces turned towards the viewer are drawn (the box is convex, so they never overlap), each cell as a projected
// quad on ImDrawList. Dragging rotates the box. Also the flat view: N rows × C columns of H×W tiles.

#include <imgui.h>

#include <functional>

namespace nr::app {

struct CubeCell {
  int n = -1, c = -1, s = -1;  ///< s = h·W + w; n < 0 when nothing is hovered
  bool valid() const { return n >= 0; }
  bool operator==(const CubeCell& o) const { return n == o.n && c == o.c && s == o.s; }
};

struct CubeView {
  float yaw = 0.65f, pitch = 0.42f;  ///< radians; the default shows the front, the top and the right side
  void reset() { *this = CubeView(); }
};

/// Fill colour of a cell, and whether it is emphasized (hovered group).
using CellColorFn = std::function<ImU32(int n, int c, int s)>;

struct CubeLabels {
  const char* n = "N";
  const char* c = "C";
  const char* s = "H,W";
};

/// Draws the box filling `size` at the cursor; returns the hovered cell. `view` is changed by dragging.
CubeCell drawTensorCube(const char* id, ImVec2 size, int N, int C, int S, const CellColorFn& color, CubeView& view,
                        const CubeLabels& labels, float scale);

/// Draws N rows × C columns of H×W tiles filling `size`; returns the hovered cell.
CubeCell drawTensorTiles(const char* id, ImVec2 size, int N, int C, int H, int W, const CellColorFn& color,
                         float scale);

/// Multiplies the RGB of a colour (shading of the cube's faces).
ImU32 shadeColor(ImU32 color, float factor);

}  // namespace nr::app
