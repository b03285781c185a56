#include "widgets/tensor_cube.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nr::app {

namespace {

struct Vec3 {
  float x, y, z;
};

bool pointInQuad(const ImVec2& p, const ImVec2 q[4]) {
  // Convex quad: p is inside when it lies on the same side of all four edges.
  float sign = 0;
  for (int i = 0; i < 4; ++i) {
    const ImVec2& a = q[i];
    const ImVec2& b = q[(i + 1) % 4];
    const float cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    if (cross == 0) continue;
    if (sign == 0) sign = cross;
    else if ((cross > 0) != (sign > 0)) return false;
  }
  return sign != 0;
}

// Edge lengths grow like √count, so a 16-cell edge is longer than a 4-cell edge but the box stays compact.
float edgeLength(int count) { return std::sqrt(static_cast<float>(std::max(count, 1))); }

}  // namespace

ImU32 shadeColor(ImU32 color, float factor) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
  c.x = std::min(c.x * factor, 1.0f);
  c.y = std::min(c.y * factor, 1.0f);
  c.z = std::min(c.z * factor, 1.0f);
  return ImGui::ColorConvertFloat4ToU32(c);
}

CubeCell drawTensorCube(const char* id, ImVec2 size, int N, int C, int S, const CellColorFn& color, CubeView& view,
                        const CubeLabels& labels, float scale) {
  CubeCell hovered;
  if (size.x < 20 || size.y < 20 || N < 1 || C < 1 || S < 1) {
    ImGui::Dummy(size);
    return hovered;
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool itemHovered = ImGui::IsItemHovered();
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
    const ImVec2 d = ImGui::GetIO().MouseDelta;
    view.yaw += d.x * 0.01f;
    view.pitch = std::clamp(view.pitch + d.y * 0.01f, -1.45f, 1.45f);
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);

  const float Lx = edgeLength(C), Ly = edgeLength(S), Lz = edgeLength(N) * 0.85f;
  const float cy = std::cos(view.yaw), sy = std::sin(view.yaw), cp = std::cos(view.pitch), sp = std::sin(view.pitch);
  auto rotate = [&](Vec3 p) {
    // yaw about the vertical axis (positive shows the right side), then pitch (positive shows the top)
    const Vec3 a{p.x * cy + p.z * sy, p.y, -p.x * sy + p.z * cy};
    return Vec3{a.x, a.y * cp + a.z * sp, -a.y * sp + a.z * cp};
  };
  const float radius = 0.5f * std::sqrt(Lx * Lx + Ly * Ly + Lz * Lz);
  // Room for the axis labels around the box; the scale is independent of the rotation, so nothing zooms. When
  // the long labels would shrink the box too much, the axes are labelled with their letters only.
  CubeLabels shown = labels;
  auto fit = [&](const CubeLabels& l) {
    float labelW = 0;
    for (const char* t : {l.n, l.c, l.s}) labelW = std::max(labelW, ImGui::CalcTextSize(t).x);
    const float marginX = 0.7f * labelW + 12.0f * scale, marginY = ImGui::GetFontSize() + 12.0f * scale;
    return std::max(1.0f, std::min(size.x - 2 * marginX, size.y - 2 * marginY)) * 0.5f / radius;
  };
  float k = fit(shown);
  if (k * radius < 0.3f * std::min(size.x, size.y)) {
    shown = CubeLabels{"N", "C", "H·W"};
    k = fit(shown);
  }
  const ImVec2 center(origin.x + size.x * 0.5f, origin.y + size.y * 0.5f);
  auto project = [&](Vec3 p) {
    const Vec3 r = rotate(p);
    return ImVec2(center.x + k * r.x, center.y - k * r.y);
  };
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const ImU32 lineColor = ImGui::GetColorU32(ImGuiCol_Border);

  // One face: a grid of cells in the plane spanned by u and v at a fixed coordinate.
  struct Face {
    Vec3 normal;
    float shade;
  };
  const Face faces[6] = {{{0, 0, -1}, 1.0f},   {{0, 0, 1}, 0.9f},    {{1, 0, 0}, 0.8f},
                         {{-1, 0, 0}, 0.8f},  {{0, 1, 0}, 1.12f},   {{0, -1, 0}, 0.7f}};
  const float x0 = -Lx / 2, y0 = Ly / 2, z0 = -Lz / 2;
  // Cells touch each other: anti-aliased fill would only add fringe triangles (and faint seams) for the software
  // rasterizer to draw. The grid is drawn as whole lines per face instead of one outline per cell.
  const ImDrawListFlags savedFlags = dl->Flags;
  dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  const float dx = Lx / C, dy = Ly / S, dz = Lz / N;
  for (int f = 0; f < 6; ++f) {
    if (rotate(faces[f].normal).z >= 0) continue;  // turned away
    int rows, cols;
    switch (f) {
      case 0: case 1: rows = S; cols = C; break;   // (s, c)
      case 2: case 3: rows = S; cols = N; break;   // (s, n)
      default: rows = N; cols = C; break;          // (n, c)
    }
    // The face's origin and the step vectors of one row (r) and one column (q) of cells.
    Vec3 corner, du, dv;
    switch (f) {
      case 0: case 1: corner = {x0, y0, f == 0 ? z0 : -z0}; du = {0, -dy, 0}; dv = {dx, 0, 0}; break;
      case 2: case 3: corner = {f == 2 ? -x0 : x0, y0, z0}; du = {0, -dy, 0}; dv = {0, 0, dz}; break;
      default: corner = {x0, f == 4 ? y0 : -y0, z0}; du = {0, 0, dz}; dv = {dx, 0, 0}; break;
    }
    auto at = [&](float r, float q) {
      return project({corner.x + r * du.x + q * dv.x, corner.y + r * du.y + q * dv.y, corner.z + r * du.z + q * dv.z});
    };
    auto cellOf = [&](int r, int q) {
      switch (f) {
        case 0: case 1: return CubeCell{f == 0 ? 0 : N - 1, q, r};
        case 2: case 3: return CubeCell{q, f == 2 ? C - 1 : 0, r};
        default: return CubeCell{r, q, f == 4 ? 0 : S - 1};
      }
    };
    for (int r = 0; r < rows; ++r) {
      // Runs of equal colour along a row are one quad: the same picture with far fewer triangles.
      int runStart = 0;
      ImU32 runColor = 0;
      for (int q = 0; q <= cols; ++q) {
        ImU32 col = 0;
        if (q < cols) {
          const CubeCell cell = cellOf(r, q);
          col = shadeColor(color(cell.n, cell.c, cell.s), faces[f].shade);
          if (itemHovered && !hovered.valid()) {
            const ImVec2 quad[4] = {at(float(r), float(q)), at(float(r), float(q + 1)), at(float(r + 1), float(q + 1)),
                                    at(float(r + 1), float(q))};
            if (pointInQuad(mouse, quad)) hovered = cell;
          }
        }
        if (q > 0 && (q == cols || col != runColor))
          dl->AddQuadFilled(at(float(r), float(runStart)), at(float(r), float(q)), at(float(r + 1), float(q)),
                            at(float(r + 1), float(runStart)), runColor);
        if (q == 0 || col != runColor) {
          runStart = q;
          runColor = col;
        }
      }
    }
    // Grid lines of this face, when the cells are big enough for them to help.
    const ImVec2 a = at(0, 0), b = at(1, 1);
    if (std::fabs(b.x - a.x) + std::fabs(b.y - a.y) > 8.0f * scale) {
      for (int r = 0; r <= rows; ++r) dl->AddLine(at(float(r), 0), at(float(r), float(cols)), lineColor, 1.0f);
      for (int q = 0; q <= cols; ++q) dl->AddLine(at(0, float(q)), at(float(rows), float(q)), lineColor, 1.0f);
    }
  }
  dl->Flags = savedFlags;

  // Axis labels beside the silhouette edge of each axis that lies farthest from the centre.
  auto labelAxis = [&](const char* text, Vec3 a0, Vec3 a1, int axis) {
    float best = -1;
    ImVec2 bestMid, bestDir;
    for (int i = 0; i < 4; ++i) {
      Vec3 p0 = a0, p1 = a1;
      const float s1 = (i & 1) ? -1.0f : 1.0f, s2 = (i & 2) ? -1.0f : 1.0f;
      if (axis == 0) p0.y = p1.y = s1 * Ly / 2, p0.z = p1.z = s2 * Lz / 2;
      if (axis == 1) p0.x = p1.x = s1 * Lx / 2, p0.z = p1.z = s2 * Lz / 2;
      if (axis == 2) p0.x = p1.x = s1 * Lx / 2, p0.y = p1.y = s2 * Ly / 2;
      const ImVec2 m0 = project(p0), m1 = project(p1);
      const ImVec2 mid((m0.x + m1.x) / 2, (m0.y + m1.y) / 2);
      const float dist = std::hypot(mid.x - center.x, mid.y - center.y) + (mid.x < center.x ? 1.0f : 0.0f);
      if (dist > best) {
        best = dist;
        bestMid = mid;
        bestDir = ImVec2((mid.x - center.x) / std::max(dist, 1.0f), (mid.y - center.y) / std::max(dist, 1.0f));
      }
    }
    const ImVec2 ts = ImGui::CalcTextSize(text);
    const float off = 14.0f * scale;
    ImVec2 pos(bestMid.x + bestDir.x * (off + ts.x * 0.5f) - ts.x * 0.5f, bestMid.y + bestDir.y * (off + ts.y * 0.5f) - ts.y * 0.5f);
    // Inside the picture: a label near an edge moves in rather than being cut.
    pos.x = std::floor(std::clamp(pos.x, origin.x, std::max(origin.x, origin.x + size.x - ts.x)));
    pos.y = std::floor(std::clamp(pos.y, origin.y, std::max(origin.y, origin.y + size.y - ts.y)));
    dl->AddText(pos, ImGui::GetColorU32(ImGuiCol_Text), text);
  };
  labelAxis(shown.c, {-Lx / 2, 0, 0}, {Lx / 2, 0, 0}, 0);
  labelAxis(shown.s, {0, -Ly / 2, 0}, {0, Ly / 2, 0}, 1);
  labelAxis(shown.n, {0, 0, -Lz / 2}, {0, 0, Lz / 2}, 2);
  dl->PopClipRect();
  return hovered;
}

