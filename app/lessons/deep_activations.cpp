// deep-activations — why deep nets need care (Glorot & Bengio 2010; Ioffe & Szegedy 2015). The teaching choices:
// every layer's activation histogram is one row of a heat strip, so "the distribution drifts and collapses with
// depth" is read top to bottom at a glance, and the gradient norms are on a log axis, where vanishing (a slope across
// layers) and exploding look alike in size. The probe is one pass over the whole training set on a copy of the net,
// recomputed every few steps: stable pictures that do not flicker with each mini-batch.
//
// [SECTION] Model
// [SECTION] Scenes and tests
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

// [SECTION] Model

namespace {

const char* kActivations[] = {"sigmoid", "tanh", "relu"};
const char* kNorms[] = {"none", "batch", "layer"};
const char* kDatasets[] = {"circle", "xor", "gaussians", "spiral", "moons"};

core::Activation activationOf(int i) {
  return i == 0 ? core::Activation::Sigmoid : i == 1 ? core::Activation::Tanh : core::Activation::Relu;
}

}  // namespace

DeepActivationsLesson::DeepActivationsLesson() { rebuild(); }
DeepActivationsLesson::~DeepActivationsLesson() = default;

void DeepActivationsLesson::rebuild() {
  core::DatasetSpec d;
  d.kind = static_cast<core::DatasetKind>(m_p.dataset);
  d.count = 256;
  d.noise = 0.1;
  d.seed = static_cast<uint64_t>(m_p.seed);
  core::DataSplit split = core::splitDataset(core::makeDataset(d), 0.25, static_cast<uint64_t>(m_p.seed) + 3);
  m_spec = core::MlpSpec{};
  m_spec.inputs = 2;
  m_spec.outputs = 1;
  m_spec.loss = core::LossKind::BceWithLogits;
  for (int i = 0; i < m_p.depth; ++i) {
    core::HiddenLayerSpec h;
    h.units = m_p.width;
    h.activation = activationOf(m_p.activation);
    h.norm = static_cast<core::NormLayer>(m_p.norm);
    m_spec.hidden.push_back(h);
  }
  m_spec.seed = static_cast<uint64_t>(m_p.seed);
  m_spec.maxBatch = 32;
  core::OptimizerSpec o;
  o.kind = core::OptimizerKind::Sgd;
  o.lr = m_p.lr;
  core::TrainerSpec ts;
  ts.batchSize = 32;
  ts.seed = static_cast<uint64_t>(m_p.seed) + 7;
  m_trainer = std::make_unique<core::Trainer>(m_spec, o, std::move(split.train), std::move(split.validation), ts);
  // The init scale multiplies PyTorch's default U(±1/√fan_in) weights (biases keep theirs).
  core::Mlp& net = m_trainer->net();
  for (int l = 0; l < net.layerCount(); ++l) net.weights(l) *= m_p.initScale;
  m_probe = std::make_unique<core::Mlp>(m_spec);
  m_probe->reserveBatch(m_trainer->trainSet().size());
  m_diverged = false;
  m_histStep.clear();
  m_histLoss.clear();
  m_histNorm.assign(net.layerCount(), {});
  m_layerIndex.clear();
  for (int l = 0; l < net.layerCount(); ++l) m_layerIndex.push_back(l + 1);
  m_probeStep = -1;
  m_pace.restart();
  probe();
}

