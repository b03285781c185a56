// augmentation — the picture and the formula: the grid of augmented draws (one small texture, uploaded only when
// a strength, the image or the seed changes, shown cell by cell with nearest filtering so the 12×12 pixels stay
// crisp), the loss and accuracy curves of both runs, and the formulas with the current numbers.

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gfx/texture.h"
#include "lessons/augmentation.h"
#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

namespace {

const char* kOpKeys[AugmentationModel::kOps] = {"augmentation.op0", "augmentation.op1", "augmentation.op2",
                                                 "augmentation.op3", "augmentation.op4", "augmentation.op5",
                                                 "augmentation.op6", "augmentation.op7"};
const char* kClassKeys[4] = {"augmentation.class0", "augmentation.class1", "augmentation.class2",
                             "augmentation.class3"};

// Run colours: vermillion for "without", blue for "with" (the blue run is the one the checkboxes change).
ImU32 runColor(int run) { return plotColor(run == 0 ? 1 : 0); }

/// A small drawing of a class's shape (the same four shapes as the images), so a mixed label reads "0.72 ▲".
void drawClassIcon(ImDrawList* dl, int cls, ImVec2 c, float s, ImU32 color) {
  const float h = s * 0.5f;
  switch (cls) {
    case 0: dl->AddRect(ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), color, 0.0f, 0, std::max(1.0f, s * 0.16f)); break;
    case 1: dl->AddCircleFilled(c, h, color, 16); break;
    case 2: dl->AddTriangleFilled(ImVec2(c.x, c.y - h), ImVec2(c.x + h, c.y + h), ImVec2(c.x - h, c.y + h), color); break;
    default: {
      const float t = std::max(1.0f, s * 0.11f);
      dl->AddRectFilled(ImVec2(c.x - t, c.y - h), ImVec2(c.x + t, c.y + h), color);
      dl->AddRectFilled(ImVec2(c.x - h, c.y - t), ImVec2(c.x + h, c.y + t), color);
    }
  }
}

using Op = AugmentationModel::Op;
constexpr int kOps = AugmentationModel::kOps, kCols = AugmentationModel::kDraws + 1;

/// Row labels: each operation's strength.
void strengthLabels(const AugmentationParams& p, char (&strength)[kOps][48]) {
  std::snprintf(strength[Op::Flip], 48, "p = 0.5");
  std::snprintf(strength[Op::Rotation], 48, "±%.0f°", p.rotation);
  std::snprintf(strength[Op::Shift], 48, "±%d px", p.shift);
  std::snprintf(strength[Op::Noise], 48, "σ = %.2f", p.noise);
  std::snprintf(strength[Op::BrightnessContrast], 48, "±%.2f, ±%.2f", p.brightness, p.contrast);
  std::snprintf(strength[Op::Cutout], 48, "%d×%d px", p.cutout, p.cutout);
  std::snprintf(strength[Op::Mixup], 48, "α = %.2g", p.mixupAlpha);
  std::snprintf(strength[Op::CutMix], 48, "α = %.2g", p.cutmixAlpha);
}

/// Where rows r0..r1−1 of the grid go in a panel: the label column, the cells' side, the gaps.
struct GridGeometry {
  int w = 0, h = 0, tw = 0, th = 0;  ///< image and texture size in pixels
  float lineH = 0, pad = 0, swatch = 0, labelW = 0;
  float side = 0, colW = 0, firstW = 0;
  bool mixLabels = false;      ///< the mixing rows' λ and classes under their cells
  bool twoLineLabels = false;  ///< the strength on a second line under the operation's name
};

