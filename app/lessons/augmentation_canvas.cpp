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
#include "ui/latex.h"
#include "ui/text.h"

namespace nr::app {

namespace {

const char* kOpKeys[AugmentationLesson::kOps] = {"au.op0", "au.op1", "au.op2", "au.op3",
                                                "au.op4", "au.op5", "au.op6", "au.op7"};
const char* kClassKeys[4] = {"au.class0", "au.class1", "au.class2", "au.class3"};

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
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
  const ImVec2 top = ImGui::GetCursorPos();
  // The grid takes what its cells need (at most half the width); the plots take the rest.
  const float gridW = drawGrid(ctx, std::floor(avail.x * 0.56f), avail.y);
  ImGui::SetCursorPos(ImVec2(top.x + gridW + gap, top.y));
  drawPlots(ctx, avail.x - gridW - gap, avail.y);
}

float AugmentationLesson::drawGrid(LessonContext& ctx, float width, float height) {
  const int w = m_trainSet.width, h = m_trainSet.height;
  const int cols = kDraws + 1;
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
  for (int r = 0; r < kOps; ++r)
    labelW = std::max({labelW, ImGui::CalcTextSize(ctx.tr(kOpKeys[r])).x, ImGui::CalcTextSize(strength[r]).x});
  labelW = std::min(labelW + swatch + 3 * pad, width * 0.35f);
  // Cell size: 8 rows of cells, the two mixing rows with two label lines below, a header line.
  const float mixLabelW = ImGui::CalcTextSize("0.00").x + lineH + pad;
  float side = std::min((height - 2 * lineH - 4 * lineH - kOps * pad) / kOps, (width - labelW) / cols - 1.5f * pad);
  side = std::max(side, 8.0f);
  if (side >= 3.0f * w) side = std::floor(side / w) * w;  // whole screen pixels per image pixel: crisp, even squares
  side = std::floor(side);
  const float colW = std::max(side, mixLabelW) + pad;
  // Column 0 (the original) stands a little apart from the draws, wide enough for its heading.
  const float firstW =
      std::max(colW + pad, std::min(ImGui::CalcTextSize(ctx.tr("au.original")).x + 2 * pad, 1.3f * colW));
  const bool twoLineLabels = side >= 2 * lineH;
  // On a narrow canvas (a large UI scale) fewer draws are shown rather than shrinking the plots to nothing.
  const int shownCols = 1 + std::clamp(int((width - labelW - firstW) / colW), 1, kDraws);

  // Upload the grid once per change: one texture, (w+1)×(h+1) texels per cell.
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

  // Two channels: every image in one (consecutive draws of one texture merge into a single draw call), the
  // labels and outlines in the other, on top.
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  // Header.
  const float cellsX = origin.x + labelW;
  ImGui::SetCursorScreenPos(ImVec2(cellsX, origin.y));
  clippedText(ctx.tr("au.original"), firstW - pad);
  ImGui::SetCursorScreenPos(ImVec2(cellsX + firstW, origin.y));
  clippedText(ctx.tr("au.draws"), (shownCols - 1) * colW);

  float y = origin.y + lineH + pad;
  const ImU32 blue = runColor(1);
  for (int r = 0; r < kOps; ++r) {
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
      char both[96];
      std::snprintf(both, sizeof both, "%s %s", ctx.tr(kOpKeys[r]), strength[r]);
      clippedText(both, textW);
    }
    ImGui::PopStyleColor();

    const bool mixing = r == Mixup || r == CutMix;
    for (int c = 0; c < shownCols; ++c) {
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
      if (mixing && c > 0) {
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
          std::snprintf(t, sizeof t, ctx.tr("au.cell.tip"), cl.lambda, ctx.tr(kClassKeys[ca]), 1.0 - cl.lambda,
                        ctx.tr(kClassKeys[cb]));
          ImGui::SetTooltip("%s", t);
        }
      } else if (mixing && c == 0) {
        const int ca = int(m_trainSet.data.y[m_p.sample]);
        const float icon = std::round(lineH * 0.62f);
        dl->AddText(ImVec2(p0.x, p1.y + 2), text, "1.00");
        drawClassIcon(dl, ca, ImVec2(p0.x + ImGui::CalcTextSize("1.00").x + pad + icon * 0.5f, p1.y + 2 + lineH * 0.5f),
                      icon, text);
      }
    }
    y += side + pad + (mixing ? 2 * lineH : 0.0f);
  }
  dl->ChannelsMerge();
  const float used = std::ceil(labelW + firstW + (shownCols - 1) * colW);
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(used, std::min(height, y - origin.y)));
  return used;
}

