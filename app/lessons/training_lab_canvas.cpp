// training-lab's canvas and formula: the decision boundary with the points (click to add one), the loss curves
// with the kept runs as dashed ghosts, and the accuracy curves. The points use the two hues of the diverging map,
// so a point's class and the side of the boundary it falls on are compared by colour alone.

#include <imgui.h>

#include <array>
#include <cstdio>

#include "kit/latex.h"
#include "kit/text.h"
#include "lessons/controls.h"
#include "lessons/training_lab.h"
#include "widgets/disc_sprites.h"

namespace nr::app {

void TrainingLabLesson::drawCanvas(LessonContext& ctx) {
  m_model.mirrorHistory();
  if (!playing()) refreshBoundary();  // after a Step or a live change while paused
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add(picturePanel("##boundary", ctx.tr("training-lab.tab.boundary"), 0, 1.5f),
               [&](ImVec2 s) { drawBoundary(ctx, s); });
  m_layout.add(plotPanel("##loss", ctx.tr("training-lab.tab.loss"), 1, 1.5f, 1.5f),
               [&](ImVec2 s) { drawLoss(ctx, s); });
  m_layout.add(plotPanel("##acc", ctx.tr("training-lab.tab.acc"), 2), [&](ImVec2 s) { drawAccuracy(ctx, s); });
  m_layout.end();
}

void TrainingLabLesson::drawBoundary(LessonContext& ctx, ImVec2 size) {
  // The decision boundary and the points.
  const float side = pictureWithTitle(ctx.tr("training-lab.boundary"), size);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 p1(p0.x + side, p0.y + side);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  m_boundary.draw(ctx, side, 192);
  dl->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border));
  const std::array<double, 4>& view = m_model.view();
  auto toScreen = [&](const float* pt) {
    return ImVec2(p0.x + float((pt[0] - view[0]) / (view[1] - view[0])) * side,
                  p1.y - float((pt[1] - view[2]) / (view[3] - view[2])) * side);
  };
  // The diverging map shows class 0 blue and class 1 red-orange: the points use the same two hues.
  const ImU32 colors[2] = {IM_COL32(33, 102, 172, 255), IM_COL32(214, 96, 77, 255)};
  const float r = 4.0f * ctx.scale;
  const core::LabeledData& train = m_model.trainer().trainSet();
  dl->PushClipRect(p0, p1, true);
  for (int i = 0; i < train.size(); ++i) {
    const ImVec2 c = toScreen(train.row(i));
    // A white rim under a smaller disc looks like a 1-pixel outline, as two quads (drawDisc) instead of ~80
    // triangles of anti-aliased polygon and stroke: a thousand points stay cheap on a software rasterizer.
    drawDisc(dl, c, r + 0.5f, IM_COL32(255, 255, 255, 230));
    drawDisc(dl, c, r - 0.5f, colors[train.y[i] > 0.5f]);
  }
  const core::LabeledData& val = m_model.trainer().validationSet();
  for (int i = 0; i < val.size(); ++i)
    dl->AddCircle(toScreen(val.row(i)), r, colors[val.y[i] > 0.5f], 12, 2.0f * ctx.scale);
  dl->PopClipRect();
  // Click to add a training point: left = class 1, right = class 0. Kept through Restart (Clear points removes them).
  if (ImGui::IsItemHovered()) {
    itemTooltip(ctx.tr("training-lab.click.tip"));
    const bool left = ImGui::IsMouseClicked(ImGuiMouseButton_Left), right = ImGui::IsMouseClicked(ImGuiMouseButton_Right);
    if (left || right) {
      const ImVec2 m = ImGui::GetIO().MousePos;
      const float pt[2] = {float(view[0] + (m.x - p0.x) / side * (view[1] - view[0])),
                           float(view[2] + (p1.y - m.y) / side * (view[3] - view[2]))};
      m_model.addPoint(pt[0], pt[1], left ? 1.0f : 0.0f);
    }
  }
}