GridGeometry gridGeometry(const LessonContext& ctx, ImVec2 size, int r0, int r1, int w, int h,
                          const char (&strength)[kOps][48]) {
  GridGeometry g;
  const float width = size.x, height = size.y;
  g.w = w, g.h = h;
  g.tw = kCols * (w + 1), g.th = kOps * (h + 1);
  const int rows = r1 - r0;
  g.lineH = ImGui::GetTextLineHeight(), g.pad = std::round(4.0f * ctx.scale);
  const float lineH = g.lineH, pad = g.pad;
  g.swatch = std::round(lineH * 0.6f);
  float labelW = 0;
  // One label column for both halves of the grid, so their cells line up when they stand one above the other.
  for (int r = 0; r < kOps; ++r)
    labelW = std::max({labelW, ImGui::CalcTextSize(ctx.tr(kOpKeys[r])).x, ImGui::CalcTextSize(strength[r]).x});
  g.labelW = std::min(labelW + g.swatch + 3 * pad, width * 0.35f);
  int mixingRows = 0;
  for (int r = r0; r < r1; ++r) mixingRows += r == Op::Mixup || r == Op::CutMix;
  // Cell size: every draw shown, the rows with a header line above; the mixing rows' labels (λ and the two
  // classes) below their cells only when they fit a cell's width, so nothing ever runs into the next column.
  const float mixLabelW = ImGui::CalcTextSize("0.00").x + pad + std::round(lineH * 0.62f) + 1.0f;
  auto sideFor = [&](float labelLines) {
    const float byHeight = (height - lineH - pad - labelLines * lineH - rows * pad) / rows;
    const float byWidth = (width - g.labelW - pad) / kCols - pad;
    return std::floor(std::max(std::min(byHeight, byWidth), 4.0f));
  };
  g.side = sideFor(2.0f * mixingRows);
  g.mixLabels = mixingRows > 0 && g.side + pad >= mixLabelW;
  if (!g.mixLabels) g.side = sideFor(0.0f);
  if (g.side >= 3.0f * w) g.side = std::floor(g.side / w) * w;  // whole screen pixels per image pixel: crisp, even squares
  g.colW = g.side + pad;
  g.firstW = g.colW + pad;  // the original stands a little apart from the draws
  g.twoLineLabels = g.side >= 2 * lineH;
  return g;
}

void cellTooltip(const LessonContext& ctx, const AugmentationModel::Cell& cl, int ca, int cb) {
  char t[160];
  std::snprintf(t, sizeof t, ctx.tr("augmentation.cell.tip"), cl.lambda, ctx.tr(kClassKeys[ca]), 1.0 - cl.lambda,
                ctx.tr(kClassKeys[cb]));
  ImGui::SetTooltip("%s", t);
}

/// A row's label: a swatch (filled when the augmented run uses the operation), the name and the strength.
void drawRowLabel(const LessonContext& ctx, ImDrawList* dl, const GridGeometry& g, ImVec2 at, int r, bool used,
                  const char* strength) {
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  // A swatch in the blue run's colour marks the operations that run trains with; an empty box the others.
  const ImVec2 s0(at.x, at.y + (g.lineH - g.swatch) * 0.5f), s1(s0.x + g.swatch, s0.y + g.swatch);
  if (used)
    dl->AddRectFilled(s0, s1, runColor(1));
  else
    dl->AddRect(s0, s1, dim, 0.0f, 0, std::max(1.0f, ctx.scale));
  const float textX = at.x + g.swatch + g.pad, textW = g.labelW - g.swatch - 2 * g.pad;
  ImGui::SetCursorScreenPos(ImVec2(textX, at.y));
  ImGui::PushStyleColor(ImGuiCol_Text, used ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                            : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  if (g.twoLineLabels) {
    clippedText(ctx.tr(kOpKeys[r]), textW);
    ImGui::SetCursorScreenPos(ImVec2(textX, at.y + g.lineH));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    clippedText(strength, textW);
    ImGui::PopStyleColor();
  } else {
    // One line: the name (the strength is on its slider, and in the tooltip).
    clippedText(ctx.tr(kOpKeys[r]), textW);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s %s", ctx.tr(kOpKeys[r]), strength);
  }
  ImGui::PopStyleColor();
}

/// What goes over and under a mixing row's cell: the label weights (λ of the original's class, 1 − λ of the
/// partner's) when they fit, else a tooltip; over the original, its own class at weight 1.
void drawMixLabels(const LessonContext& ctx, ImDrawList* dl, const GridGeometry& g, const AugmentationModel& m, int c,
                   const AugmentationModel::Cell& cl, ImVec2 p0, ImVec2 p1) {
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const core::ImageSet& set = m.trainImages();
  const int ca = int(set.data.y[m.params().sample]);
  const float icon = std::round(g.lineH * 0.62f);
  if (c == 0) {
    if (!g.mixLabels) return;
    dl->AddText(ImVec2(p0.x, p1.y + 2), text, "1.00");
    drawClassIcon(dl, ca, ImVec2(p0.x + ImGui::CalcTextSize("1.00").x + g.pad + icon * 0.5f, p1.y + 2 + g.lineH * 0.5f),
                  icon, text);
    return;
  }
  const int cb = int(set.data.y[cl.partner]);
  if (!g.mixLabels) {
    if (ImGui::IsMouseHoveringRect(p0, p1)) cellTooltip(ctx, cl, ca, cb);
    return;
  }
  char a[16], b[16];
  std::snprintf(a, sizeof a, "%.2f", cl.lambda);
  std::snprintf(b, sizeof b, "%.2f", 1.0 - cl.lambda);
  const float ty = p1.y + 2;
  dl->AddText(ImVec2(p0.x, ty), text, a);
  drawClassIcon(dl, ca, ImVec2(p0.x + ImGui::CalcTextSize(a).x + g.pad + icon * 0.5f, ty + g.lineH * 0.5f), icon, text);
  dl->AddText(ImVec2(p0.x, ty + g.lineH), text, b);
  drawClassIcon(dl, cb, ImVec2(p0.x + ImGui::CalcTextSize(b).x + g.pad + icon * 0.5f, ty + g.lineH * 1.5f), icon, text);
  if (ImGui::IsMouseHoveringRect(p0, ImVec2(p0.x + g.colW, p1.y + 2 * g.lineH))) cellTooltip(ctx, cl, ca, cb);
}

/// CutMix: the pasted box, clipped to the image, outlined in the run's colour.
void drawCutBox(const LessonContext& ctx, ImDrawList* dl, const GridGeometry& g, const core::CutBox& box, ImVec2 p0) {
  if (box.bw <= 0 || box.bh <= 0) return;
  const float k = g.side / g.w;
  const float bx0 = float(std::max(0, box.x0)), by0 = float(std::max(0, box.y0));
  const float bx1 = float(std::min(g.w, box.x0 + box.bw)), by1 = float(std::min(g.h, box.y0 + box.bh));
  if (bx1 > bx0 && by1 > by0)
    dl->AddRect(ImVec2(p0.x + bx0 * k, p0.y + by0 * k), ImVec2(p0.x + bx1 * k, p0.y + by1 * k), plotColor(4), 0.0f, 0,
                std::max(1.0f, ctx.scale));
}

}  // namespace