void AugmentationLesson::drawPlots(LessonContext& ctx, float width, float height) {
  const ImVec2 top = ImGui::GetCursorPos();
  const float gap = ImGui::GetStyle().ItemSpacing.y;
  // With little height (a big UI scale on a small screen) the loss plot takes it all.
  const bool showAccuracy = height >= 360.0f * ctx.scale;
  const float lossH = showAccuracy ? std::floor((height - gap) * 0.6f) : height, accH = height - lossH - gap;
  const char* runNames[2] = {ctx.tr("au.without"), ctx.tr("au.with")};
  char labels[2][2][96];
  for (int i = 0; i < 2; ++i) {
    std::snprintf(labels[i][0], 96, "%s · %s", runNames[i], ctx.tr("au.train"));
    std::snprintf(labels[i][1], 96, "%s · %s", runNames[i], ctx.tr("au.val"));
  }
  auto series = [&](Plot& plot, const std::array<std::vector<double>, 2>& train,
                    const std::array<std::vector<double>, 2>& val) {
    for (int i = 0; i < 2; ++i) {
      const int n = static_cast<int>(m_epoch[i].size());
      SeriesStyle dashed, solid;
      dashed.color = solid.color = runColor(i);
      dashed.dashed = true;
      plot.line(labels[i][0], m_epoch[i].data(), train[i].data(), n, dashed);
      plot.line(labels[i][1], m_epoch[i].data(), val[i].data(), n, solid);
    }
  };
  PlotConfig cfg = plotConfig(ctx);
  cfg.title = ctx.tr("au.losses");
  cfg.x.label = ctx.tr("au.epoch");
  cfg.x.integer = true;
  cfg.y.label = ctx.tr("au.loss");
  cfg.y.log = m_p.logScale;
  cfg.emptyText = ctx.tr(m_diverged ? "au.diverged.short" : "au.nodata");  // the full message is beside
  if (m_lossPlot.begin("##loss", ImVec2(width, lossH), cfg)) {
    series(m_lossPlot, m_trainLoss, m_valLoss);
    m_lossPlot.end();
  }
  if (!showAccuracy) return;
  ImGui::SetCursorPos(ImVec2(top.x, top.y + lossH + gap));
  PlotConfig acc = plotConfig(ctx);
  acc.title = ctx.tr("au.accs");
  acc.x.label = ctx.tr("au.epoch");
  acc.x.integer = true;
  acc.y.label = ctx.tr("au.accuracy");
  acc.y.min = 0.0;
  acc.y.max = 1.02;  // 100 % curves stay visible above the frame's edge
  acc.emptyText = cfg.emptyText;
  if (m_accPlot.begin("##acc", ImVec2(width, accH), acc)) {
    series(m_accPlot, m_trainAcc, m_valAcc);
    m_accPlot.end();
  }
}

void AugmentationLesson::drawFormula(LessonContext& ctx) {
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("au.diverged"));
    ImGui::PopStyleColor();
  }
  char buf[200];
  const int epochs = m_runs[0]->epoch();
  if (epochs >= kMaxEpochs) {
    std::snprintf(buf, sizeof buf, ctx.tr("au.done"), epochs);
    wrappedText(buf);
  }
  std::snprintf(buf, sizeof buf, ctx.tr("au.status"), epochs, m_trainSet.data.size());
  wrappedTextDisabled(buf);
  if (!m_diverged && !m_valLoss[0].empty() && !m_valLoss[1].empty()) {
    std::snprintf(buf, sizeof buf, ctx.tr("au.gap"), m_valLoss[0].back() - m_trainLoss[0].back(),
                  m_valLoss[1].back() - m_trainLoss[1].back());
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("au.valacc"), 100.0 * m_valAcc[0].back(), 100.0 * m_valAcc[1].back());
    wrappedText(buf);
  }
  // The operations with today's numbers; the first mixing draws of the grid as the worked examples. Wrapped, so
  // the lines fit the panel at any UI scale.
  const Cell& mix = cell(Mixup, 1);
  const Cell& cut = cell(CutMix, 1);
  const int ca = int(m_trainSet.data.y[m_p.sample]);
  const int area = m_trainSet.width * m_trainSet.height;
  char line[384];
  std::snprintf(line, sizeof line, ctx.tr("au.f.mixup"), m_p.mixupAlpha, mix.lambda, mix.lambda, ctx.tr(kClassKeys[ca]), 1.0 - mix.lambda,
                ctx.tr(kClassKeys[int(m_trainSet.data.y[mix.partner])]));
  wrappedText(line);
  std::snprintf(line, sizeof line, ctx.tr("au.f.cutmix"),
                static_cast<int>(std::lround((1.0 - cut.lambda) * area)), area, cut.lambda);
  wrappedText(line);
  std::snprintf(line, sizeof line, ctx.tr("au.f.bc"), m_p.brightness, m_p.brightness, 1.0 - m_p.contrast, 1.0 + m_p.contrast);
  wrappedText(line);
  wrappedText(ctx.tr("au.f.loss"));
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
         "\\text{cutmix:}\\ & x' = M \\odot x_A + (1 - M) \\odot x_B,\\quad \\lambda = 1 - \\frac{" +
         std::to_string(static_cast<int>(std::lround((1.0 - cut.lambda) * area))) + "}{" + std::to_string(area) +
         "} = " + latexNumber(cut.lambda) +
         "\\\\\n"
         "\\text{brightness/contrast:}\\ & x' = \\operatorname{clamp}((x - m)\\,c + m + b),\\quad b \\in [-" +
         latexNumber(m_p.brightness) + ", " + latexNumber(m_p.brightness) + "],\\ c \\in [" +
         latexNumber(1.0 - m_p.contrast) + ", " + latexNumber(1.0 + m_p.contrast) +
         "]\\\\\n"
         "& L = -\\frac{1}{B}\\sum_i \\sum_k y'_{ik} \\log \\operatorname{softmax}(f(x'_i))_k\n"
         "\\end{aligned}";
}

}  // namespace nr::app
