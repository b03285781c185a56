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

const char* kOpKeys[AugmentationLesson::kOps] = {"augmentation.op0", "augmentation.op1", "augmentation.op2",
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

}  // namespace

void AugmentationLesson::drawCanvas(LessonContext& ctx) {
  collectCurves();
  uploadGrid(ctx);
  // The grid of draws in two halves (shape: flip, rotation, shift, noise; pixels and mixing: brightness/contrast,
  // cutout, mixup, cutmix), each small enough for a projector at scale 2; then the curves.
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add({"##grid1", ctx.tr("augmentation.tab.grid1"), 14.0f, 9.5f, 1.6f, 2.0f, 0},
               [&](ImVec2 s) { drawGrid(ctx, s, Flip, BrightnessContrast); });
  m_layout.add({"##grid2", ctx.tr("augmentation.tab.grid2"), 14.0f, 9.5f, 1.6f, 2.0f, 1},
               [&](ImVec2 s) { drawGrid(ctx, s, BrightnessContrast, kOps); });
  m_layout.add(plotPanel("##loss", ctx.tr("augmentation.tab.loss"), 2, 1.5f, 1.2f),
               [&](ImVec2 s) { drawCurves(ctx, s, false); });
  m_layout.add(plotPanel("##acc", ctx.tr("augmentation.tab.acc"), 3), [&](ImVec2 s) { drawCurves(ctx, s, true); });
  m_layout.end();
}

