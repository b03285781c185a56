// dropout — a 1-32-32-1 tanh net fits a noisy curve, trained twice from the same start: with dropout on both hidden
// layers and without. The teaching choices: the diagram shows the mask of the *last* training step, so while it
// trains the crossed-out units change every frame; one unit's numbers make "×1/q now or ×q later" concrete (the
// expectation in training equals the eval value in both conventions); and K sampled sub-networks are drawn as a
// mean ± σ band — MC dropout's estimate of the model's uncertainty.
//
// [SECTION] Lesson
// [SECTION] Controls
// [SECTION] Canvas and formula

#include "lessons/dropout.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"
#include "widgets/text_table.h"
#include "widgets/disc_sprites.h"

namespace nr::app {

// [SECTION] Lesson

DropoutLesson::DropoutLesson() { rebuild(Params()); }
DropoutLesson::~DropoutLesson() = default;

void DropoutLesson::rebuild(const Params& p) {
  m_model.rebuild(p);
  m_pace.restart();
  // The lesson opens (and restarts) with its first epochs drawn, so a projector never shows empty plots.
  train(kWarmEpochs * m_model.stepsPerEpoch());
  m_model.refresh();
}

void DropoutLesson::train(int steps) {
  m_model.train(steps);
  if (m_model.diverged()) setPlaying(false);
}

void DropoutLesson::update(double dt) {
  if (m_model.finished()) {
    setPlaying(false);
    return;
  }
  // At the chosen pace (slow enough to watch the mask and the band change), and at most about 2 ms of wall time
  // for the pair: the frame stays far under 16 ms on llvmpipe.
  m_model.advance(m_pace.steps(dt, m_model.stepsPerEpoch()), 0.001);
  if (m_model.diverged()) setPlaying(false);
  // The ensemble (K sub-networks on the grid) is recomputed every third frame while training runs.
  if (++m_framesSinceRefresh >= 3) {
    m_framesSinceRefresh = 0;
    m_model.refresh();
  }
}

// Like the other training lessons: a fresh run with the current settings (the seed included), so "lower the
// learning rate and press Reset" works.
void DropoutLesson::reset() {
  setPlaying(false);
  rebuild(m_model.params());
}

const ParamTable<DropoutLesson::Params>& DropoutLesson::table() {
  static const auto t = ParamTable<Params>()
      .real("keep", &Params::keep, 0.1, 1.0).label("dropout.keep").tip("dropout.keep.tip")
      .choice("mode", &Params::mode, {"inverted", "test_time"}, {"dropout.mode.inv", "dropout.mode.test"})
          .label("dropout.mode").tip("dropout.mode.tip")
      .integer("samples", &Params::samples, 1, 100).label("dropout.samples").tip("dropout.samples.tip")
      .real("probe", &Params::probe, -1.0, 1.0).label("dropout.probe").tip("dropout.probe.tip")
      .real("lr", &Params::lr, 1e-4, 10.0).log().label("dropout.lr").tip("dropout.lr.tip")
      .integer("width", &Params::width, 4, 32).label("dropout.width").tip("dropout.width.tip")
      .integer("points", &Params::points, 5, 200).label("dropout.points").tip("dropout.points.tip")
      .real("noise", &Params::noise, 0.0, 1.0).label("dropout.noise").tip("dropout.noise.tip")
      .integer("seed", &Params::seed, 0, 1000000).input().label("dropout.seed").tip("dropout.seed.tip")
      // Scenes only: epochs trained on load. 50 is enough to see a run; the whole 2000 would make a slow test.
      .integer("pretrain", &Params::pretrain, 0, DropoutModel::kMaxEpochs).hidden().extremes({0, 50});
  return t;
}

nlohmann::json DropoutLesson::params() const {
  nlohmann::json j;
  table().write(m_model.params(), j);
  m_pace.write(j);
  return j;
}

void DropoutLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                              std::vector<std::string>& errors) {
  Params p = m_model.params();
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_pace.set(speed);
  rebuild(p);
  // The warm epochs of rebuild() count towards pretrain: a scene of 150 epochs opens at epoch 150.
  if (p.pretrain > kWarmEpochs) {
    train((p.pretrain - kWarmEpochs) * m_model.stepsPerEpoch());
    m_model.refresh();
  }
}

void DropoutLesson::interact(int frame) {
  // The main parameter, the keep probability, changes while training runs.
  m_model.setKeep((frame / 10) % 2 ? 0.8f : 0.5f);
  setPlaying(true);
}

