// deep-activations — why deep nets need care (Glorot & Bengio 2010; Ioffe & Szegedy 2015). The teaching choices:
// every layer's activation histogram is one row of a heat strip, so "the distribution drifts and collapses with
// depth" is read top to bottom at a glance, and the gradient norms are on a log axis, where vanishing (a slope across
// layers) and exploding look alike in size. The numbers (net, training, probe) are the model's
// (deep_activations_model.h).
//
// [SECTION] Run and scenes
// [SECTION] Controls
// [SECTION] Canvas and formula

#include "lessons/deep_activations.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gfx/colormap.h"
#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

namespace {
using Stats = DeepActivationsModel::LayerStats;
constexpr int kBins = DeepActivationsModel::kBins;
}  // namespace

// [SECTION] Run and scenes

DeepActivationsLesson::DeepActivationsLesson() { rebuild(); }

void DeepActivationsLesson::rebuild() {
  m_model.rebuild(m_p);
  m_pace.restart();
}

void DeepActivationsLesson::stopIfDiverged() {
  if (m_model.diverged()) setPlaying(false);
}

void DeepActivationsLesson::train(int steps) {
  m_model.train(steps);
  stopIfDiverged();
}

void DeepActivationsLesson::update(double dt) {
  if (m_model.diverged()) {
    setPlaying(false);
    return;
  }
  // At the chosen pace, within about 3 ms of work per frame: SGD steps, and every eighth frame a probe (a forward
  // and backward pass over the whole training set, about as much as a dozen steps), which then takes its share.
  const bool probeNow = ++m_framesSinceProbe >= 8;
  m_model.advance(m_pace.steps(dt, m_model.stepsPerEpoch()), probeNow ? 0.0015 : 0.003);
  stopIfDiverged();
  if (probeNow || m_model.diverged()) {
    m_framesSinceProbe = 0;
    m_model.probe();
  }
}

void DeepActivationsLesson::reset() {
  setPlaying(false);
  m_p = Params{};
  m_pace.set(m_pace.defaultValue());
  rebuild();
}

const ParamTable<DeepActivationsLesson::Params>& DeepActivationsLesson::table() {
  // The init scale is ImGui's logarithmic float slider (drawn by the lesson). Ten epochs on load are enough for the
  // extreme steps to show a trained (or blown-up) net; 500 would train a 12-layer net for seconds.
  static const auto t = ParamTable<Params>()
      .choice("activation", &Params::activation, {"sigmoid", "tanh", "relu"},
              {"deep-activations.sigmoid", "deep-activations.tanh", "deep-activations.relu"})
          .label("deep-activations.activation").tip("deep-activations.activation.tip")
      .choice("norm", &Params::norm, {"none", "batch", "layer"},
              {"deep-activations.none", "deep-activations.bn", "deep-activations.ln"})
          .label("deep-activations.norm").tip("deep-activations.norm.tip")
      .real("init_scale", &Params::initScale, 0.25, 4.0).log().format("%.2f")
          .label("deep-activations.init").tip("deep-activations.init.tip")
      .integer("depth", &Params::depth, 2, 12).label("deep-activations.depth").tip("deep-activations.depth.tip")
      .integer("width", &Params::width, 8, 64).label("deep-activations.width").tip("deep-activations.width.tip")
      .real("lr", &Params::lr, 1e-3, 10.0).log().label("deep-activations.lr").tip("deep-activations.lr.tip")
      .choice("dataset", &Params::dataset, {"circle", "xor", "gaussians", "spiral", "moons"},
              {"deep-activations.ds.circle", "deep-activations.ds.xor", "deep-activations.ds.gaussians",
               "deep-activations.ds.spiral", "deep-activations.ds.moons"})
          .label("deep-activations.dataset").tip("deep-activations.dataset.tip")
      .boolean("pre_activation", &Params::preActivation).label("deep-activations.pre").tip("deep-activations.pre.tip")
      .integer("seed", &Params::seed, 0, 1000000).input()
          .label("deep-activations.seed").tip("deep-activations.seed.tip")
      .integer("pretrain", &Params::pretrain, 0, 500).hidden().extremes({0, 10});  // scenes only: epochs on load
  return t;
}