void AugmentationLesson::uploadGrid(LessonContext& ctx) {
  const int w = m_trainSet.width, h = m_trainSet.height;
  const int cols = kDraws + 1;
  // The whole grid once per change: one texture, (w+1)×(h+1) texels per cell.
  const int tw = cols * (w + 1), th = kOps * (h + 1);
  if (ctx.hasGraphics && m_textureDirty) {
    if (!m_texture) {
      m_texture = std::make_unique<gfx::Texture2D>();
      m_texture->setFilter(gfx::TextureFilter::Nearest);
    }
    m_rgba.assign(size_t(tw) * th * 4, 0);
    for (int r = 0; r < kOps; ++r)
      for (int c = 0; c < cols; ++c) {
        const std::vector<float>& img = cell(r, c).pixels;
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
    m_textureDirty = false;
  }

}

float AugmentationLesson::drawGrid(LessonContext& ctx, ImVec2 size, int r0, int r1) {
  const float width = size.x, height = size.y;
  const int w = m_trainSet.width, h = m_trainSet.height;
  const int cols = kDraws + 1;
  const int tw = cols * (w + 1), th = kOps * (h + 1);
  const int rows = r1 - r0;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float lineH = ImGui::GetTextLineHeight(), pad = std::round(4.0f * ctx.scale);
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);

  // Row labels: the operation and its strength.
  char strength[kOps][48];
  std::snprintf(strength[Flip], 48, "p = 0.5");
  std::snprintf(strength[Rotation], 48, "±%.0f°", m_p.rotation);
  std::snprintf(strength[Shift], 48, "±%d px", m_p.shift);
  std::snprintf(strength[Noise], 48, "σ = %.2f", m_p.noise);
  std::snprintf(strength[BrightnessContrast], 48, "±%.2f, ±%.2f", m_p.brightness, m_p.contrast);
  std::snprintf(strength[Cutout], 48, "%d×%d px", m_p.cutout, m_p.cutout);
  std::snprintf(strength[Mixup], 48, "α = %.2g", m_p.mixupAlpha);
  std::snprintf(strength[CutMix], 48, "α = %.2g", m_p.cutmixAlpha);
  const float swatch = std::round(lineH * 0.6f);
  float labelW = 0;
  // One label column for both halves of the grid, so their cells line up when they stand one above the other.
  for (int r = 0; r < kOps; ++r)
    labelW = std::max({labelW, ImGui::CalcTextSize(ctx.tr(kOpKeys[r])).x, ImGui::CalcTextSize(strength[r]).x});
  labelW = std::min(labelW + swatch + 3 * pad, width * 0.35f);
  int mixingRows = 0;
  for (int r = r0; r < r1; ++r) mixingRows += r == Mixup || r == CutMix;
  // Cell size: every draw shown, the rows with a header line above; the mixing rows' labels (λ and the two
  // classes) below their cells only when they fit a cell's width, so nothing ever runs into the next column.
  const float mixLabelW = ImGui::CalcTextSize("0.00").x + pad + std::round(lineH * 0.62f) + 1.0f;
  auto sideFor = [&](float labelLines) {
    const float byHeight = (height - lineH - pad - labelLines * lineH - rows * pad) / rows;
    const float byWidth = (width - labelW - pad) / cols - pad;
    return std::floor(std::max(std::min(byHeight, byWidth), 4.0f));
  };
  float side = sideFor(2.0f * mixingRows);
  const bool mixLabels = mixingRows > 0 && side + pad >= mixLabelW;
  if (!mixLabels) side = sideFor(0.0f);
  if (side >= 3.0f * w) side = std::floor(side / w) * w;  // whole screen pixels per image pixel: crisp, even squares
  const float colW = side + pad;
  const float firstW = colW + pad;  // the original stands a little apart from the draws
  const bool twoLineLabels = side >= 2 * lineH;

  // Two channels: every image in one (consecutive draws of one texture merge into a single draw call), the
  // labels and outlines in the other, on top.
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  // Header: "original" over the first column (shortened if the column is narrow), "random draws" over the rest.
  const float cellsX = origin.x + labelW;
  ImGui::SetCursorScreenPos(ImVec2(cellsX, origin.y));
  clippedText(ctx.tr("augmentation.original"), firstW - pad);
  ImGui::SetCursorScreenPos(ImVec2(cellsX + firstW, origin.y));
  clippedText(ctx.tr("augmentation.draws"), (cols - 1) * colW);

  float y = origin.y + lineH + pad;
  const ImU32 blue = runColor(1);
  for (int r = r0; r < r1; ++r) {
    const bool used = m_p.use[r];
    // A swatch in the blue run's colour marks the operations that run trains with; an empty box the others.
    const ImVec2 s0(origin.x, y + (lineH - swatch) * 0.5f), s1(s0.x + swatch, s0.y + swatch);
    if (used)
      dl->AddRectFilled(s0, s1, blue);
    else
      dl->AddRect(s0, s1, dim, 0.0f, 0, std::max(1.0f, ctx.scale));
    const float textX = origin.x + swatch + pad, textW = labelW - swatch - 2 * pad;
    ImGui::SetCursorScreenPos(ImVec2(textX, y));
    ImGui::PushStyleColor(ImGuiCol_Text, used ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                              : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (twoLineLabels) {
      clippedText(ctx.tr(kOpKeys[r]), textW);
      ImGui::SetCursorScreenPos(ImVec2(textX, y + lineH));
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      clippedText(strength[r], textW);
      ImGui::PopStyleColor();
    } else {
      // One line: the name (the strength is on its slider, and in the tooltip).
      clippedText(ctx.tr(kOpKeys[r]), textW);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s %s", ctx.tr(kOpKeys[r]), strength[r]);
    }
    ImGui::PopStyleColor();

    const bool mixing = r == Mixup || r == CutMix;
    for (int c = 0; c < cols; ++c) {
      const ImVec2 p0(cellsX + (c == 0 ? 0.0f : firstW + (c - 1) * colW), y), p1(p0.x + side, y + side);
      if (m_texture && m_texture->valid()) {
        const ImVec2 uv0(float(c * (w + 1)) / tw, float(r * (h + 1)) / th);
        const ImVec2 uv1(float(c * (w + 1) + w) / tw, float(r * (h + 1) + h) / th);
        dl->ChannelsSetCurrent(0);
        dl->AddImage(m_texture->imTextureId(), p0, p1, uv0, uv1);
        dl->ChannelsSetCurrent(1);
      }
      dl->AddRect(ImVec2(p0.x - 1, p0.y - 1), ImVec2(p1.x + 1, p1.y + 1), dim);
      const Cell& cl = cell(r, c);
      if (r == CutMix && c > 0 && cl.box.bw > 0 && cl.box.bh > 0) {
        // The pasted box, clipped to the image, outlined in the run's colour.
        const float k = side / w;
        const float bx0 = float(std::max(0, cl.box.x0)), by0 = float(std::max(0, cl.box.y0));
        const float bx1 = float(std::min(w, cl.box.x0 + cl.box.bw)), by1 = float(std::min(h, cl.box.y0 + cl.box.bh));
        if (bx1 > bx0 && by1 > by0)
          dl->AddRect(ImVec2(p0.x + bx0 * k, p0.y + by0 * k), ImVec2(p0.x + bx1 * k, p0.y + by1 * k), plotColor(4), 0.0f,
                      0, std::max(1.0f, ctx.scale));
      }
      if (mixing && mixLabels && c > 0) {
        // The mixed label under the cell: λ of the original's class, 1 − λ of the partner's.
        const int ca = int(m_trainSet.data.y[m_p.sample]), cb = int(m_trainSet.data.y[cl.partner]);
        char a[16], b[16];
        std::snprintf(a, sizeof a, "%.2f", cl.lambda);
        std::snprintf(b, sizeof b, "%.2f", 1.0 - cl.lambda);
        const float icon = std::round(lineH * 0.62f);
        const float ty = p1.y + 2;
        dl->AddText(ImVec2(p0.x, ty), text, a);
        drawClassIcon(dl, ca, ImVec2(p0.x + ImGui::CalcTextSize(a).x + pad + icon * 0.5f, ty + lineH * 0.5f), icon, text);
        dl->AddText(ImVec2(p0.x, ty + lineH), text, b);
        drawClassIcon(dl, cb, ImVec2(p0.x + ImGui::CalcTextSize(b).x + pad + icon * 0.5f, ty + lineH * 1.5f), icon, text);
        if (ImGui::IsMouseHoveringRect(p0, ImVec2(p0.x + colW, p1.y + 2 * lineH))) {
          char t[160];
          std::snprintf(t, sizeof t, ctx.tr("augmentation.cell.tip"), cl.lambda, ctx.tr(kClassKeys[ca]),
                        1.0 - cl.lambda, ctx.tr(kClassKeys[cb]));
          ImGui::SetTooltip("%s", t);
        }
      } else if (mixing && c > 0) {
        const int ca = int(m_trainSet.data.y[m_p.sample]), cb = int(m_trainSet.data.y[cl.partner]);
        if (ImGui::IsMouseHoveringRect(p0, p1)) {
          char t[160];
          std::snprintf(t, sizeof t, ctx.tr("augmentation.cell.tip"), cl.lambda, ctx.tr(kClassKeys[ca]),
                        1.0 - cl.lambda, ctx.tr(kClassKeys[cb]));
          ImGui::SetTooltip("%s", t);
        }
      } else if (mixing && mixLabels && c == 0) {
        const int ca = int(m_trainSet.data.y[m_p.sample]);
        const float icon = std::round(lineH * 0.62f);
        dl->AddText(ImVec2(p0.x, p1.y + 2), text, "1.00");
        drawClassIcon(dl, ca, ImVec2(p0.x + ImGui::CalcTextSize("1.00").x + pad + icon * 0.5f, p1.y + 2 + lineH * 0.5f),
                      icon, text);
      }
    }
    y += side + pad + (mixing && mixLabels ? 2 * lineH : 0.0f);
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
    cfg.y.log = m_p.logScale;
  }
  cfg.emptyText =
      ctx.tr(m_diverged ? "augmentation.diverged.short" : "augmentation.nodata");  // the full message is beside
  Plot& plot = accuracy ? m_accPlot : m_lossPlot;
  if (!plot.begin(accuracy ? "##accplot" : "##lossplot", size, cfg)) return;
  const auto& train = accuracy ? m_trainAcc : m_trainLoss;
  const auto& val = accuracy ? m_valAcc : m_valLoss;
  for (int i = 0; i < 2; ++i) {
    const int n = static_cast<int>(m_epoch[i].size());
    SeriesStyle dashed, solid;
    dashed.color = solid.color = runColor(i);
    dashed.dashed = true;
    plot.line(labels[i][0], m_epoch[i].data(), train[i].data(), n, dashed);
    plot.line(labels[i][1], m_epoch[i].data(), val[i].data(), n, solid);
  }
  plot.end();
}

void AugmentationLesson::drawFormula(LessonContext& ctx) {
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("augmentation.diverged"));
    ImGui::PopStyleColor();
  }
  char buf[200];
  const int epochs = m_runs[0]->epoch();
  if (epochs >= kMaxEpochs) {
    std::snprintf(buf, sizeof buf, ctx.tr("augmentation.done"), epochs);
    wrappedText(buf);
  }
  std::snprintf(buf, sizeof buf, ctx.tr("augmentation.status"), epochs, m_trainSet.data.size());
  wrappedTextDisabled(buf);
  if (!m_diverged && !m_valLoss[0].empty() && !m_valLoss[1].empty()) {
    std::snprintf(buf, sizeof buf, ctx.tr("augmentation.gap"), m_valLoss[0].back() - m_trainLoss[0].back(),
                  m_valLoss[1].back() - m_trainLoss[1].back());
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("augmentation.valacc"), 100.0 * m_valAcc[0].back(),
                  100.0 * m_valAcc[1].back());
    wrappedText(buf);
  }
  // The operations with today's numbers; the first mixing draws of the grid as the worked examples. Wrapped, so
  // the lines fit the panel at any UI scale.
  const Cell& mix = cell(Mixup, 1);
  const Cell& cut = cell(CutMix, 1);
  const int ca = int(m_trainSet.data.y[m_p.sample]);
  const int area = m_trainSet.width * m_trainSet.height;
  char line[384];
  std::snprintf(line, sizeof line, ctx.tr("augmentation.f.mixup"), m_p.mixupAlpha, mix.lambda, mix.lambda,
                ctx.tr(kClassKeys[ca]), 1.0 - mix.lambda, ctx.tr(kClassKeys[int(m_trainSet.data.y[mix.partner])]));
  wrappedText(line);
  std::snprintf(line, sizeof line, ctx.tr("augmentation.f.cutmix"),
                static_cast<int>(std::lround((1.0 - cut.lambda) * area)), area, cut.lambda);
  wrappedText(line);
  std::snprintf(line, sizeof line, ctx.tr("augmentation.f.bc"), m_p.brightness, m_p.brightness, 1.0 - m_p.contrast,
                1.0 + m_p.contrast);
  wrappedText(line);
  wrappedText(ctx.tr("augmentation.f.loss"));
}