// [SECTION] Controls

void DropoutLesson::drawControls(LessonContext& ctx) {
  if (button(ctx.tr("dropout.step"))) train(1), m_model.refresh();
  tip(ctx, "dropout.step.tip");
  if (fitsOnThisLine(ctx.tr("dropout.epoch"))) ImGui::SameLine();
  if (button(ctx.tr("dropout.epoch"))) train(m_model.stepsPerEpoch()), m_model.refresh();
  tip(ctx, "dropout.epoch.tip");
  m_pace.control(ctx);

  // Keep, K, the probe and η change the runs in place; the others start fresh runs.
  Params& p = m_edit;
  p = m_model.params();
  bool rebuildNeeded = false;
  if (table().control(ctx, p, "keep")) m_model.setKeep(p.keep), m_model.refresh();
  rebuildNeeded |= table().control(ctx, p, "mode");
  if (table().control(ctx, p, "samples")) m_model.setSamples(p.samples), m_model.refresh();
  if (table().control(ctx, p, "probe")) m_model.setProbe(p.probe), m_model.refresh();
  if (table().control(ctx, p, "lr")) m_model.setLr(p.lr);
  for (const char* key : {"width", "points", "noise", "seed"}) rebuildNeeded |= table().control(ctx, p, key);
  if (rebuildNeeded) rebuild(p);
  drawUnitTable(ctx);
}

void DropoutLesson::drawUnitTable(LessonContext& ctx) {
  // One unit under both conventions: E[train] equals eval in each row.
  const Params& p = m_model.params();
  const DropoutModel::UnitNumbers& u = m_model.unitNumbers();
  sectionHeader(ctx.tr("dropout.unit"));
  char buf[256];
  std::snprintf(buf, sizeof buf, ctx.tr("dropout.unit.tip"), u.unit + 1, p.probe);
  wrappedTextDisabled(buf);
  const double q = p.keep;
  // The numbers of both scalings, the current one highlighted; a narrow panel shows each as a card.
  static const char* headers[] = {"dropout.col.mode", "dropout.col.kept", "dropout.col.train", "dropout.col.eval"};
  char numbers[2][3][32];
  for (int row = 0; row < 2; ++row) {
    const bool inv = row == 0;
    const double kept = inv ? u.h / q : u.h, mean = q * kept, eval = inv ? u.h : q * u.h;
    std::snprintf(numbers[row][0], 32, "%.4f", kept);
    std::snprintf(numbers[row][1], 32, "%.4f", mean);
    std::snprintf(numbers[row][2], 32, "%.4f", eval);
  }
  TextTableSpec unit;
  unit.id = "##unit";
  unit.columns = 4;
  unit.rows = 2;
  unit.scroll = false;
  unit.highlightRow = p.mode;
  unit.highlightColor = plotColor(0, 0.18f);
  unit.cell = [&](int r, int c) -> const char* {
    if (r < 0) return ctx.tr(headers[c]);
    if (c == 0) return ctx.tr(r == 0 ? "dropout.row.inv" : "dropout.row.test");
    return numbers[r][c - 1];
  };
  drawTextTable(unit);
  std::snprintf(buf, sizeof buf, ctx.tr("dropout.mcmean"), ctx.tr(p.mode == 0 ? "dropout.row.inv" : "dropout.row.test"),
                u.sampleMean);
  wrappedTextDisabled(buf);
}

// [SECTION] Canvas and formula

