// dropout — a 1-32-32-1 tanh net fits a noisy curve, trained twice from the same start: with dropout on both hidden
// layers and without. The teaching choices: the diagram shows the mask of the *last* training step, so while it
// trains the crossed-out units change every frame; one unit's numbers make "×1/q now or ×q later" concrete (the
// expectation in training equals the eval value in both conventions); and K sampled sub-networks are drawn as a
// mean ± σ band — MC dropout's estimate of the model's uncertainty.
//
// [SECTION] Model
// [SECTION] Controls
// [SECTION] Canvas and formula

#include "lessons/dropout.h"

#include <imgui.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "lessons/curve_data.h"
#include "nr/rng.h"
#include "kit/latex.h"
#include "kit/text.h"
#include "widgets/text_table.h"
#include "widgets/disc_sprites.h"

namespace nr::app {

// [SECTION] Model

namespace {

constexpr int kValidationPoints = 80;
constexpr int kBatch = 8;
constexpr int kMembersDrawn = 4;  // a few thin curves show what the band summarizes; each costs vertices
const char* kModes[] = {"inverted", "test_time"};

}  // namespace

DropoutLesson::DropoutLesson() { rebuild(); }
DropoutLesson::~DropoutLesson() = default;

void DropoutLesson::rebuild() {
  const uint64_t seed = static_cast<uint64_t>(m_p.seed);
  core::LabeledData train = makeCurveSet(m_p.points, m_p.noise, seed);
  core::LabeledData val = makeCurveSet(kValidationPoints, m_p.noise, seed + 1000003);
  m_targetVar = targetVariance(train);
  core::MlpSpec net = core::MlpSpec::make(1, {m_p.width, m_p.width}, 1, core::Activation::Tanh, core::LossKind::Mse);
  net.seed = seed;
  net.maxBatch = kBatch;
  net.dropoutMode = m_p.mode == 0 ? core::DropoutMode::Inverted : core::DropoutMode::ScaleAtTest;
  core::OptimizerSpec o;
  o.kind = core::OptimizerKind::Adam;
  o.lr = m_p.lr;
  core::TrainerSpec ts;
  ts.batchSize = kBatch;
  ts.seed = seed + 7;
  for (int r = 0; r < 2; ++r) m_runs[r] = std::make_unique<core::Trainer>(net, o, train, val, ts);
  applyKeep();
  m_diverged = false;
  m_epoch.clear();
  for (int r = 0; r < 2; ++r) m_trainLoss[r].clear(), m_valLoss[r].clear();
  // The curves extend past the data ([−1, 1]) to show how each model extrapolates.
  m_gridX = curveGrid(kGrid, -1.5, 1.5);
  m_truth.resize(kGrid);
  for (int g = 0; g < kGrid; ++g) m_truth[g] = curveTarget(m_gridX[g]);
  m_refreshedStep = -1;
  m_pace.restart();
  // The lesson opens (and restarts) with its first epochs drawn, so a projector never shows empty plots.
  this->train(kWarmEpochs * ((m_p.points + kBatch - 1) / kBatch));
  refresh();
}

void DropoutLesson::applyKeep() {
  const double drop = 1.0 - double(m_p.keep);
  for (int l = 0; l < 2; ++l) m_runs[0]->setDropout(l, drop < 1e-9 ? 0.0 : drop);
  m_refreshedStep = -1;
}

void DropoutLesson::checkDiverged() {
  // Ten times the loss of predicting the targets' mean: the steps are too large to settle anywhere.
  for (int r = 0; r < 2; ++r)
    if (m_runs[r]->blownUp(1e4, 10.0 * std::max(m_targetVar, 0.01))) {
      m_diverged = true;
      setPlaying(false);
    }
}

void DropoutLesson::train(int steps) {
  if (m_diverged || m_runs[0]->epoch() >= kMaxEpochs) return;
  // Both runs see the same batches: step them the same number of times.
  for (int i = 0; i < steps && m_runs[0]->epoch() < kMaxEpochs; ++i) {
    m_runs[0]->advance(1);
    m_runs[1]->advance(1);
  }
  checkDiverged();
}

void DropoutLesson::update(double dt) {
  if (m_diverged || m_runs[0]->epoch() >= kMaxEpochs) {
    setPlaying(false);
    return;
  }
  // At the chosen pace (slow enough to watch the mask and the band change), and at most about 2 ms of wall time
  // for the pair: the frame stays far under 16 ms on llvmpipe.
  const int done = m_runs[0]->advance(m_pace.steps(dt, (m_p.points + kBatch - 1) / kBatch), 0.001);
  m_runs[1]->advance(done);
  checkDiverged();
  // The ensemble (K sub-networks on the grid) is recomputed every third frame while training runs.
  if (++m_framesSinceRefresh >= 3) {
    m_framesSinceRefresh = 0;
    refresh();
  }
}

// Like the other training lessons: a fresh run with the current settings (the seed included), so "lower the
// learning rate and press Reset" works.
void DropoutLesson::reset() {
  setPlaying(false);
  rebuild();
}

double DropoutLesson::forward(double x, const float* masks) const {
  const core::Mlp& net = m_runs[0]->net();
  const int w = m_p.width;
  const double drop = 1.0 - double(m_p.keep), q = 1.0 - drop;
  const bool active = drop >= 1e-9, inverted = m_p.mode == 0;
  std::vector<double> a(w), b(w);
  for (int i = 0; i < w; ++i) a[i] = std::tanh(double(net.weights(0)(i, 0)) * x + double(net.parameters()[net.biasBlock(0).offset + i]));
  auto dropout = [&](std::vector<double>& v, const float* m) {
    if (!active) return;
    for (int i = 0; i < w; ++i) v[i] = m ? v[i] * m[i] * (inverted ? 1.0 / q : 1.0) : v[i] * (inverted ? 1.0 : q);
  };
  dropout(a, masks);
  const float* b1 = net.parameters() + net.biasBlock(1).offset;
  for (int i = 0; i < w; ++i) {
    double z = b1[i];
    for (int j = 0; j < w; ++j) z += double(net.weights(1)(i, j)) * a[j];
    b[i] = std::tanh(z);
  }
  dropout(b, masks ? masks + w : nullptr);
  double out = net.parameters()[net.biasBlock(2).offset];
  for (int j = 0; j < w; ++j) out += double(net.weights(2)(0, j)) * b[j];
  return out;
}

int DropoutLesson::maskSize() const {
  const core::Mlp& net = m_runs[0]->net();
  return net.lastBatch() * 2 * m_p.width;
}

int DropoutLesson::keptCount() const {
  const core::Mlp& net = m_runs[0]->net();
  if (net.lastBatch() == 0) return 0;
  double kept = 0;
  for (int l = 0; l < 2; ++l) kept += double(net.dropoutMask(l).sum());
  return static_cast<int>(std::lround(kept));
}

void DropoutLesson::refresh() {
  core::Trainer& run0 = *m_runs[0];
  if (m_refreshedStep == run0.stepCount() && int(m_masks.size()) == m_p.samples) return;
  m_refreshedStep = run0.stepCount();
  const int w = m_p.width, K = m_p.samples;
  const double drop = 1.0 - double(m_p.keep), q = 1.0 - drop;
  const bool active = drop >= 1e-9, inverted = m_p.mode == 0;

  // Eval curves from the core (independent of this lesson's own forward pass, which the tests compare with it).
  std::vector<float> out(kGrid);
  for (int r = 0; r < 2; ++r) {
    m_runs[r]->predict(m_gridX.data(), kGrid, out.data());
    m_eval[r].assign(out.begin(), out.end());
  }

  // K fixed masks for this seed: the band moves only because the weights move, never from fresh dice.
  core::Rng rng(static_cast<uint64_t>(m_p.seed) * 7919 + 17);
  m_masks.assign(K, std::vector<float>(2 * w, 1.0f));
  if (active)
    for (auto& m : m_masks)
      for (float& v : m) v = rng.uniform() < q ? 1.0f : 0.0f;

  // The ensemble on the grid, as matrices: layer 1's activations do not depend on the mask, compute them once.
  const core::Mlp& net = run0.net();
  using MatD = Eigen::MatrixXd;
  const MatD W0 = net.weights(0).cast<double>(), W1 = net.weights(1).cast<double>(), W2 = net.weights(2).cast<double>();
  Eigen::VectorXd b0(w), b1(w);
  for (int i = 0; i < w; ++i) {
    b0[i] = net.parameters()[net.biasBlock(0).offset + i];
    b1[i] = net.parameters()[net.biasBlock(1).offset + i];
  }
  const double b2 = net.parameters()[net.biasBlock(2).offset];
  Eigen::RowVectorXd xs(kGrid);
  for (int g = 0; g < kGrid; ++g) xs[g] = m_gridX[g];
  const MatD H0 = ((W0 * xs).colwise() + b0).array().tanh().matrix();
  const double scale = active && inverted ? 1.0 / q : 1.0;
  // Sums of deviations from the first member (a shifted two-moment formula): accurate, and members that all agree
  // (q = 1) give a spread of exactly 0.
  Eigen::ArrayXd first(kGrid), sum = Eigen::ArrayXd::Zero(kGrid), sum2 = Eigen::ArrayXd::Zero(kGrid);
  m_members.assign(std::min(K, kMembersDrawn), std::vector<double>(kGrid));
  MatD A0(w, kGrid), H1(w, kGrid);
  for (int k = 0; k < K; ++k) {
    Eigen::Map<const Eigen::VectorXf> m0(m_masks[k].data(), w), m1(m_masks[k].data() + w, w);
    A0 = (m0.cast<double>() * scale).asDiagonal() * H0;
    H1 = ((W1 * A0).colwise() + b1).array().tanh().matrix();
    const Eigen::RowVectorXd y = ((W2 * ((m1.cast<double>() * scale).asDiagonal() * H1)).array() + b2).matrix();
    if (k == 0) first = y.transpose().array();
    const Eigen::ArrayXd d = y.transpose().array() - first;
    sum += d;
    sum2 += d.square();
    if (k < kMembersDrawn) std::copy(y.data(), y.data() + kGrid, m_members[k].begin());
  }
  m_mean.resize(kGrid), m_std.resize(kGrid), m_lo.resize(kGrid), m_hi.resize(kGrid);
  for (int g = 0; g < kGrid; ++g) {
    const double md = sum[g] / K;
    m_mean[g] = first[g] + md;
    // Population standard deviation of the K outputs (the spread of this ensemble), clamped at 0 against rounding.
    m_std[g] = std::sqrt(std::max(0.0, sum2[g] / K - md * md));
    m_lo[g] = m_mean[g] - m_std[g];
    m_hi[g] = m_mean[g] + m_std[g];
  }

  // This step's mask, first sample of the batch (all kept before the first step or without dropout).
  m_stepMask.assign(2 * w, 1.0f);
  if (net.lastBatch() > 0)
    for (int l = 0; l < 2; ++l)
      for (int i = 0; i < w; ++i) m_stepMask[l * w + i] = net.dropoutMask(l)(i, 0);

  // The probe: one unit's expectation, and the outputs.
  const double x = m_p.probe;
  UnitNumbers u;
  for (int i = 0; i < w; ++i) {
    const double h = std::tanh(W0(i, 0) * x + b0[i]);
    if (u.unit < 0 || std::fabs(h) > std::fabs(u.h)) u.unit = i, u.h = h;
  }
  u.kept = active && inverted ? u.h / q : u.h;
  u.trainMean = active ? q * u.kept : u.kept;
  u.eval = active && !inverted ? q * u.h : u.h;
  double s = 0.0;
  for (const auto& m : m_masks) s += m[u.unit] * u.kept;
  u.sampleMean = K > 0 ? s / K : 0.0;
  m_unit = u;
  m_probeTrain = forward(x, m_stepMask.data());
  double y0 = 0.0, ps = 0.0, ps2 = 0.0;
  for (int k = 0; k < K; ++k) {
    const double y = forward(x, m_masks[k].data());
    if (k == 0) y0 = y;
    ps += y - y0, ps2 += (y - y0) * (y - y0);
  }
  m_probeMean = y0 + ps / K;
  m_probeStd = std::sqrt(std::max(0.0, ps2 / K - (ps / K) * (ps / K)));
}

void DropoutLesson::collectCurves() {
  const auto& e0 = m_runs[0]->epochs();
  const auto& e1 = m_runs[1]->epochs();
  const size_t n = std::min(e0.size(), e1.size());
  while (m_epoch.size() < n) {
    const size_t i = m_epoch.size();
    m_epoch.push_back(e0[i].epoch);
    m_trainLoss[0].push_back(e0[i].train.data);
    m_valLoss[0].push_back(e0[i].validation.data);
    m_trainLoss[1].push_back(e1[i].train.data);
    m_valLoss[1].push_back(e1[i].validation.data);
  }
}

nlohmann::json DropoutLesson::params() const {
  return {{"keep", m_p.keep},   {"mode", kModes[m_p.mode]}, {"width", m_p.width},   {"samples", m_p.samples},
          {"probe", m_p.probe}, {"lr", m_p.lr},             {"points", m_p.points}, {"noise", m_p.noise},
          {"seed", m_p.seed},   {"pretrain", m_p.pretrain},
          {"speed", m_pace.unlimited() ? nlohmann::json("max") : nlohmann::json(m_pace.epochsPerSecond())}};
}

void DropoutLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                              std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.read("keep", p.keep, 0.1f, 1.0f);
  r.readChoice("mode", p.mode, {kModes[0], kModes[1]});
  r.read("width", p.width, 4, 32);
  r.read("samples", p.samples, 1, 100);
  r.read("probe", p.probe, -1.0f, 1.0f);
  r.read("lr", p.lr, 1e-4, 10.0);
  r.read("points", p.points, 5, 200);
  r.read("noise", p.noise, 0.0f, 1.0f);
  r.read("seed", p.seed, 0, 1000000);
  r.read("pretrain", p.pretrain, 0, kMaxEpochs);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_p = p;
  m_pace.set(speed);
  rebuild();
  // The warm epochs of rebuild() count towards pretrain: a scene of 150 epochs opens at epoch 150.
  if (m_p.pretrain > kWarmEpochs) {
    const int stepsPerEpoch = (m_p.points + kBatch - 1) / kBatch;
    train((m_p.pretrain - kWarmEpochs) * stepsPerEpoch);
    refresh();
  }
}