void AugmentationLesson::drawCanvas(LessonContext& ctx) {
  m_model.collectCurves();
  uploadGrid(ctx);
  // The grid of draws in two halves (shape: flip, rotation, shift, noise; pixels and mixing: brightness/contrast,
  // cutout, mixup, cutmix), each small enough for a projector at scale 2; then the curves.
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add({"##grid1", ctx.tr("augmentation.tab.grid1"), 14.0f, 9.5f, 1.6f, 2.0f, 0},
               [&](ImVec2 s) { drawGrid(ctx, s, Op::Flip, Op::BrightnessContrast); });
  m_layout.add({"##grid2", ctx.tr("augmentation.tab.grid2"), 14.0f, 9.5f, 1.6f, 2.0f, 1},
               [&](ImVec2 s) { drawGrid(ctx, s, Op::BrightnessContrast, kOps); });
  m_layout.add(plotPanel("##loss", ctx.tr("augmentation.tab.loss"), 2, 1.5f, 1.2f),
               [&](ImVec2 s) { drawCurves(ctx, s, false); });
  m_layout.add(plotPanel("##acc", ctx.tr("augmentation.tab.acc"), 3), [&](ImVec2 s) { drawCurves(ctx, s, true); });
  m_layout.end();
}

void AugmentationLesson::uploadGrid(LessonContext& ctx) {
  const core::ImageSet& set = m_model.trainImages();
  const int w = set.width, h = set.height;
  // The whole grid once per change: one texture, (w+1)×(h+1) texels per cell.
  const int tw = kCols * (w + 1), th = kOps * (h + 1);
  if (!ctx.hasGraphics || m_uploadedGrid == m_model.gridVersion()) return;
  if (!m_texture) {
    m_texture = std::make_unique<gfx::Texture2D>();
    m_texture->setFilter(gfx::TextureFilter::Nearest);
  }
  m_rgba.assign(size_t(tw) * th * 4, 0);
  for (int r = 0; r < kOps; ++r)
    for (int c = 0; c < kCols; ++c) {
      const std::vector<float>& img = m_model.cell(r, c).pixels;
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          const auto v = static_cast<uint8_t>(std::lround(255.0 * std::clamp(img[y * w + x], 0.0f, 1.0f)));
          uint8_t* p = &m_rgba[(size_t(r * (h + 1) + y) * tw + c * (w + 1) + x) * 4];
          p[0] = p[1] = p[2] = v;
          p[3] = 255;
        }
    }
  // Row 0 of the data is the top row of the first grid row; the uv coordinates below follow the data order.
  m_texture->uploadRGBA8(tw, th, m_rgba.data());
  m_uploadedGrid = m_model.gridVersion();
}