void DeepActivationsLesson::probe() {
  if (m_probeStep == m_trainer->stepCount() && !m_stats.empty()) return;
  m_probeStep = m_trainer->stepCount();
  m_probe->copyStateFrom(m_trainer->net());
  const core::LabeledData& data = m_trainer->trainSet();
  const int n = data.size();
  const core::LossParts loss = m_probe->computeGradients(data.x.data(), data.y.data(), n);
  // A blown-up net keeps the picture of its last finite probe: NaN statistics would only be garbage.
  if (!std::isfinite(loss.data) && !m_stats.empty()) return;
  const int layers = m_probe->layerCount();
  m_gradNorms.assign(layers, 0.0);
  for (int l = 0; l < layers; ++l) m_gradNorms[l] = m_probe->gradientNorm(l);
  // The histogram range: the activation's own range when it is bounded, else symmetric (from 0 for ReLU) to the
  // 99.5th percentile of |value| over all layers, so the rows share one axis and a few outliers do not squeeze the
  // rest into one bin (values beyond go into the end bins). ReLU's exact zeros are left out of its histogram: they
  // would fill the first bin of every row; their share is the right-hand column.
  const int hidden = layers - 1;
  const bool pre = m_p.preActivation, reluPost = !pre && m_p.activation == 2;
  m_values.clear();
  for (int l = 0; l < hidden; ++l) {
    const auto v = pre ? m_probe->preActivations(l) : m_probe->activations(l);
    for (Eigen::Index i = 0; i < v.size(); ++i)
      if (std::isfinite(v.data()[i]) && !(reluPost && v.data()[i] == 0.0f)) m_values.push_back(std::fabs(v.data()[i]));
  }
  double extent = 1.0;
  if (!m_values.empty()) {
    const size_t q = std::min(m_values.size() - 1, static_cast<size_t>(0.995 * double(m_values.size())));
    std::nth_element(m_values.begin(), m_values.begin() + static_cast<std::ptrdiff_t>(q), m_values.end());
    extent = m_values[q] > 0 ? double(m_values[q]) : 1.0;
  }
  if (!pre && m_p.activation == 0) m_histLo = 0.0, m_histHi = 1.0;
  else if (!pre && m_p.activation == 1) m_histLo = -1.0, m_histHi = 1.0;
  else if (reluPost) m_histLo = 0.0, m_histHi = extent;
  else m_histLo = -extent, m_histHi = extent;
  m_stats.assign(hidden, {});
  for (int l = 0; l < hidden; ++l) {
    LayerStats& s = m_stats[l];
    const auto v = pre ? m_probe->preActivations(l) : m_probe->activations(l);
    const auto h = m_probe->activations(l);
    const Eigen::Index count = v.size();
    s.counts.assign(kBins, 0);
    double sum = 0.0;
    for (Eigen::Index i = 0; i < count; ++i) {
      const double x = v.data()[i];
      sum += x;
      const double t = (x - m_histLo) / (m_histHi - m_histLo) * kBins;
      if (std::isfinite(t) && !(reluPost && x == 0.0)) ++s.counts[std::clamp(static_cast<int>(std::floor(t)), 0, kBins - 1)];
    }
    // Two passes in double: the statistics of a saturated layer sit far from 0 with a tiny spread.
    s.mean = count ? sum / double(count) : 0.0;
    double ss = 0.0;
    int64_t sat = 0;
    for (Eigen::Index i = 0; i < count; ++i) {
      const double x = v.data()[i];
      ss += (x - s.mean) * (x - s.mean);
      const double a = h.data()[i];
      sat += m_p.activation == 0 ? (a < 0.01 || a > 0.99) : m_p.activation == 1 ? std::fabs(a) > 0.99 : a == 0.0;
    }
    s.stddev = count ? std::sqrt(ss / double(count)) : 0.0;
    s.saturated = count ? double(sat) / double(count) : 0.0;
  }
  if (std::isfinite(loss.data)) {
    m_histStep.push_back(double(m_probeStep));
    m_histLoss.push_back(loss.data);
    for (int l = 0; l < layers; ++l) m_histNorm[l].push_back(m_gradNorms[l]);
  }
}

void DeepActivationsLesson::checkDiverged() {
  // As in training-lab: a non-finite or huge loss, or an epoch three times worse than guessing, is a blown-up run.
  if (m_trainer->blownUp(100.0, 3.0 * std::log(2.0))) {
    m_diverged = true;
    setPlaying(false);
  }
}

void DeepActivationsLesson::train(int steps) {
  if (m_diverged) return;
  m_trainer->advance(steps);
  checkDiverged();
  probe();
}