// Edges between kept units only: a dropped unit sends and receives nothing this step. Blue positive, vermillion
// negative, opacity by |weight| within the layer. Between the hidden layers only each unit's two strongest kept
// inputs are drawn: all w² lines are an unreadable hairball, and on llvmpipe a thousand long thin lines cost more
// than the rest of the frame.
void DropoutLesson::drawEdges(ImDrawList* dl, const float colX[4], float top, float bottom, float s) const {
  const int w = m_model.params().width;
  const float pitch = (bottom - top) / w;
  auto nodeY = [&](int i, int count) { return count == 1 ? (top + bottom) * 0.5f : top + pitch * (i + 0.5f); };
  const std::vector<float>& mask = m_model.shownMask();
  const core::Mlp& net = m_model.run(0).net();
  auto kept = [&](int layer, int i) { return layer < 0 || layer > 1 || mask[layer * w + i] > 0.5f; };
  for (int l = 0; l < 3; ++l) {
    const int nIn = l == 0 ? 1 : w, nOut = l == 2 ? 1 : w;
    const auto W = net.weights(l);
    const float wmax = std::max(1e-6f, W.cwiseAbs().maxCoeff());
    auto edge = [&](int i, int j) {
      const float v = W(i, j), a = 0.15f + 0.75f * std::min(1.0f, std::fabs(v) / wmax);
      dl->AddLine(ImVec2(colX[l], nodeY(j, nIn)), ImVec2(colX[l + 1], nodeY(i, nOut)), plotColor(v >= 0 ? 0 : 1, a),
                  1.0f * s);
    };
    for (int i = 0; i < nOut; ++i) {
      if (!kept(l, i)) continue;
      if (l != 1) {  // one input, or one output: every kept edge
        for (int j = 0; j < nIn; ++j)
          if (kept(l - 1, j)) edge(i, j);
        continue;
      }
      int first = -1, second = -1;  // the two strongest kept inputs of unit i
      for (int j = 0; j < nIn; ++j) {
        if (!kept(0, j)) continue;
        if (first < 0 || std::fabs(W(i, j)) > std::fabs(W(i, first))) {
          second = first, first = j;
        } else if (second < 0 || std::fabs(W(i, j)) > std::fabs(W(i, second))) {
          second = j;
        }
      }
      if (first >= 0) edge(i, first);
      if (second >= 0) edge(i, second);
    }
  }
}

void DropoutLesson::drawNetwork(LessonContext& ctx, ImVec2 size) {
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = ctx.scale;
  const int w = m_model.params().width;
  const float top = p0.y + ImGui::GetTextLineHeightWithSpacing(), bottom = p0.y + size.y - 4 * s;
  const float colX[4] = {p0.x + size.x * 0.08f, p0.x + size.x * 0.36f, p0.x + size.x * 0.64f, p0.x + size.x * 0.92f};
  const float pitch = (bottom - top) / w;
  const float r = std::max(2.0f, std::min(9.0f * s, pitch * 0.38f));
  auto nodeY = [&](int i, int count) { return count == 1 ? (top + bottom) * 0.5f : top + pitch * (i + 0.5f); };
  drawEdges(dl, colX, top, bottom, s);
  const std::vector<float>& mask = m_model.shownMask();
  auto kept = [&](int layer, int i) { return layer < 0 || layer > 1 || mask[layer * w + i] > 0.5f; };
  const ImU32 textCol = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 keptCol = plotColor(2), dropCol = IM_COL32(150, 150, 150, 110);
  for (int c = 0; c < 4; ++c) {
    const int n = (c == 0 || c == 3) ? 1 : w;
    for (int i = 0; i < n; ++i) {
      const ImVec2 ctr(colX[c], nodeY(i, n));
      const bool on = kept(c - 1, i);
      drawDisc(dl, ctr, r, on ? (c == 1 || c == 2 ? keptCol : textCol) : dropCol);
      if (!on) {
        const float d = r * 0.9f;
        dl->AddLine(ImVec2(ctr.x - d, ctr.y - d), ImVec2(ctr.x + d, ctr.y + d), dim, 1.5f * s);
        dl->AddLine(ImVec2(ctr.x - d, ctr.y + d), ImVec2(ctr.x + d, ctr.y - d), dim, 1.5f * s);
      }
    }
  }
  const float lh = ImGui::GetTextLineHeight();
  dl->AddText(ImVec2(colX[0] - ImGui::CalcTextSize("x").x * 0.5f, (top + bottom) * 0.5f - r - lh), textCol, "x");
  dl->AddText(ImVec2(colX[3] - ImGui::CalcTextSize("y").x * 0.5f, (top + bottom) * 0.5f - r - lh), textCol, "y");
  // Title line and the mask's keep fraction.
  ImGui::SetCursorScreenPos(p0);
  clippedText(ctx.tr("dropout.net"), size.x);
  ImGui::SetCursorScreenPos(p0);
  ImGui::InvisibleButton("##net", size);
  tip(ctx, "dropout.net.tip");
}