float AugmentationLesson::drawGrid(LessonContext& ctx, ImVec2 size, int r0, int r1) {
  const Params& p = m_model.params();
  char strength[kOps][48];
  strengthLabels(p, strength);
  const GridGeometry g =
      gridGeometry(ctx, size, r0, r1, m_model.trainImages().width, m_model.trainImages().height, strength);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  // Two channels: every image in one (consecutive draws of one texture merge into a single draw call), the
  // labels and outlines in the other, on top.
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  // Header: "original" over the first column (shortened if the column is narrow), "random draws" over the rest.
  const float cellsX = origin.x + g.labelW;
  ImGui::SetCursorScreenPos(ImVec2(cellsX, origin.y));
  clippedText(ctx.tr("augmentation.original"), g.firstW - g.pad);
  ImGui::SetCursorScreenPos(ImVec2(cellsX + g.firstW, origin.y));
  clippedText(ctx.tr("augmentation.draws"), (kCols - 1) * g.colW);

  float y = origin.y + g.lineH + g.pad;
  for (int r = r0; r < r1; ++r) {
    drawRowLabel(ctx, dl, g, ImVec2(origin.x, y), r, p.uses(r), strength[r]);
    const bool mixing = r == Op::Mixup || r == Op::CutMix;
    for (int c = 0; c < kCols; ++c) {
      const ImVec2 p0(cellsX + (c == 0 ? 0.0f : g.firstW + (c - 1) * g.colW), y), p1(p0.x + g.side, y + g.side);
      if (m_texture && m_texture->valid()) {
        const ImVec2 uv0(float(c * (g.w + 1)) / g.tw, float(r * (g.h + 1)) / g.th);
        const ImVec2 uv1(float(c * (g.w + 1) + g.w) / g.tw, float(r * (g.h + 1) + g.h) / g.th);
        dl->ChannelsSetCurrent(0);
        dl->AddImage(m_texture->imTextureId(), p0, p1, uv0, uv1);
        dl->ChannelsSetCurrent(1);
      }
      dl->AddRect(ImVec2(p0.x - 1, p0.y - 1), ImVec2(p1.x + 1, p1.y + 1), dim);
      const Cell& cl = m_model.cell(r, c);
      if (r == Op::CutMix && c > 0) drawCutBox(ctx, dl, g, cl.box, p0);
      if (mixing) drawMixLabels(ctx, dl, g, m_model, c, cl, p0, p1);
    }
    y += g.side + g.pad + (mixing && g.mixLabels ? 2 * g.lineH : 0.0f);
  }
  dl->ChannelsMerge();
  return y - origin.y;
}

void AugmentationLesson::drawCurves(LessonContext& ctx, ImVec2 size, bool accuracy) {
  const char* runNames[2] = {ctx.tr("augmentation.without"), ctx.tr("augmentation.with")};
  char labels[2][2][96];
  for (int i = 0; i < 2; ++i) {
    std::snprintf(labels[i][0], 96, "%s · %s", runNames[i], ctx.tr("augmentation.train"));
    std::snprintf(labels[i][1], 96, "%s · %s", runNames[i], ctx.tr("augmentation.val"));
  }
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr(accuracy ? "augmentation.accs" : "augmentation.losses");
  cfg.x.label = ctx.tr("augmentation.epoch");
  cfg.x.integer = true;
  cfg.y.label = ctx.tr(accuracy ? "augmentation.accuracy" : "augmentation.loss");
  if (accuracy) {
    cfg.y.min = 0.0;
    cfg.y.max = 1.02;  // 100 % curves stay visible above the frame's edge
  } else {
    cfg.y.log = m_model.params().logScale;
  }
  cfg.emptyText =
      ctx.tr(m_model.diverged() ? "augmentation.diverged.short" : "augmentation.nodata");  // the full message is beside
  Plot& plot = accuracy ? m_accPlot : m_lossPlot;
  if (!plot.begin(accuracy ? "##accplot" : "##lossplot", size, cfg)) return;
  for (int i = 0; i < 2; ++i) {
    const std::vector<double>& epochs = m_model.epochs(i);
    const std::vector<double>& train = accuracy ? m_model.trainAccuracy(i) : m_model.trainLoss(i);
    const std::vector<double>& val = accuracy ? m_model.validationAccuracy(i) : m_model.validationLoss(i);
    const int n = static_cast<int>(epochs.size());
    SeriesStyle dashed, solid;
    dashed.color = solid.color = runColor(i);
    dashed.dashed = true;
    plot.line(labels[i][0], epochs.data(), train.data(), n, dashed);
    plot.line(labels[i][1], epochs.data(), val.data(), n, solid);
  }
  plot.end();
}