void DeepActivationsLesson::update(double dt) {
  if (m_diverged) {
    setPlaying(false);
    return;
  }
  // At the chosen pace, within about 3 ms of work per frame: SGD steps, and every eighth frame a probe (a forward
  // and backward pass over the whole training set, about as much as a dozen steps), which then takes its share.
  const bool probeNow = ++m_framesSinceProbe >= 8;
  const int perEpoch = (m_trainer->trainSet().size() + 31) / 32;
  m_trainer->advance(m_pace.steps(dt, perEpoch), probeNow ? 0.0015 : 0.003);
  checkDiverged();
  if (probeNow || m_diverged) {
    m_framesSinceProbe = 0;
    probe();
  }
}

void DeepActivationsLesson::reset() {
  setPlaying(false);
  m_p = Params{};
  m_pace.set(m_pace.defaultValue());
  rebuild();
}

// [SECTION] Scenes and tests

nlohmann::json DeepActivationsLesson::params() const {
  return {{"activation", kActivations[m_p.activation]},
          {"norm", kNorms[m_p.norm]},
          {"init_scale", m_p.initScale},
          {"depth", m_p.depth},
          {"width", m_p.width},
          {"lr", m_p.lr},
          {"dataset", kDatasets[m_p.dataset]},
          {"pre_activation", m_p.preActivation},
          {"seed", m_p.seed},
          {"pretrain", m_p.pretrain},
          {"speed", m_pace.unlimited() ? nlohmann::json("max") : nlohmann::json(m_pace.epochsPerSecond())}};
}

void DeepActivationsLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                      std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.readChoice("activation", p.activation, {kActivations[0], kActivations[1], kActivations[2]});
  r.readChoice("norm", p.norm, {kNorms[0], kNorms[1], kNorms[2]});
  r.read("init_scale", p.initScale, 0.25f, 4.0f);
  r.read("depth", p.depth, 2, 12);
  r.read("width", p.width, 8, 64);
  r.read("lr", p.lr, 1e-3, 10.0);
  r.readChoice("dataset", p.dataset, {kDatasets[0], kDatasets[1], kDatasets[2], kDatasets[3], kDatasets[4]});
  r.read("pre_activation", p.preActivation);
  r.read("seed", p.seed, 0, 1000000);
  r.read("pretrain", p.pretrain, 0, 500);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_p = p;
  m_pace.set(speed);
  rebuild();
  if (m_p.pretrain > 0) {
    const int perEpoch = (m_trainer->trainSet().size() + 31) / 32;
    for (int e = 0; e < m_p.pretrain && !m_diverged; ++e) train(perEpoch);
  }
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

void DeepActivationsLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0:
      p.activation = 0, p.initScale = 0.25f, p.depth = 2, p.width = 8, p.lr = 1e-3, p.seed = 0;
      m_pace.set(TrainingPace::kMin);
      break;
    case 1:  // diverges
      p.activation = 2, p.initScale = 4.0f, p.depth = 12, p.width = 64, p.lr = 10.0;
      m_pace.set(0.0);
      break;
    case 2: p.activation = 1, p.norm = 1, p.preActivation = true, p.dataset = 3, p.seed = 1000000; break;
    case 3: p.activation = 0, p.norm = 2, p.dataset = 4; break;
    case 4: p.activation = 2, p.norm = 1, p.preActivation = true, p.dataset = 1; break;
    default: p.activation = 1, p.initScale = 4.0f, p.dataset = 2; break;
  }
  setPlaying(false);
  m_p = p;
  rebuild();
  train(60);
}

// [SECTION] Controls

