// The dropout lesson's maths: two runs from one start (same batches, one with dropout), and everything the lesson
// shows of them. The ensemble uses K masks fixed by the seed, so the band moves only because the weights move.

#include "lessons/dropout_model.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "lessons/curve_data_model.h"
#include "nr/rng.h"

namespace nr::app {

namespace {

constexpr int kValidationPoints = 80;

}  // namespace

void DropoutModel::rebuild(const Params& p) {
  m_p = p;
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
}

void DropoutModel::setKeep(float keep) {
  m_p.keep = keep;
  applyKeep();
}

void DropoutModel::applyKeep() {
  const double drop = 1.0 - double(m_p.keep);
  for (int l = 0; l < 2; ++l) m_runs[0]->setDropout(l, drop < 1e-9 ? 0.0 : drop);
  m_refreshedStep = -1;
}

void DropoutModel::setLr(double lr) {
  m_p.lr = lr;
  core::OptimizerSpec o = m_runs[0]->optimizerSpec();
  o.lr = lr;
  for (auto& r : m_runs) r->setOptimizer(o);
}

void DropoutModel::setProbe(float probe) {
  m_p.probe = probe;
  m_refreshedStep = -1;
}

// refresh() sees the ensemble's size change by itself.
void DropoutModel::setSamples(int samples) { m_p.samples = samples; }

void DropoutModel::checkDiverged() {
  // Ten times the loss of predicting the targets' mean: the steps are too large to settle anywhere.
  for (int r = 0; r < 2; ++r)
    if (m_runs[r]->blownUp(1e4, 10.0 * std::max(m_targetVar, 0.01))) m_diverged = true;
}

bool DropoutModel::finished() const { return m_diverged || m_runs[0]->epoch() >= kMaxEpochs; }

void DropoutModel::train(int steps) {
  if (finished()) return;
  // Both runs see the same batches: step them the same number of times.
  for (int i = 0; i < steps && m_runs[0]->epoch() < kMaxEpochs; ++i) {
    m_runs[0]->advance(1);
    m_runs[1]->advance(1);
  }
  checkDiverged();
}

int DropoutModel::advance(int steps, double budgetSeconds) {
  const int done = m_runs[0]->advance(steps, budgetSeconds);
  m_runs[1]->advance(done);
  checkDiverged();
  return done;
}

double DropoutModel::forward(double x, const float* masks) const {
  const core::Mlp& net = m_runs[0]->net();
  const int w = m_p.width;
  const double drop = 1.0 - double(m_p.keep), q = 1.0 - drop;
  const bool active = drop >= 1e-9, inverted = m_p.mode == 0;
  std::vector<double> a(w), b(w);
  const float* b0 = net.parameters() + net.biasBlock(0).offset;
  for (int i = 0; i < w; ++i) a[i] = std::tanh(double(net.weights(0)(i, 0)) * x + double(b0[i]));
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

int DropoutModel::maskSize() const {
  const core::Mlp& net = m_runs[0]->net();
  return net.lastBatch() * 2 * m_p.width;
}

int DropoutModel::keptCount() const {
  const core::Mlp& net = m_runs[0]->net();
  if (net.lastBatch() == 0) return 0;
  double kept = 0;
  for (int l = 0; l < 2; ++l) kept += double(net.dropoutMask(l).sum());
  return static_cast<int>(std::lround(kept));
}

void DropoutModel::refresh() {
  core::Trainer& run0 = *m_runs[0];
  if (m_refreshedStep == run0.stepCount() && int(m_masks.size()) == m_p.samples) return;
  m_refreshedStep = run0.stepCount();
  // Eval curves from the core (independent of this model's own forward pass, which the tests compare with it).
  std::vector<float> out(kGrid);
  for (int r = 0; r < 2; ++r) {
    m_runs[r]->predict(m_gridX.data(), kGrid, out.data());
    m_eval[r].assign(out.begin(), out.end());
  }
  drawMasks();
  computeEnsemble();
  // This step's mask, first sample of the batch (all kept before the first step or without dropout).
  const core::Mlp& net = run0.net();
  const int w = m_p.width;
  m_stepMask.assign(2 * w, 1.0f);
  if (net.lastBatch() > 0)
    for (int l = 0; l < 2; ++l)
      for (int i = 0; i < w; ++i) m_stepMask[l * w + i] = net.dropoutMask(l)(i, 0);
  computeProbe();
}

void DropoutModel::drawMasks() {
  const double drop = 1.0 - double(m_p.keep), q = 1.0 - drop;
  // K fixed masks for this seed: the band moves only because the weights move, never from fresh dice.
  core::Rng rng(static_cast<uint64_t>(m_p.seed) * 7919 + 17);
  m_masks.assign(m_p.samples, std::vector<float>(2 * m_p.width, 1.0f));
  if (drop >= 1e-9)
    for (auto& m : m_masks)
      for (float& v : m) v = rng.uniform() < q ? 1.0f : 0.0f;
}

void DropoutModel::computeEnsemble() {
  const int w = m_p.width, K = m_p.samples;
  const double drop = 1.0 - double(m_p.keep), q = 1.0 - drop;
  const bool active = drop >= 1e-9, inverted = m_p.mode == 0;
  // The ensemble on the grid, as matrices: layer 1's activations do not depend on the mask, compute them once.
  const core::Mlp& net = m_runs[0]->net();
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
}

void DropoutModel::computeProbe() {
  const int w = m_p.width, K = m_p.samples;
  const double drop = 1.0 - double(m_p.keep), q = 1.0 - drop;
  const bool active = drop >= 1e-9, inverted = m_p.mode == 0;
  const core::Mlp& net = m_runs[0]->net();
  // The probe: one unit's expectation, and the outputs.
  const double x = m_p.probe;
  const float* b0 = net.parameters() + net.biasBlock(0).offset;
  UnitNumbers u;
  for (int i = 0; i < w; ++i) {
    const double h = std::tanh(double(net.weights(0)(i, 0)) * x + double(b0[i]));
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

void DropoutModel::collectCurves() {
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

}  // namespace nr::app