std::string AugmentationLesson::formulaLatex() const {
  const Cell& mix = cell(Mixup, 1);
  const Cell& cut = cell(CutMix, 1);
  const int area = m_trainSet.width * m_trainSet.height;
  return "\\begin{aligned}\n"
         "\\text{mixup:}\\ & x' = \\lambda x_A + (1-\\lambda) x_B,\\quad y' = \\lambda y_A + (1-\\lambda) y_B,\\quad "
         "\\lambda \\sim \\mathrm{Beta}(\\alpha, \\alpha),\\ \\alpha = " +
         latexNumber(m_p.mixupAlpha) + ",\\ \\lambda = " + latexNumber(mix.lambda, 2) +
         "\\\\\n"
         "\\text{cutmix:}\\ & x' = M \\odot x_A + (1 - M) \\odot x_B,\\quad y' = \\lambda y_A + (1-\\lambda) y_B,"
         "\\quad \\lambda = 1 - \\frac{" +
         std::to_string(static_cast<int>(std::lround((1.0 - cut.lambda) * area))) + "}{" + std::to_string(area) +
         "} = " + latexNumber(cut.lambda) + "\\\\\n" + latexText("augmentation.tex.brightness") +
         "\\ & x' = \\operatorname{clamp}((x - m)\\,c + m + b),\\quad b \\in [-" + latexNumber(m_p.brightness) + ", " +
         latexNumber(m_p.brightness) + "],\\ c \\in [" + latexNumber(1.0 - m_p.contrast) + ", " +
         latexNumber(1.0 + m_p.contrast) +
         "]\\\\\n"
         "& L = -\\frac{1}{B}\\sum_i \\sum_k y'_{ik} \\log \\operatorname{softmax}(f(x'_i))_k\n"
         "\\end{aligned}";
}

}  // namespace nr::app