void DeepActivationsLesson::drawControls(LessonContext& ctx) {
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("deep-activations.diverged"));
    ImGui::PopStyleColor();
    if (button(ctx.tr("deep-activations.reset"))) reset();
  }
  ImGui::BeginDisabled(m_diverged);
  if (button(ctx.tr("deep-activations.step"))) train(10);
  ImGui::EndDisabled();
  tip(ctx, "deep-activations.step.tip");
  m_pace.control(ctx);
  char status[96];
  std::snprintf(status, sizeof status, ctx.tr("deep-activations.status"),
                static_cast<long long>(m_trainer->stepCount()), m_trainer->epoch());
  wrappedTextDisabled(status);

  bool rebuildNeeded = false;
  sectionHeader(ctx.tr("deep-activations.net"));
  rebuildNeeded |= translatedCombo(ctx, ctx.tr("deep-activations.activation"), m_p.activation,
                                   {"deep-activations.sigmoid", "deep-activations.tanh", "deep-activations.relu"});
  tip(ctx, "deep-activations.activation.tip");
  rebuildNeeded |= translatedCombo(ctx, ctx.tr("deep-activations.norm"), m_p.norm,
                                   {"deep-activations.none", "deep-activations.bn", "deep-activations.ln"});
  tip(ctx, "deep-activations.norm.tip");
  rebuildNeeded |= sliderFloat(ctx, ctx.tr("deep-activations.init"), m_p.initScale, 0.25f, 4.0f, "%.2f", true);
  tip(ctx, "deep-activations.init.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("deep-activations.depth"), m_p.depth, 2, 12);
  tip(ctx, "deep-activations.depth.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("deep-activations.width"), m_p.width, 8, 64);
  tip(ctx, "deep-activations.width.tip");

  sectionHeader(ctx.tr("deep-activations.training"));
  rebuildNeeded |= logSlider(ctx, ctx.tr("deep-activations.lr"), m_p.lr, 1e-3, 10.0);
  tip(ctx, "deep-activations.lr.tip");
  rebuildNeeded |=
      translatedCombo(ctx, ctx.tr("deep-activations.dataset"), m_p.dataset,
                      {"deep-activations.ds.circle", "deep-activations.ds.xor", "deep-activations.ds.gaussians",
                       "deep-activations.ds.spiral", "deep-activations.ds.moons"});
  tip(ctx, "deep-activations.dataset.tip");
  rebuildNeeded |= ImGui::InputInt(ctx.tr("deep-activations.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "deep-activations.seed.tip");
  ImGui::Spacing();
  if (checkbox(ctx.tr("deep-activations.pre"), &m_p.preActivation)) {
    m_probeStep = -1;
    m_stats.clear();
    // Only the histograms change; the gradient history is kept (re-probing at the same step adds no point).
    const int64_t step = m_trainer->stepCount();
    probe();
    if (!m_histStep.empty() && m_histStep.size() >= 2 && m_histStep[m_histStep.size() - 2] == double(step)) {
      m_histStep.pop_back();
      m_histLoss.pop_back();
      for (auto& h : m_histNorm) h.pop_back();
    }
  }
  tip(ctx, "deep-activations.pre.tip");
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
  const int layers = static_cast<int>(m_gradNorms.size());
  const float t = layers > 1 ? float(l) / float(layers - 1) : 0.0f;
  return IM_COL32(int(30 + t * 200), int(80 + t * 60), int(200 - t * 170), 255);
}

void DeepActivationsLesson::drawGradientBars(LessonContext& ctx, ImVec2 size) {
  const int layers = static_cast<int>(m_gradNorms.size());
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
    m_barPlot.bars(m_barLabels[std::size_t(l)].c_str(), &m_layerIndex[l], &m_gradNorms[l], 1, 0.8, s);
  }
  m_barPlot.end();
}

void DeepActivationsLesson::drawGradientHistory(LessonContext& ctx, ImVec2 size) {
  const int layers = static_cast<int>(m_gradNorms.size());
  PlotConfig hist = plotConfig(ctx);
  hist.title = ctx.tr("deep-activations.norms");
  hist.x.label = ctx.tr("deep-activations.step.axis");
  hist.y.log = true;
  hist.emptyText = ctx.tr("deep-activations.nodata");
  if (!m_normPlot.begin("##normsplot", size, hist)) return;
  // Label only the first and the last layer: the colours in between interpolate.
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
    s.markers = m_histStep.size() == 1;  // the first probe, before any training: one dot per layer
    m_normPlot.line(m_labels[l].c_str(), m_histStep.data(), m_histNorm[l].data(), static_cast<int>(m_histStep.size()), s);
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
    s.markers = m_histStep.size() == 1;
    m_lossPlot.line(ctx.tr("deep-activations.lossaxis"), m_histStep.data(), m_histLoss.data(),
                    static_cast<int>(m_histStep.size()), s);
    m_lossPlot.end();
  }
}

void DeepActivationsLesson::drawHeatStrip(LessonContext& ctx, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  wrappedText(ctx.tr(m_p.preActivation     ? "deep-activations.strip.pre"
                     : m_p.activation == 2 ? "deep-activations.strip.relu"
                                           : "deep-activations.strip"),
              size.x);
  const float titleH = ImGui::GetCursorScreenPos().y - p0.y;
  const float lineH = ImGui::GetTextLineHeight();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl->PushClipRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), true);
  struct PopClip {
    ImDrawList* dl;
    ~PopClip() { dl->PopClipRect(); }
  } popClip{dl};
  const int rows = static_cast<int>(m_stats.size());
  if (rows == 0) return;
  // Left: "layer l"; right: μ, σ and the saturated (or dead) share.
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s 12", ctx.tr("deep-activations.layer"));
  const float labelW = ImGui::CalcTextSize(buf).x + 6 * ctx.scale;
  // The statistics columns only when they leave the strip at least a third of the width (a big UI scale drops them; the
  // formula below still gives μ and σ of the first and the last layer).
  const char* satKey = m_p.activation == 2 ? "deep-activations.dead" : "deep-activations.sat";
  const float colW = ImGui::CalcTextSize("-0.00000 ").x, cx0 = 6 * ctx.scale;
  const float wantStats = 2 * colW + std::max(ImGui::CalcTextSize(ctx.tr(satKey)).x, ImGui::CalcTextSize("100%").x) + cx0;
  const bool showStats = size.x - labelW - wantStats >= 0.35f * size.x;
  const float statsW = showStats ? wantStats : 0.0f;
  const float x0 = p0.x + labelW, x1 = p0.x + size.x - statsW;
  const float y0 = p0.y + titleH + lineH * 1.4f, y1 = p0.y + size.y - lineH * 1.4f;
  if (x1 - x0 < 20 || y1 - y0 < rows * 2) return;
  const float rowH = (y1 - y0) / rows, binW = (x1 - x0) / kBins;
  // Three aligned columns right of the strip: μ, σ and the saturated (or exactly-0) share.
  const float cx = x1 + cx0;
  if (showStats) {
    dl->AddText(ImVec2(cx, y0 - lineH - 2), dim, "μ");
    dl->AddText(ImVec2(cx + colW, y0 - lineH - 2), dim, "σ");
    dl->AddText(ImVec2(cx + 2 * colW, y0 - lineH - 2), dim, ctx.tr(satKey));
  }
  for (int l = 0; l < rows; ++l) {
    const LayerStats& s = m_stats[l];
    const float ry = y0 + l * rowH;
    const int peak = std::max(1, *std::max_element(s.counts.begin(), s.counts.end()));
    for (int b = 0; b < kBins; ++b) {
      // √ of the share of the peak: a thin tail stays visible next to a tall peak.
      const float t = std::sqrt(float(s.counts[b]) / float(peak));
      const auto c = gfx::colormapColor(gfx::Colormap::Viridis, t);
      dl->AddRectFilled(ImVec2(x0 + b * binW, ry), ImVec2(x0 + (b + 1) * binW, ry + rowH - 1), IM_COL32(c[0], c[1], c[2], 255));
    }
    std::snprintf(buf, sizeof buf, "%s %d", ctx.tr("deep-activations.layer"), l + 1);
    const float ty = ry + (rowH - lineH) * 0.5f;
    if (rowH >= lineH * 0.9f || l == 0 || l == rows - 1) dl->AddText(ImVec2(p0.x, ty), text, buf);
    if (showStats && (rowH >= lineH * 0.9f || l == 0 || l == rows - 1)) {
      std::snprintf(buf, sizeof buf, "%.3g", s.mean);
      dl->AddText(ImVec2(cx, ty), text, buf);
      std::snprintf(buf, sizeof buf, "%.3g", s.stddev);
      dl->AddText(ImVec2(cx + colW, ty), text, buf);
      std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * s.saturated);
      dl->AddText(ImVec2(cx + 2 * colW, ty), text, buf);
    }
  }
  dl->AddRect(ImVec2(x0, y0), ImVec2(x1, y1), ImGui::GetColorU32(ImGuiCol_Border));
  // The value axis below: both ends and 0 when inside.
  auto tick = [&](double v) {
    const float x = x0 + float((v - m_histLo) / (m_histHi - m_histLo)) * (x1 - x0);
    char t[32];
    std::snprintf(t, sizeof t, "%.3g", v);
    const float w = ImGui::CalcTextSize(t).x;
    dl->AddLine(ImVec2(x, y1), ImVec2(x, y1 + 4 * ctx.scale), text);
    dl->AddText(ImVec2(std::clamp(x - w / 2, x0 - labelW, x1 + statsW - w), y1 + 4 * ctx.scale), text, t);
  };
  tick(m_histLo);
  tick(m_histHi);
  if (m_histLo < 0 && m_histHi > 0) tick(0.0);
}