void DropoutLesson::drawCanvas(LessonContext& ctx) {
  m_model.collectCurves();
  if (!playing()) m_model.refresh();  // after a Step or a control change while paused (no-op when nothing changed)
  // The network with this step's mask and the fit with its band are the lesson; the loss curves come next.
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add({"##net", ctx.tr("dropout.tab.net"), 9.0f, 10.0f, 0.7f, 1.2f, 0},
               [&](ImVec2 s) { drawNetworkPanel(ctx, s); });
  m_layout.add(plotPanel("##fit", ctx.tr("dropout.tab.fit"), 1, 1.5f, 1.5f), [&](ImVec2 s) { drawFit(ctx, s); });
  m_layout.add(plotPanel("##loss", ctx.tr("dropout.tab.loss"), 2), [&](ImVec2 s) { drawLoss(ctx, s); });
  m_layout.end();
}

void DropoutLesson::drawNetworkPanel(LessonContext& ctx, ImVec2 size) {
  // The diagram, and below it how many units this step keeps.
  char buf[160];
  if (m_model.maskSize() > 0) {
    const int k = m_model.keptCount(), n = m_model.maskSize();
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.kept"), k, n, 100.0 * k / n, 100.0 * m_model.params().keep);
  } else {
    std::snprintf(buf, sizeof buf, "%s", ctx.tr("dropout.nostep"));
  }
  std::vector<TextLine> lines;
  wrapTextLines(ImGui::GetFont(), ImGui::GetFontSize(), buf, nullptr, size.x, lines);
  const float textH = float(lines.size()) * ImGui::GetTextLineHeightWithSpacing();
  drawNetwork(ctx, ImVec2(size.x, std::max(1.0f, size.y - textH)));
  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x, ImGui::GetWindowPos().y + size.y - textH));
  wrappedText(buf, size.x);
}

void DropoutLesson::drawFit(LessonContext& ctx, ImVec2 size) {
  const DropoutModel& m = m_model;
  const int n = DropoutModel::kGrid;
  PlotConfig fit = plotConfig(ctx);
  fit.title = ctx.tr("dropout.fit");
  fit.x.label = ctx.tr("dropout.x");
  fit.y.label = ctx.tr("dropout.y");
  fit.x.min = -1.5, fit.x.max = 1.5;
  fit.y.min = -2.5, fit.y.max = 2.5;
  if (m_fitPlot.begin("##fitplot", size, fit)) {
    const core::LabeledData& train = m.run(0).trainSet();
    SeriesStyle band;
    band.color = plotColor(2);
    m_fitPlot.band(ctx.tr("dropout.band"), m.gridX().data(), m.bandLo().data(), m.bandHi().data(), n, band);
    SeriesStyle member;
    member.color = plotColor(2, 0.35f);
    member.weight = 1.0f;
    for (const auto& y : m.members()) m_fitPlot.line(ctx.tr("dropout.member"), m.gridX().data(), y.data(), n, member);
    m_fitPlot.line(ctx.tr("dropout.band"), m.gridX().data(), m.ensembleMean().data(), n, band);
    SeriesStyle truth;
    truth.color = plotColor(7, 0.8f);
    truth.weight = 1.0f;
    m_fitPlot.line(ctx.tr("dropout.truth"), m.gridX().data(), m.truth().data(), n, truth);
    SeriesStyle ev, no;
    ev.color = plotColor(0);
    no.color = plotColor(1);
    no.dashed = true;
    m_fitPlot.line(ctx.tr("dropout.evalNo"), m.gridX().data(), m.evalCurve(1).data(), n, no);
    m_fitPlot.line(ctx.tr("dropout.evalDrop"), m.gridX().data(), m.evalCurve(0).data(), n, ev);
    SeriesStyle pts;
    pts.color = ImGui::GetColorU32(ImGuiCol_Text);
    pts.marker = 3.0f;
    m_fitPlot.scatter(ctx.tr("dropout.data"), train.x.data(), train.y.data(), train.size(), pts);
    SeriesStyle probe;
    probe.color = plotColor(7, 0.8f);
    probe.weight = 1.0f;
    m_fitPlot.vline("##probe", m.params().probe, probe);
    m_fitPlot.end();
  }
}