CubeCell drawTensorTiles(const char* id, ImVec2 size, int N, int C, int H, int W, const CellColorFn& color,
                         float scale) {
  CubeCell hovered;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool itemHovered = ImGui::IsItemHovered();
  if (N < 1 || C < 1 || H < 1 || W < 1) return hovered;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fontH = ImGui::GetFontSize();
  const float labelW = ImGui::CalcTextSize("n=00").x + 6.0f * scale, labelH = fontH + 4.0f * scale;
  const float gap = 4.0f * scale;
  const float availW = size.x - labelW - gap * (C - 1), availH = size.y - labelH - gap * (N - 1);
  const float cell = std::max(1.0f, std::floor(std::min(availW / (C * W), availH / (N * H))));
  const float tileW = cell * W, tileH = cell * H;
  const float usedW = labelW + C * tileW + (C - 1) * gap, usedH = labelH + N * tileH + (N - 1) * gap;
  const ImVec2 o(origin.x + std::max(0.0f, (size.x - usedW) / 2), origin.y + std::max(0.0f, (size.y - usedH) / 2));
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const ImDrawListFlags savedFlags = dl->Flags;
  dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;  // touching cells: no fringes needed
  char buf[16];
  for (int c = 0; c < C; ++c) {
    std::snprintf(buf, sizeof buf, "c=%d", c);
    const float tw = ImGui::CalcTextSize(buf).x;
    // Centred over its tile, but never past the picture's right edge (the last one over a narrow tile).
    const float tx = std::min(o.x + labelW + c * (tileW + gap) + tileW / 2 - tw / 2, origin.x + size.x - tw);
    if (tileW >= tw || c == 0 || c == C - 1) dl->AddText(ImVec2(std::floor(tx), o.y), text, buf);
  }
  for (int n = 0; n < N; ++n) {
    std::snprintf(buf, sizeof buf, "n=%d", n);
    const float ty = o.y + labelH + n * (tileH + gap) + tileH / 2 - fontH / 2;
    dl->AddText(ImVec2(o.x, ty), text, buf);
    for (int c = 0; c < C; ++c) {
      const ImVec2 t0(o.x + labelW + c * (tileW + gap), o.y + labelH + n * (tileH + gap));
      for (int h = 0; h < H; ++h) {
        // Runs of equal colour along a row are one rectangle.
        int runStart = 0;
        ImU32 runColor = 0;
        for (int w = 0; w <= W; ++w) {
          const ImU32 col = w < W ? color(n, c, h * W + w) : 0;
          if (w > 0 && (w == W || col != runColor))
            dl->AddRectFilled(ImVec2(t0.x + runStart * cell, t0.y + h * cell),
                              ImVec2(t0.x + w * cell, t0.y + (h + 1) * cell), runColor);
          if (w == 0 || col != runColor) {
            runStart = w;
            runColor = col;
          }
          if (w < W && itemHovered) {
            const ImVec2 a(t0.x + w * cell, t0.y + h * cell), b(a.x + cell, a.y + cell);
            if (mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) hovered = {n, c, h * W + w};
          }
        }
      }
      dl->AddRect(t0, ImVec2(t0.x + tileW, t0.y + tileH), border);
    }
  }
  dl->Flags = savedFlags;
  return hovered;
}

}  // namespace nr::app