nlohmann::json DeepActivationsLesson::params() const {
  nlohmann::json j;
  table().write(m_p, j);
  m_pace.write(j);
  return j;
}

void DeepActivationsLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                      std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_p = p;
  m_pace.set(speed);
  rebuild();
  m_model.pretrain();
}

void DeepActivationsLesson::interact(int frame) {
  // The main parameter, the init scale, changes every tenth frame (a rebuild); training runs in between.
  const float scales[] = {1.0f, 2.45f, 0.5f};
  const float s = scales[(frame / 10) % 3];
  if (s != m_p.initScale) {
    m_p.initScale = s;
    rebuild();
  }
  setPlaying(true);
}

// [SECTION] Controls

void DeepActivationsLesson::drawRunControls(LessonContext& ctx) {
  const bool diverged = m_model.diverged();
  if (diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("deep-activations.diverged"));
    ImGui::PopStyleColor();
    if (button(ctx.tr("deep-activations.reset"))) reset();
  }
  ImGui::BeginDisabled(diverged);
  if (button(ctx.tr("deep-activations.step"))) train(10);
  ImGui::EndDisabled();
  tip(ctx, "deep-activations.step.tip");
  m_pace.control(ctx);
  char status[96];
  std::snprintf(status, sizeof status, ctx.tr("deep-activations.status"),
                static_cast<long long>(m_model.trainer().stepCount()), m_model.trainer().epoch());
  wrappedTextDisabled(status);
}

bool DeepActivationsLesson::drawNetControls(LessonContext& ctx) {
  bool changed = false;
  sectionHeader(ctx.tr("deep-activations.net"));
  changed |= table().control(ctx, m_p, "activation");
  changed |= table().control(ctx, m_p, "norm");
  changed |= table().control(ctx, m_p, "init_scale");
  changed |= table().control(ctx, m_p, "depth");
  changed |= table().control(ctx, m_p, "width");
  return changed;
}

void DeepActivationsLesson::drawControls(LessonContext& ctx) {
  drawRunControls(ctx);
  bool rebuildNeeded = drawNetControls(ctx);
  sectionHeader(ctx.tr("deep-activations.training"));
  for (const char* key : {"lr", "dataset", "seed"}) rebuildNeeded |= table().control(ctx, m_p, key);
  ImGui::Spacing();
  if (table().control(ctx, m_p, "pre_activation")) m_model.setPreActivation(m_p.preActivation);
  if (rebuildNeeded) {
    setPlaying(false);
    rebuild();
  }
}

// [SECTION] Canvas and formula

void DeepActivationsLesson::drawCanvas(LessonContext& ctx) {
  m_layout.begin(ctx.scale, ctx.probe);
  m_layout.add({"##strip", ctx.tr("deep-activations.tab.strip"), 15, 10, 1.3f, 1.5f, 0},
               [&](ImVec2 s) { drawHeatStrip(ctx, s); });
  m_layout.add(plotPanel("##bars", ctx.tr("deep-activations.tab.bars"), 1),
               [&](ImVec2 s) { drawGradientBars(ctx, s); });
  m_layout.add(plotPanel("##norms", ctx.tr("deep-activations.tab.norms"), 2),
               [&](ImVec2 s) { drawGradientHistory(ctx, s); });
  m_layout.add(plotPanel("##loss", ctx.tr("deep-activations.tab.loss"), 3), [&](ImVec2 s) { drawLossPlot(ctx, s); });
  m_layout.end();
}

ImU32 DeepActivationsLesson::layerColor(int l) const {
  // Layer colours run from dark blue (first layer) to orange (output), so depth reads as a gradient.
  const int layers = static_cast<int>(m_model.gradientNorms().size());
  const float t = layers > 1 ? float(l) / float(layers - 1) : 0.0f;
  return IM_COL32(int(30 + t * 200), int(80 + t * 60), int(200 - t * 170), 255);
}

