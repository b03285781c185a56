// norm-axes, the pictures: the cube and the flat tiles coloured by statistics group (or by x or y), the
// histograms before and after, and the table of every group's μ and σ². Hovering or clicking a cell lifts its group
// in all of them at once, so "which cells share μ and σ²" is one gesture.

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "kit/text.h"
#include "lessons/controls.h"
#include "lessons/norm_axes.h"

namespace nr::app {

// [SECTION] Colours

ImU32 NormAxesLesson::groupColor(int64_t g) const {
  // Golden-ratio hue steps: neighbouring group numbers get clearly different hues.
  const float hue = std::fmod(0.08f + 0.618034f * static_cast<float>(g), 1.0f);
  float r, gr, b;
  ImGui::ColorConvertHSVtoRGB(hue, 0.55f, 0.93f, r, gr, b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(r, gr, b, 1.0f));
}

static ImU32 diverging(double t) {
  // Blue (negative) – white – red (positive); t in [−1, 1].
  t = std::clamp(t, -1.0, 1.0);
  const ImVec4 neg(0.17f, 0.40f, 0.75f, 1), pos(0.80f, 0.20f, 0.17f, 1), mid(0.97f, 0.97f, 0.97f, 1);
  const ImVec4& end = t < 0 ? neg : pos;
  const float a = static_cast<float>(std::fabs(t));
  return ImGui::ColorConvertFloat4ToU32(
      ImVec4(mid.x + (end.x - mid.x) * a, mid.y + (end.y - mid.y) * a, mid.z + (end.z - mid.z) * a, 1));
}

ImU32 NormAxesLesson::cellColor(int n, int c, int s) const {
  const core::Tensor& in = m_model.input();
  const core::NormResult& result = m_model.result();
  const int* show = m_model.shown();
  const int h = s / show[3], w = s % show[3];
  ImU32 col;
  const int64_t g = result.groups.groupOf(n, c, h, w);
  if (m_p.colorBy == kByGroup) {
    col = groupColor(g);
  } else if (m_p.colorBy == kByInput) {
    col = diverging(in.at(n, c, h, w) / m_model.inputAbsMax());
  } else {
    const double range = std::max(1e-6, std::fabs(m_p.beta) + 2.5 * std::fabs(m_p.gamma));
    col = diverging(result.output.at(n, c, h, w) / range);
  }
  // Hovering a cell lifts its whole group and fades the rest.
  if (m_hoverGroup >= 0 && g != m_hoverGroup) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(col);
    const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_ChildBg);
    v = ImVec4(v.x * 0.35f + bg.x * 0.65f, v.y * 0.35f + bg.y * 0.65f, v.z * 0.35f + bg.z * 0.65f, 1);
    col = ImGui::ColorConvertFloat4ToU32(v);
  }
  return col;
}

// [SECTION] Drawing

void NormAxesLesson::drawStatsTable(LessonContext& ctx) {
  sectionHeader(ctx.tr("norm-axes.stats"));
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  const float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 4);
  // Every column as wide as its widest entry; on a narrow panel the element count (the same for every group, and
  // said above the table) gives its room to the statistics.
  const ImGuiStyle& st = ImGui::GetStyle();
  auto width = [&](const char* a, const char* b) {
    return std::max(ImGui::CalcTextSize(a).x, ImGui::CalcTextSize(b).x) + 2 * st.CellPadding.x;
  };
  const float need = width(ctx.tr("norm-axes.col.group"), "00") + ImGui::GetTextLineHeight() + st.ItemSpacing.x +
                     width("μ", "-00.0000") + width("σ²", "00.0000") + width(ctx.tr("norm-axes.col.n"), "00000");
  const bool countColumn = need + st.ScrollbarSize <= ImGui::GetContentRegionAvail().x;
  const core::NormResult& result = m_model.result();
  if (!ImGui::BeginTable("##stats", countColumn ? 4 : 3, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("norm-axes.col.group"));
  ImGui::TableSetupColumn("μ");
  ImGui::TableSetupColumn("σ²");
  if (countColumn) ImGui::TableSetupColumn(ctx.tr("norm-axes.col.n"));
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(result.groups.groupCount()));
  while (clipper.Step())
    for (int g = clipper.DisplayStart; g < clipper.DisplayEnd; ++g) {
      ImGui::TableNextRow();
      if (g == m_hoverGroup) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_HeaderHovered));
      ImGui::TableNextColumn();
      const float sz = ImGui::GetTextLineHeight();
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + sz, p.y + sz), groupColor(g));
      ImGui::Dummy(ImVec2(sz, sz));
      ImGui::SameLine();
      ImGui::Text("%d", g);
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", result.mean[g]);
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", result.var[g]);
      if (!countColumn) continue;
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(result.groups.groupSize()));
    }
  ImGui::EndTable();
}