void DropoutLesson::drawLoss(LessonContext& ctx, ImVec2 size) {
  PlotConfig lc = plotConfig(ctx);
  lc.title = ctx.tr("dropout.losses");
  lc.x.label = ctx.tr("dropout.epochs");
  lc.x.integer = true;
  lc.y.label = ctx.tr("dropout.loss");
  lc.y.log = true;
  lc.emptyText = ctx.tr("dropout.nodata");
  if (m_lossPlot.begin("##lossplot", size, lc)) {
    const int n = static_cast<int>(m_model.epochAxis().size());
    static const char* labels[2][2] = {{"dropout.trainDrop", "dropout.valDrop"}, {"dropout.trainNo", "dropout.valNo"}};
    for (int r = 0; r < 2; ++r) {
      SeriesStyle tr, va;
      tr.color = plotColor(0);
      va.color = plotColor(1);
      tr.dashed = va.dashed = r == 1;
      m_lossPlot.line(ctx.tr(labels[r][0]), m_model.epochAxis().data(), m_model.trainLoss(r).data(), n, tr);
      m_lossPlot.line(ctx.tr(labels[r][1]), m_model.epochAxis().data(), m_model.validationLoss(r).data(), n, va);
    }
    m_lossPlot.end();
  }
}

void DropoutLesson::drawFormula(LessonContext& ctx) {
  const DropoutModel& m = m_model;
  const Params& p = m.params();
  char buf[256];
  if (m.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("dropout.diverged"));
    ImGui::PopStyleColor();
  } else if (m.run(0).epoch() >= DropoutModel::kMaxEpochs) {
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.done"), DropoutModel::kMaxEpochs);
    wrappedText(buf);
  }
  std::snprintf(buf, sizeof buf, ctx.tr("dropout.status"), m.run(0).epoch(),
                static_cast<long long>(m.run(0).stepCount()));
  wrappedTextDisabled(buf);
  const double q = p.keep;
  const DropoutModel::UnitNumbers& u = m.unitNumbers();
  char kept[32];  // a negative factor in parentheses: "0.80 × (-1.0399)"
  std::snprintf(kept, sizeof kept, u.kept < 0 ? "(%.4f)" : "%.4f", u.kept);
  if (p.mode == 0) {
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.inverted"), q);
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.unit"), u.unit + 1, p.probe, u.h);
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.expect.inv"), q, kept, u.trainMean, u.eval);
  } else {
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.testtime"), q);
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.unit"), u.unit + 1, p.probe, u.h);
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.expect.test"), q, kept, u.trainMean, u.eval);
  }
  wrappedText(buf);
  wrappedText("MC dropout: μ(x) = (1/K) Σₖ f(x; mₖ),  σ²(x) = (1/K) Σₖ (f(x; mₖ) − μ(x))²");
  std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.out"), p.probe,
                m.evalCurve(0).empty() ? 0.0 : m.forward(p.probe, nullptr), m.probeTrainOutput(), p.samples,
                m.probeMean(), m.probeStd());
  wrappedText(buf);
}

std::string DropoutLesson::formulaLatex() const {
  const Params& p = m_model.params();
  const double q = p.keep;
  const DropoutModel::UnitNumbers& u = m_model.unitNumbers();
  std::string s = "\\begin{aligned}\n";
  const std::string train = latexText("dropout.tex.train"), eval = latexText("dropout.tex.eval");
  if (p.mode == 0)
    s += train + " & a = \\frac{m \\odot h}{q},\\ m \\sim \\mathrm{Bernoulli}(q),\\quad " + eval + " a = h,"
         "\\quad q = " + latexNumber(q) + "\\\\\n";
  else
    s += train + " & a = m \\odot h,\\ m \\sim \\mathrm{Bernoulli}(q),\\quad " + eval + " a = q\\,h,"
         "\\quad q = " + latexNumber(q) + "\\\\\n";
  // The kept unit's value, h/q (inverted) or h (original), then its expectation over the mask.
  s += std::string("\\mathbb{E}[a] &= q \\cdot ") + (p.mode == 0 ? "\\frac{h}{q}" : "h") + " = q \\cdot " +
       latexFactor(u.kept) + " = " + latexNumber(u.trainMean) + " = a_{\\text{eval}}\\quad (h = " + latexNumber(u.h) +
       ")\\\\\n";
  s += "\\mu(x) &= \\frac{1}{K}\\sum_{k=1}^{K} f(x; m_k) = " + latexNumber(m_model.probeMean()) +
       ",\\quad \\sigma(x) = " + latexNumber(m_model.probeStd()) + ",\\quad x = " + latexNumber(p.probe) +
       ",\\ K = " + std::to_string(p.samples) +
       "\n\\end{aligned}";
  return s;
}

}  // namespace nr::app