void DropoutLesson::interact(int frame) {
  // The main parameter, the keep probability, changes while training runs.
  m_p.keep = (frame / 10) % 2 ? 0.8f : 0.5f;
  applyKeep();
  setPlaying(true);
}

void DropoutLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.keep = 0.1f, p.width = 4, p.samples = 1, p.probe = -1.0f, p.points = 5, m_pace.set(TrainingPace::kMin); break;
    case 1: p.keep = 1.0f, p.width = 32, p.samples = 100, p.probe = 1.0f, p.points = 200, m_pace.set(0.0); break;
    case 2: p.lr = 10.0; break;  // diverges: reported, not plotted
    case 3: p.lr = 1e-4, p.noise = 1.0f, p.mode = 1; break;
    case 4: p.noise = 0.0f, p.mode = 1, p.keep = 0.1f; break;
    case 5: p.seed = 1000000; break;
    case 6: p.seed = 0, p.mode = 1, p.keep = 1.0f; break;
    default: p.pretrain = 50; break;
  }
  setPlaying(false);
  m_p = p;
  rebuild();
  train(100);
  refresh();
}

// [SECTION] Controls

void DropoutLesson::drawControls(LessonContext& ctx) {
  if (button(ctx.tr("dropout.step"))) train(1), refresh();
  tip(ctx, "dropout.step.tip");
  if (fitsOnThisLine(ctx.tr("dropout.epoch"))) ImGui::SameLine();
  if (button(ctx.tr("dropout.epoch"))) train((m_p.points + kBatch - 1) / kBatch), refresh();
  tip(ctx, "dropout.epoch.tip");
  m_pace.control(ctx);

  bool rebuildNeeded = false;
  if (sliderFloat(ctx, ctx.tr("dropout.keep"), m_p.keep, 0.1f, 1.0f, "%.2f")) applyKeep(), refresh();
  tip(ctx, "dropout.keep.tip");
  const char* modes[] = {ctx.tr("dropout.mode.inv"), ctx.tr("dropout.mode.test")};
  int mode = m_p.mode;
  if (combo(ctx.tr("dropout.mode"), &mode, modes, 2)) m_p.mode = mode, rebuildNeeded = true;
  tip(ctx, "dropout.mode.tip");
  if (sliderInt(ctx, ctx.tr("dropout.samples"), m_p.samples, 1, 100)) refresh();
  tip(ctx, "dropout.samples.tip");
  if (sliderFloat(ctx, ctx.tr("dropout.probe"), m_p.probe, -1.0f, 1.0f, "%.2f")) m_refreshedStep = -1, refresh();
  tip(ctx, "dropout.probe.tip");
  if (logSlider(ctx, ctx.tr("dropout.lr"), m_p.lr, 1e-4, 10.0)) {
    core::OptimizerSpec o = m_runs[0]->optimizerSpec();
    o.lr = m_p.lr;
    for (auto& r : m_runs) r->setOptimizer(o);
  }
  tip(ctx, "dropout.lr.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("dropout.width"), m_p.width, 4, 32);
  tip(ctx, "dropout.width.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("dropout.points"), m_p.points, 5, 200);
  tip(ctx, "dropout.points.tip");
  rebuildNeeded |= sliderFloat(ctx, ctx.tr("dropout.noise"), m_p.noise, 0.0f, 1.0f, "%.2f");
  tip(ctx, "dropout.noise.tip");
  rebuildNeeded |= ImGui::InputInt(ctx.tr("dropout.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "dropout.seed.tip");
  if (rebuildNeeded) rebuild();

  // One unit under both conventions: E[train] equals eval in each row.
  sectionHeader(ctx.tr("dropout.unit"));
  char buf[256];
  std::snprintf(buf, sizeof buf, ctx.tr("dropout.unit.tip"), m_unit.unit + 1, m_p.probe);
  wrappedTextDisabled(buf);
  const double q = m_p.keep;
  // The numbers of both scalings, the current one highlighted; a narrow panel shows each as a card.
  static const char* headers[] = {"dropout.col.mode", "dropout.col.kept", "dropout.col.train", "dropout.col.eval"};
  char numbers[2][3][32];
  for (int row = 0; row < 2; ++row) {
    const bool inv = row == 0;
    const double kept = inv ? m_unit.h / q : m_unit.h, mean = q * kept, eval = inv ? m_unit.h : q * m_unit.h;
    std::snprintf(numbers[row][0], 32, "%.4f", kept);
    std::snprintf(numbers[row][1], 32, "%.4f", mean);
    std::snprintf(numbers[row][2], 32, "%.4f", eval);
  }
  TextTableSpec unit;
  unit.id = "##unit";
  unit.columns = 4;
  unit.rows = 2;
  unit.scroll = false;
  unit.highlightRow = m_p.mode;
  unit.highlightColor = plotColor(0, 0.18f);
  unit.cell = [&](int r, int c) -> const char* {
    if (r < 0) return ctx.tr(headers[c]);
    if (c == 0) return ctx.tr(r == 0 ? "dropout.row.inv" : "dropout.row.test");
    return numbers[r][c - 1];
  };
  drawTextTable(unit);
  std::snprintf(buf, sizeof buf, ctx.tr("dropout.mcmean"),
                ctx.tr(m_p.mode == 0 ? "dropout.row.inv" : "dropout.row.test"), m_unit.sampleMean);
  wrappedTextDisabled(buf);
}

// [SECTION] Canvas and formula

void DropoutLesson::drawNetwork(LessonContext& ctx, ImVec2 size) {
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float s = ctx.scale;
  const int w = m_p.width;
  const float top = p0.y + ImGui::GetTextLineHeightWithSpacing(), bottom = p0.y + size.y - 4 * s;
  const float colX[4] = {p0.x + size.x * 0.08f, p0.x + size.x * 0.36f, p0.x + size.x * 0.64f, p0.x + size.x * 0.92f};
  const float pitch = (bottom - top) / w;
  const float r = std::max(2.0f, std::min(9.0f * s, pitch * 0.38f));
  auto nodeY = [&](int i, int count) { return count == 1 ? (top + bottom) * 0.5f : top + pitch * (i + 0.5f); };
  const core::Mlp& net = m_runs[0]->net();
  // Edges between kept units only: a dropped unit sends and receives nothing this step. Blue positive, vermillion
  // negative, opacity by |weight| within the layer. Between the hidden layers only each unit's two strongest kept
  // inputs are drawn: all w² lines are an unreadable hairball, and on llvmpipe a thousand long thin lines cost more
  // than the rest of the frame.
  auto kept = [&](int layer, int i) { return layer < 0 || layer > 1 || m_stepMask[layer * w + i] > 0.5f; };
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
  collectCurves();
  if (!playing()) refresh();  // after a Step or a control change while paused (no-op when nothing changed)
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
  if (maskSize() > 0) {
    const int k = keptCount(), n = maskSize();
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.kept"), k, n, 100.0 * k / n, 100.0 * m_p.keep);
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
  PlotConfig fit = plotConfig(ctx);
  fit.title = ctx.tr("dropout.fit");
  fit.x.label = ctx.tr("dropout.x");
  fit.y.label = ctx.tr("dropout.y");
  fit.x.min = -1.5, fit.x.max = 1.5;
  fit.y.min = -2.5, fit.y.max = 2.5;
  if (m_fitPlot.begin("##fitplot", size, fit)) {
    const core::LabeledData& train = m_runs[0]->trainSet();
    SeriesStyle band;
    band.color = plotColor(2);
    m_fitPlot.band(ctx.tr("dropout.band"), m_gridX.data(), m_lo.data(), m_hi.data(), kGrid, band);
    SeriesStyle member;
    member.color = plotColor(2, 0.35f);
    member.weight = 1.0f;
    for (const auto& m : m_members) m_fitPlot.line(ctx.tr("dropout.member"), m_gridX.data(), m.data(), kGrid, member);
    m_fitPlot.line(ctx.tr("dropout.band"), m_gridX.data(), m_mean.data(), kGrid, band);
    SeriesStyle truth;
    truth.color = plotColor(7, 0.8f);
    truth.weight = 1.0f;
    m_fitPlot.line(ctx.tr("dropout.truth"), m_gridX.data(), m_truth.data(), kGrid, truth);
    SeriesStyle ev, no;
    ev.color = plotColor(0);
    no.color = plotColor(1);
    no.dashed = true;
    m_fitPlot.line(ctx.tr("dropout.evalNo"), m_gridX.data(), m_eval[1].data(), kGrid, no);
    m_fitPlot.line(ctx.tr("dropout.evalDrop"), m_gridX.data(), m_eval[0].data(), kGrid, ev);
    SeriesStyle pts;
    pts.color = ImGui::GetColorU32(ImGuiCol_Text);
    pts.marker = 3.0f;
    m_fitPlot.scatter(ctx.tr("dropout.data"), train.x.data(), train.y.data(), train.size(), pts);
    SeriesStyle probe;
    probe.color = plotColor(7, 0.8f);
    probe.weight = 1.0f;
    m_fitPlot.vline("##probe", m_p.probe, probe);
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
    const int n = static_cast<int>(m_epoch.size());
    static const char* labels[2][2] = {{"dropout.trainDrop", "dropout.valDrop"}, {"dropout.trainNo", "dropout.valNo"}};
    for (int r = 0; r < 2; ++r) {
      SeriesStyle tr, va;
      tr.color = plotColor(0);
      va.color = plotColor(1);
      tr.dashed = va.dashed = r == 1;
      m_lossPlot.line(ctx.tr(labels[r][0]), m_epoch.data(), m_trainLoss[r].data(), n, tr);
      m_lossPlot.line(ctx.tr(labels[r][1]), m_epoch.data(), m_valLoss[r].data(), n, va);
    }
    m_lossPlot.end();
  }
}

void DropoutLesson::drawFormula(LessonContext& ctx) {
  char buf[256];
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("dropout.diverged"));
    ImGui::PopStyleColor();
  } else if (m_runs[0]->epoch() >= kMaxEpochs) {
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.done"), kMaxEpochs);
    wrappedText(buf);
  }
  std::snprintf(buf, sizeof buf, ctx.tr("dropout.status"), m_runs[0]->epoch(),
                static_cast<long long>(m_runs[0]->stepCount()));
  wrappedTextDisabled(buf);
  const double q = m_p.keep;
  const UnitNumbers& u = m_unit;
  char kept[32];  // a negative factor in parentheses: "0.80 × (-1.0399)"
  std::snprintf(kept, sizeof kept, u.kept < 0 ? "(%.4f)" : "%.4f", u.kept);
  if (m_p.mode == 0) {
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.inverted"), q);
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.unit"), u.unit + 1, m_p.probe, u.h);
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.expect.inv"), q, kept, u.trainMean, u.eval);
  } else {
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.testtime"), q);
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.unit"), u.unit + 1, m_p.probe, u.h);
    wrappedText(buf);
    std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.expect.test"), q, kept, u.trainMean, u.eval);
  }
  wrappedText(buf);
  wrappedText("MC dropout: μ(x) = (1/K) Σₖ f(x; mₖ),  σ²(x) = (1/K) Σₖ (f(x; mₖ) − μ(x))²");
  std::snprintf(buf, sizeof buf, ctx.tr("dropout.f.out"), m_p.probe,
                m_eval[0].empty() ? 0.0 : forward(m_p.probe, nullptr), m_probeTrain, m_p.samples, m_probeMean,
                m_probeStd);
  wrappedText(buf);
}

std::string DropoutLesson::formulaLatex() const {
  const double q = m_p.keep;
  const UnitNumbers& u = m_unit;
  std::string s = "\\begin{aligned}\n";
  const std::string train = latexText("dropout.tex.train"), eval = latexText("dropout.tex.eval");
  if (m_p.mode == 0)
    s += train + " & a = \\frac{m \\odot h}{q},\\ m \\sim \\mathrm{Bernoulli}(q),\\quad " + eval + " a = h,"
         "\\quad q = " + latexNumber(q) + "\\\\\n";
  else
    s += train + " & a = m \\odot h,\\ m \\sim \\mathrm{Bernoulli}(q),\\quad " + eval + " a = q\\,h,"
         "\\quad q = " + latexNumber(q) + "\\\\\n";
  // The kept unit's value, h/q (inverted) or h (original), then its expectation over the mask.
  s += std::string("\\mathbb{E}[a] &= q \\cdot ") + (m_p.mode == 0 ? "\\frac{h}{q}" : "h") + " = q \\cdot " +
       latexFactor(u.kept) + " = " + latexNumber(u.trainMean) + " = a_{\\text{eval}}\\quad (h = " + latexNumber(u.h) +
       ")\\\\\n";
  s += "\\mu(x) &= \\frac{1}{K}\\sum_{k=1}^{K} f(x; m_k) = " + latexNumber(m_probeMean) + ",\\quad \\sigma(x) = " +
       latexNumber(m_probeStd) + ",\\quad x = " + latexNumber(m_p.probe) + ",\\ K = " + std::to_string(m_p.samples) +
       "\n\\end{aligned}";
  return s;
}

}  // namespace nr::app