void NormAxesLesson::drawCanvas(LessonContext& ctx) {
  // The cube and the tiles are the lesson (which cells share μ and σ²); the histograms before and after follow.
  m_cubeHover = m_tilesHover = CubeCell{};
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add({"##cube", ctx.tr("norm-axes.tab.cube"), 10.0f, 10.0f, 1.1f, 1.5f, 0}, [&](ImVec2 s) { drawCube(ctx, s); });
  m_layout.add({"##tiles", ctx.tr("norm-axes.tab.tiles"), 10.0f, 9.0f, 1.2f, 1.2f, 1}, [&](ImVec2 s) { drawTiles(ctx, s); });
  m_layout.add(plotPanel("##histin", ctx.tr("norm-axes.tab.before"), 2), [&](ImVec2 s) { drawHistogram(ctx, s, false); });
  m_layout.add(plotPanel("##histout", ctx.tr("norm-axes.tab.after"), 3), [&](ImVec2 s) { drawHistogram(ctx, s, true); });
  m_layout.end();

  m_hover = m_cubeHover.valid() ? m_cubeHover : m_tilesHover;
  pinOnClick();
  const int* show = m_model.shown();
  const CubeCell f = focus();
  m_hoverGroup = f.valid() ? m_model.result().groups.groupOf(f.n, f.c, f.s / show[3], f.s % show[3]) : -1;

  if (m_hover.valid()) {
    const int h = m_hover.s / show[3], w = m_hover.s % show[3];
    const NormCellNumbers k = m_model.cell(m_hover.n, m_hover.c, h, w);
    ImGui::BeginTooltip();
    ImGui::Text("n=%d c=%d h=%d w=%d", m_hover.n, m_hover.c, h, w);
    ImGui::Text("x = %.4f   μ = %.4f   σ² = %.4f", k.x, k.mean, k.var);
    ImGui::Text("y = %.4f", k.y);
    ImGui::EndTooltip();
  }
}

void NormAxesLesson::pinOnClick() {
  // A click (not a drag that rotates the cube) pins the cell; clicking it again unpins it.
  if (!m_hover.valid() || !ImGui::IsMouseReleased(ImGuiMouseButton_Left) ||
      ImGui::GetIO().MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] >= 16.0f)
    return;
  const int h = m_hover.s / m_model.shown()[3], w = m_hover.s % m_model.shown()[3];
  const bool same = m_p.focusN == m_hover.n && m_p.focusC == m_hover.c && m_p.focusH == h && m_p.focusW == w;
  m_p.focusN = same ? -1 : m_hover.n;
  m_p.focusC = m_hover.c;
  m_p.focusH = h;
  m_p.focusW = w;
}

void NormAxesLesson::drawCube(LessonContext& ctx, ImVec2 size) {
  // The caption, and the reset button beside it when both fit (else below it).
  const char* resetLabel = ctx.tr("norm-axes.resetview");
  const core::Tensor& in = m_model.input();
  const int* show = m_model.shown();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float resetW = ImGui::CalcTextSize(resetLabel).x + ImGui::GetStyle().FramePadding.x * 2;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  // Own activations larger than the picture: the caption says how much of them the cube shows.
  const char* caption = ctx.tr("norm-axes.cube");
  char part[200];
  if (!m_model.dataFile().empty() && (show[0] < in.n() || show[1] < in.c() || show[2] * show[3] < in.h() * in.w())) {
    std::snprintf(part, sizeof part, ctx.tr("norm-axes.cube.part"), show[0], show[1], show[2] * show[3],
                  static_cast<long long>(in.n()), static_cast<long long>(in.c()),
                  static_cast<long long>(in.h() * in.w()));
    caption = part;
  }
  if (ImGui::CalcTextSize(caption).x + gap + resetW <= size.x) {
    clippedText(caption, size.x - resetW - gap);
    ImGui::SameLine(size.x - resetW);
  } else {
    wrappedText(caption, size.x);
  }
  if (button(resetLabel)) m_view.reset();
  const float used = ImGui::GetCursorScreenPos().y - top.y;
  const int S = show[2] * show[3];
  auto color = [this](int n, int c, int s) { return cellColor(n, c, s); };
  CubeLabels labels{ctx.tr("norm-axes.axis.n"), ctx.tr("norm-axes.axis.c"), ctx.tr("norm-axes.axis.s")};
  m_cubeHover = drawTensorCube("##cubeview", ImVec2(size.x, std::max(1.0f, size.y - used)), show[0], show[1], S, color,
                               m_view, labels, ctx.scale);
}

void NormAxesLesson::drawTiles(LessonContext& ctx, ImVec2 size) {
  const int* show = m_model.shown();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  wrappedText(ctx.tr("norm-axes.tiles"), size.x);
  const float used = ImGui::GetCursorScreenPos().y - top.y;
  auto color = [this](int n, int c, int s) { return cellColor(n, c, s); };
  m_tilesHover = drawTensorTiles("##tilesview", ImVec2(size.x, std::max(1.0f, size.y - used)), show[0], show[1],
                                 show[2], show[3], color, ctx.scale);
}

void NormAxesLesson::drawHistogram(LessonContext& ctx, ImVec2 size, bool after) {
  // Histograms before and after, as densities so the two compare.
  const core::Tensor& in = m_model.input();
  const int count = static_cast<int>(in.size());
  const int bins = std::clamp(count / 4, 5, 40);
  PlotConfig cfg = plotConfig(ctx);
  cfg.legend = false;
  cfg.x.label = ctx.tr("norm-axes.value");
  cfg.y.label = ctx.tr("norm-axes.density");
  cfg.y.min = 0.0;
  cfg.title = ctx.tr(after ? "norm-axes.after" : "norm-axes.before");
  HistogramBins hb;
  hb.count = bins;
  hb.density = true;
  SeriesStyle style;
  style.color = plotColor(after ? 1 : 0);
  Plot& plot = after ? m_histOut : m_histIn;
  if (!plot.begin(after ? "##histoutplot" : "##histinplot", size, cfg)) return;
  if (!m_model.dataFile().empty()) {
    // Own activations: the bins counted once over the whole tensor (binOwnData), drawn as touching bars.
    const NormAxesModel::Bins& b = after ? m_model.outputBins() : m_model.inputBins();
    plot.bars(after ? "y" : "x", b.centers.data(), b.density.data(), static_cast<int>(b.centers.size()), b.width,
              style);
  } else if (after)
    plot.histogram("y", m_model.outputValues().data(), count, hb, style);
  else
    plot.histogram("x", in.data(), count, hb, style);
  plot.end();
}

}  // namespace nr::app