void DeepActivationsLesson::drawGradientBars(LessonContext& ctx, ImVec2 size) {
  const std::vector<double>& norms = m_model.gradientNorms();
  const int layers = static_cast<int>(norms.size());
  PlotConfig bars = plotConfig(ctx);
  bars.title = ctx.tr("deep-activations.bars");
  bars.x.label = ctx.tr("deep-activations.barsx");
  bars.x.format = "%.0f";
  bars.x.integer = true;
  bars.y.log = true;
  bars.legend = false;
  bars.emptyText = ctx.tr("deep-activations.nodata");
  // One hidden label per layer (its own colour); the plot borrows them until end(), so they live in the lesson and
  // are all made before the first is lent (a growing vector would move them).
  while (static_cast<int>(m_barLabels.size()) < layers) m_barLabels.push_back("##l" + std::to_string(m_barLabels.size() + 1));
  if (!m_barPlot.begin("##barsplot", size, bars)) return;
  for (int l = 0; l < layers; ++l) {
    SeriesStyle s;
    s.color = layerColor(l);
    m_barPlot.bars(m_barLabels[std::size_t(l)].c_str(), &m_model.layerIndex()[l], &norms[l], 1, 0.8, s);
  }
  m_barPlot.end();
}

void DeepActivationsLesson::drawGradientHistory(LessonContext& ctx, ImVec2 size) {
  const int layers = static_cast<int>(m_model.gradientNorms().size());
  PlotConfig hist = plotConfig(ctx);
  hist.title = ctx.tr("deep-activations.norms");
  hist.x.label = ctx.tr("deep-activations.step.axis");
  hist.y.log = true;
  hist.emptyText = ctx.tr("deep-activations.nodata");
  if (!m_normPlot.begin("##normsplot", size, hist)) return;
  // Label only the first and the last layer: the colours in between interpolate.
  const std::vector<double>& steps = m_model.stepHistory();
  m_labels.resize(layers);
  for (int l = 0; l < layers; ++l) {
    char label[48];
    if (l == 0 || l == layers - 1)
      std::snprintf(label, sizeof label, "%s %d", ctx.tr("deep-activations.layer"), l + 1);
    else
      std::snprintf(label, sizeof label, "##l%d", l + 1);
    m_labels[l] = label;
    SeriesStyle s;
    s.color = layerColor(l);
    s.markers = steps.size() == 1;  // the first probe, before any training: one dot per layer
    m_normPlot.line(m_labels[l].c_str(), steps.data(), m_model.normHistory(l).data(), static_cast<int>(steps.size()), s);
  }
  m_normPlot.end();
}

void DeepActivationsLesson::drawLossPlot(LessonContext& ctx, ImVec2 size) {
  PlotConfig loss = plotConfig(ctx);
  loss.title = ctx.tr("deep-activations.loss");
  loss.x.label = ctx.tr("deep-activations.step.axis");
  loss.y.label = ctx.tr("deep-activations.lossaxis");
  loss.y.min = 0.0;  // BCE starts near ln 2 = 0.693 (guessing); a linear axis from 0 shows how far it fell
  loss.legend = false;
  loss.emptyText = ctx.tr("deep-activations.nodata");
  if (m_lossPlot.begin("##lossplot", size, loss)) {
    SeriesStyle s;
    s.markers = m_model.stepHistory().size() == 1;
    m_lossPlot.line(ctx.tr("deep-activations.lossaxis"), m_model.stepHistory().data(), m_model.lossHistory().data(),
                    static_cast<int>(m_model.stepHistory().size()), s);
    m_lossPlot.end();
  }
}