void AugmentationLesson::drawFormula(LessonContext& ctx) {
  const Params& p = m_model.params();
  const core::ImageSet& set = m_model.trainImages();
  if (m_model.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("augmentation.diverged"));
    ImGui::PopStyleColor();
  }
  char buf[200];
  const int epochs = m_model.run(0).epoch();
  if (epochs >= AugmentationModel::kMaxEpochs) {
    std::snprintf(buf, sizeof buf, ctx.tr("augmentation.done"), epochs);
    wrappedText(buf);
  }
  std::snprintf(buf, sizeof buf, ctx.tr("augmentation.status"), epochs, set.data.size());
  wrappedTextDisabled(buf);
  const std::vector<double>&val0 = m_model.validationLoss(0), &val1 = m_model.validationLoss(1);
  if (!m_model.diverged() && !val0.empty() && !val1.empty()) {
    std::snprintf(buf, sizeof buf, ctx.tr("augmentation.gap"), val0.back() - m_model.trainLoss(0).back(),
                  val1.back() - m_model.trainLoss(1).back());
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("augmentation.valacc"), 100.0 * m_model.validationAccuracy(0).back(),
                  100.0 * m_model.validationAccuracy(1).back());
    wrappedText(buf);
  }
  // The operations with today's numbers; the first mixing draws of the grid as the worked examples. Wrapped, so
  // the lines fit the panel at any UI scale.
  const Cell& mix = m_model.cell(Op::Mixup, 1);
  const Cell& cut = m_model.cell(Op::CutMix, 1);
  const int ca = int(set.data.y[p.sample]);
  const int area = set.width * set.height;
  char line[384];
  std::snprintf(line, sizeof line, ctx.tr("augmentation.f.mixup"), p.mixupAlpha, mix.lambda, mix.lambda,
                ctx.tr(kClassKeys[ca]), 1.0 - mix.lambda, ctx.tr(kClassKeys[int(set.data.y[mix.partner])]));
  wrappedText(line);
  std::snprintf(line, sizeof line, ctx.tr("augmentation.f.cutmix"),
                static_cast<int>(std::lround((1.0 - cut.lambda) * area)), area, cut.lambda);
  wrappedText(line);
  std::snprintf(line, sizeof line, ctx.tr("augmentation.f.bc"), p.brightness, p.brightness, 1.0 - p.contrast,
                1.0 + p.contrast);
  wrappedText(line);
  wrappedText(ctx.tr("augmentation.f.loss"));
}

std::string AugmentationLesson::formulaLatex() const {
  const Params& p = m_model.params();
  const Cell& mix = m_model.cell(Op::Mixup, 1);
  const Cell& cut = m_model.cell(Op::CutMix, 1);
  const int area = m_model.trainImages().width * m_model.trainImages().height;
  return "\\begin{aligned}\n"
         "\\text{mixup:}\\ & x' = \\lambda x_A + (1-\\lambda) x_B,\\quad y' = \\lambda y_A + (1-\\lambda) y_B,\\quad "
         "\\lambda \\sim \\mathrm{Beta}(\\alpha, \\alpha),\\ \\alpha = " +
         latexNumber(p.mixupAlpha) + ",\\ \\lambda = " + latexNumber(mix.lambda, 2) +
         "\\\\\n"
         "\\text{cutmix:}\\ & x' = M \\odot x_A + (1 - M) \\odot x_B,\\quad y' = \\lambda y_A + (1-\\lambda) y_B,"
         "\\quad \\lambda = 1 - \\frac{" +
         std::to_string(static_cast<int>(std::lround((1.0 - cut.lambda) * area))) + "}{" + std::to_string(area) +
         "} = " + latexNumber(cut.lambda) + "\\\\\n" + latexText("augmentation.tex.brightness") +
         "\\ & x' = \\operatorname{clamp}((x - m)\\,c + m + b),\\quad b \\in [-" + latexNumber(p.brightness) + ", " +
         latexNumber(p.brightness) + "],\\ c \\in [" + latexNumber(1.0 - p.contrast) + ", " +
         latexNumber(1.0 + p.contrast) +
         "]\\\\\n"
         "& L = -\\frac{1}{B}\\sum_i \\sum_k y'_{ik} \\log \\operatorname{softmax}(f(x'_i))_k\n"
         "\\end{aligned}";
}

}  // namespace nr::app