void TrainingLabLesson::drawLoss(LessonContext& ctx, ImVec2 size) {
  PlotConfig cfg = plotConfig(ctx);
  cfg.x.label = ctx.tr("training-lab.epoch");
  cfg.x.integer = true;
  cfg.y.label = ctx.tr("training-lab.loss");
  cfg.y.log = m_p.logScale;
  cfg.title = ctx.tr("training-lab.losses");
  cfg.emptyText = ctx.tr("training-lab.nodata");
  if (!m_lossPlot.begin("##lossplot", size, cfg)) return;
  const std::vector<TrainingLabModel::Run>& kept = m_model.kept();
  for (size_t k = 0; k < kept.size(); ++k) {
    SeriesStyle ghost;
    ghost.dashed = true;
    ghost.color = plotColor(static_cast<int>(2 + k), 0.8f);
    const int n = static_cast<int>(kept[k].epoch.size());
    m_lossPlot.line(kept[k].label.c_str(), kept[k].epoch.data(), kept[k].validation.data(), n, ghost);
  }
  SeriesStyle tr, va;
  tr.color = plotColor(0);
  va.color = plotColor(1);
  const TrainingLabModel::Run& run = m_model.current();
  const int n = static_cast<int>(run.epoch.size());
  m_lossPlot.line(ctx.tr("training-lab.train"), run.epoch.data(), run.train.data(), n, tr);
  m_lossPlot.line(ctx.tr("training-lab.val"), run.epoch.data(), run.validation.data(), n, va);
  if (m_model.trainer().bestEpoch() >= 0 && m_p.earlyStopping) {
    SeriesStyle best;
    best.dashed = true;
    best.color = plotColor(7);
    m_lossPlot.vline("##best", m_model.trainer().bestEpoch(), best);
  }
  m_lossPlot.end();
}

void TrainingLabLesson::drawAccuracy(LessonContext& ctx, ImVec2 size) {
  PlotConfig acc = plotConfig(ctx);
  acc.x.label = ctx.tr("training-lab.epoch");
  acc.x.integer = true;
  acc.y.label = ctx.tr("training-lab.accuracy");
  acc.y.min = 0.0;
  acc.y.max = 1.02;  // 100 % curves stay visible above the frame's edge
  acc.title = ctx.tr("training-lab.accs");
  acc.emptyText = ctx.tr("training-lab.nodata");
  if (!m_accPlot.begin("##accplot", size, acc)) return;
  const std::vector<double>& epoch = m_model.current().epoch;
  const int n = static_cast<int>(m_model.trainAccuracy().size());
  SeriesStyle tr, va;
  tr.color = plotColor(0);
  va.color = plotColor(1);
  m_accPlot.line(ctx.tr("training-lab.train"), epoch.data(), m_model.trainAccuracy().data(), n, tr);
  m_accPlot.line(ctx.tr("training-lab.val"), epoch.data(), m_model.validationAccuracy().data(), n, va);
  m_accPlot.end();
}

void TrainingLabLesson::drawFormula(LessonContext& ctx) {
  const core::Trainer& trainer = m_model.trainer();
  if (m_model.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("training-lab.diverged"));
    ImGui::PopStyleColor();
  } else if (trainer.finished()) {
    char buf[256];
    std::snprintf(buf, sizeof buf, ctx.tr("training-lab.stopped"), trainer.bestEpoch());
    wrappedText(buf);
  }
  char status[128];
  std::snprintf(status, sizeof status, ctx.tr("training-lab.status"), trainer.epoch(),
                static_cast<long long>(trainer.stepCount()));
  wrappedTextDisabled(status);
  wrappedTextDisabled(ctx.tr("training-lab.objective"));
  wrappedText("L = (1/B) Σ BCE(f(x), y) + λ₁ Σ|w| + (λ₂/2) Σ w²");
  if (!trainer.steps().empty()) {
    const core::LossParts& l = trainer.lastStep().loss;
    formulaText("  = %.4f + %.4f + %.4f = %.4f", l.data, l.l1, l.l2, l.total());
  }
  static const char* updates[] = {"w ← w − η (∇L + λ w)", "v ← μ v + ∇L;  w ← w − η (v + λ w)",
                                  "w ← w − η (m̂ / (√v̂ + ε) + λ w)", "w ← w − η (m̂ / (√v̂ + ε) + λ w)"};
  wrappedText(updates[m_p.optimizer]);
  formulaText(ctx.tr("training-lab.f.rates"), m_p.lr, m_p.weightDecay);
}

std::string TrainingLabLesson::formulaLatex() const {
  const core::Trainer& trainer = m_model.trainer();
  core::LossParts l;
  if (!trainer.steps().empty()) l = trainer.lastStep().loss;
  return "L = \\frac{1}{B}\\sum_{i=1}^{B} \\mathrm{BCE}(f(x_i), y_i) + \\lambda_1 \\sum |w| + \\frac{\\lambda_2}{2}\\sum w^2 = " +
         latexNumber(l.data) + " + " + latexNumber(l.l1) + " + " + latexNumber(l.l2) + " = " + latexNumber(l.total()) +
         ",\\quad \\lambda_1 = " + latexNumber(m_p.l1) + ",\\ \\lambda_2 = " + latexNumber(m_p.l2) +
         ",\\ \\eta = " + latexNumber(m_p.lr);
}

}  // namespace nr::app