namespace {

/// Where the heat strip's parts go: the layer labels on the left, the bins, the statistics columns on the right.
struct StripGeometry {
  ImVec2 p0;
  float labelW = 0, statsW = 0, colW = 0;
  float x0 = 0, x1 = 0, y0 = 0, y1 = 0, rowH = 0, binW = 0;
  float cx = 0;  ///< left of the statistics columns
  bool showStats = false;
};

/// One row of the strip: the histogram of layer l as coloured bins, its label, and its μ, σ and saturated share.
void drawStripRow(const LessonContext& ctx, const StripGeometry& g, int l, int rows, const Stats& s) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const float lineH = ImGui::GetTextLineHeight();
  const float ry = g.y0 + l * g.rowH;
  const int peak = std::max(1, *std::max_element(s.counts.begin(), s.counts.end()));
  for (int b = 0; b < kBins; ++b) {
    // √ of the share of the peak: a thin tail stays visible next to a tall peak.
    const float t = std::sqrt(float(s.counts[b]) / float(peak));
    const auto c = gfx::colormapColor(gfx::Colormap::Viridis, t);
    dl->AddRectFilled(ImVec2(g.x0 + b * g.binW, ry), ImVec2(g.x0 + (b + 1) * g.binW, ry + g.rowH - 1),
                      IM_COL32(c[0], c[1], c[2], 255));
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s %d", ctx.tr("deep-activations.layer"), l + 1);
  const float ty = ry + (g.rowH - lineH) * 0.5f;
  const bool labelled = g.rowH >= lineH * 0.9f || l == 0 || l == rows - 1;
  if (labelled) dl->AddText(ImVec2(g.p0.x, ty), text, buf);
  if (!g.showStats || !labelled) return;
  std::snprintf(buf, sizeof buf, "%.3g", s.mean);
  dl->AddText(ImVec2(g.cx, ty), text, buf);
  std::snprintf(buf, sizeof buf, "%.3g", s.stddev);
  dl->AddText(ImVec2(g.cx + g.colW, ty), text, buf);
  std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * s.saturated);
  dl->AddText(ImVec2(g.cx + 2 * g.colW, ty), text, buf);
}

/// The value axis below the strip: both ends and 0 when inside.
void drawStripAxis(const LessonContext& ctx, const StripGeometry& g, double lo, double hi) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  auto tick = [&](double v) {
    const float x = g.x0 + float((v - lo) / (hi - lo)) * (g.x1 - g.x0);
    char t[32];
    std::snprintf(t, sizeof t, "%.3g", v);
    const float w = ImGui::CalcTextSize(t).x;
    dl->AddLine(ImVec2(x, g.y1), ImVec2(x, g.y1 + 4 * ctx.scale), text);
    dl->AddText(ImVec2(std::clamp(x - w / 2, g.x0 - g.labelW, g.x1 + g.statsW - w), g.y1 + 4 * ctx.scale), text, t);
  };
  tick(lo);
  tick(hi);
  if (lo < 0 && hi > 0) tick(0.0);
}

}  // namespace