void DeepActivationsLesson::drawFormula(LessonContext& ctx) {
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("deep-activations.diverged"));
    ImGui::PopStyleColor();
  }
  wrappedText(ctx.tr("deep-activations.f.forward"));
  wrappedText(ctx.tr("deep-activations.f.backward"));
  if (m_gradNorms.empty() || m_stats.empty()) return;
  const int last = static_cast<int>(m_gradNorms.size());
  char buf[256];
  const double g1 = m_gradNorms.front(), gL = m_gradNorms.back();
  std::snprintf(buf, sizeof buf, ctx.tr("deep-activations.f.ratio"), last, g1, gL, gL > 0 ? g1 / gL : 0.0);
  wrappedText(buf);
  const LayerStats& a = m_stats.front();
  const LayerStats& b = m_stats.back();
  std::snprintf(buf, sizeof buf, ctx.tr("deep-activations.f.init"), double(m_p.initScale) * m_p.initScale / 3.0, a.mean,
                a.stddev, static_cast<int>(m_stats.size()), b.mean, b.stddev);
  wrappedText(buf);
}

std::string DeepActivationsLesson::formulaLatex() const {
  std::string s = "\\begin{aligned}\n&h_l = \\varphi(z_l),\\ z_l = W_l h_{l-1} + b_l,\\quad "
                  "\\delta_l = \\varphi'(z_l) \\odot W_{l+1}^\\top \\delta_{l+1},\\quad "
                  "\\frac{\\partial L}{\\partial W_l} = \\delta_l h_{l-1}^\\top\\\\\n";
  if (!m_gradNorms.empty()) {
    const double g1 = m_gradNorms.front(), gL = m_gradNorms.back();
    s += "&\\frac{\\|\\partial L/\\partial W_1\\|}{\\|\\partial L/\\partial W_{" + std::to_string(m_gradNorms.size()) +
         "}\\|} = \\frac{" + latexNumber(g1) + "}{" + latexNumber(gL) + "} = " + latexNumber(gL > 0 ? g1 / gL : 0.0) +
         ",\\quad n\\,\\mathrm{Var}(w) = g^2/3 = " + latexNumber(double(m_p.initScale) * m_p.initScale / 3.0) + "\\\\\n";
  }
  return s + "\\end{aligned}";
}

}  // namespace nr::app