void DeepActivationsLesson::drawHeatStrip(LessonContext& ctx, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  StripGeometry g;
  g.p0 = ImGui::GetCursorScreenPos();
  const ImVec2 p0 = g.p0;
  wrappedText(ctx.tr(m_p.preActivation     ? "deep-activations.strip.pre"
                     : m_p.activation == 2 ? "deep-activations.strip.relu"
                                           : "deep-activations.strip"),
              size.x);
  const float titleH = ImGui::GetCursorScreenPos().y - p0.y;
  const float lineH = ImGui::GetTextLineHeight();
  dl->PushClipRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), true);
  struct PopClip {
    ImDrawList* dl;
    ~PopClip() { dl->PopClipRect(); }
  } popClip{dl};
  const std::vector<Stats>& stats = m_model.layerStats();
  const int rows = static_cast<int>(stats.size());
  if (rows == 0) return;
  // Left: "layer l"; right: μ, σ and the saturated (or dead) share.
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s 12", ctx.tr("deep-activations.layer"));
  g.labelW = ImGui::CalcTextSize(buf).x + 6 * ctx.scale;
  // The statistics columns only when they leave the strip at least a third of the width (a big UI scale drops them; the
  // formula below still gives μ and σ of the first and the last layer).
  const char* satKey = m_p.activation == 2 ? "deep-activations.dead" : "deep-activations.sat";
  g.colW = ImGui::CalcTextSize("-0.00000 ").x;
  const float cx0 = 6 * ctx.scale;
  const float satW = std::max(ImGui::CalcTextSize(ctx.tr(satKey)).x, ImGui::CalcTextSize("100%").x);
  const float wantStats = 2 * g.colW + satW + cx0;
  g.showStats = size.x - g.labelW - wantStats >= 0.35f * size.x;
  g.statsW = g.showStats ? wantStats : 0.0f;
  g.x0 = p0.x + g.labelW, g.x1 = p0.x + size.x - g.statsW;
  g.y0 = p0.y + titleH + lineH * 1.4f, g.y1 = p0.y + size.y - lineH * 1.4f;
  if (g.x1 - g.x0 < 20 || g.y1 - g.y0 < rows * 2) return;
  g.rowH = (g.y1 - g.y0) / rows, g.binW = (g.x1 - g.x0) / kBins;
  // Three aligned columns right of the strip: μ, σ and the saturated (or exactly-0) share.
  g.cx = g.x1 + cx0;
  if (g.showStats) {
    const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    dl->AddText(ImVec2(g.cx, g.y0 - lineH - 2), dim, "μ");
    dl->AddText(ImVec2(g.cx + g.colW, g.y0 - lineH - 2), dim, "σ");
    dl->AddText(ImVec2(g.cx + 2 * g.colW, g.y0 - lineH - 2), dim, ctx.tr(satKey));
  }
  for (int l = 0; l < rows; ++l) drawStripRow(ctx, g, l, rows, stats[l]);
  dl->AddRect(ImVec2(g.x0, g.y0), ImVec2(g.x1, g.y1), ImGui::GetColorU32(ImGuiCol_Border));
  drawStripAxis(ctx, g, m_model.histLo(), m_model.histHi());
}

void DeepActivationsLesson::drawFormula(LessonContext& ctx) {
  if (m_model.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("deep-activations.diverged"));
    ImGui::PopStyleColor();
  }
  wrappedText(ctx.tr("deep-activations.f.forward"));
  wrappedText(ctx.tr("deep-activations.f.backward"));
  const std::vector<double>& norms = m_model.gradientNorms();
  const std::vector<Stats>& stats = m_model.layerStats();
  if (norms.empty() || stats.empty()) return;
  const int last = static_cast<int>(norms.size());
  char buf[256];
  const double g1 = norms.front(), gL = norms.back();
  std::snprintf(buf, sizeof buf, ctx.tr("deep-activations.f.ratio"), last, g1, gL, gL > 0 ? g1 / gL : 0.0);
  wrappedText(buf);
  const Stats& a = stats.front();
  const Stats& b = stats.back();
  std::snprintf(buf, sizeof buf, ctx.tr("deep-activations.f.init"), double(m_p.initScale) * m_p.initScale / 3.0, a.mean,
                a.stddev, static_cast<int>(stats.size()), b.mean, b.stddev);
  wrappedText(buf);
}

std::string DeepActivationsLesson::formulaLatex() const {
  std::string s = "\\begin{aligned}\n&h_l = \\varphi(z_l),\\ z_l = W_l h_{l-1} + b_l,\\quad "
                  "\\delta_l = \\varphi'(z_l) \\odot W_{l+1}^\\top \\delta_{l+1},\\quad "
                  "\\frac{\\partial L}{\\partial W_l} = \\delta_l h_{l-1}^\\top\\\\\n";
  const std::vector<double>& norms = m_model.gradientNorms();
  if (!norms.empty()) {
    const double g1 = norms.front(), gL = norms.back();
    s += "&\\frac{\\|\\partial L/\\partial W_1\\|}{\\|\\partial L/\\partial W_{" + std::to_string(norms.size()) +
         "}\\|} = \\frac{" + latexNumber(g1) + "}{" + latexNumber(gL) + "} = " + latexNumber(gL > 0 ? g1 / gL : 0.0) +
         ",\\quad n\\,\\mathrm{Var}(w) = g^2/3 = " + latexNumber(double(m_p.initScale) * m_p.initScale / 3.0) + "\\\\\n";
  }
  return s + "\\end{aligned}";
}

}  // namespace nr::app
