// pruning — train a small MLP, then zero its smallest weights. The teaching choices: the histogram shows the
// trained weights split at the threshold (everything left of τ on the log-|w| axis is cut), the accuracy curve is
// computed once per trained state over the whole sparsity range so the slider only moves a marker on it, and an L1
// net trained beside it shows that a penalty piles weights near 0 but (under a subgradient optimizer) not at 0 —
// the magnitude threshold still has to do the cutting, and it costs the L1 net less accuracy.
//
// [SECTION] Model
// [SECTION] Scenes and tests
// [SECTION] Controls
// (Canvas and formula: pruning_canvas.cpp)

#include "lessons/pruning.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] Model

namespace {

const char* kDatasets[] = {"circle", "xor", "gaussians", "spiral", "moons"};
const char* kScopes[] = {"global", "per_layer"};

double seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::vector<double> PruningLesson::curveSparsities() {
  std::vector<double> s;
  for (int i = 0; i < 50; ++i) s.push_back(i / 50.0);
  for (double v : {0.99}) s.push_back(v);  // the slider's end
  return s;
}

PruningLesson::PruningLesson() { rebuild(); }
PruningLesson::~PruningLesson() = default;

core::OptimizerSpec PruningLesson::optimizerSpec() const {
  core::OptimizerSpec o;
  o.kind = core::OptimizerKind::Adam;
  o.lr = m_p.lr;
  return o;
}

void PruningLesson::rebuild() {
  core::DatasetSpec d;
  d.kind = static_cast<core::DatasetKind>(m_p.dataset);
  d.count = 400;
  d.noise = 0.1;
  d.seed = static_cast<uint64_t>(m_p.seed);
  core::DataSplit split = core::splitDataset(core::makeDataset(d), 0.5, static_cast<uint64_t>(m_p.seed) + 3);
  double lo = -1.0, hi = 1.0;
  for (const core::LabeledData* set : {&split.train, &split.validation})
    for (float v : set->x) lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
  const double pad = 0.08 * (hi - lo);
  m_view[0] = lo - pad;
  m_view[1] = hi + pad;
  m_spec = core::MlpSpec::make(2, {m_p.width, m_p.width}, 1, core::Activation::Tanh);
  m_spec.seed = static_cast<uint64_t>(m_p.seed);
  core::TrainerSpec ts;
  ts.batchSize = 20;
  ts.seed = static_cast<uint64_t>(m_p.seed) + 7;
  m_dense = std::make_unique<core::Trainer>(m_spec, optimizerSpec(), split.train, split.validation, ts);
  m_l1 = std::make_unique<core::Trainer>(m_spec, optimizerSpec(), std::move(split.train), std::move(split.validation), ts);
  core::Regularization r;
  r.l1 = m_p.l1;
  m_l1->setRegularization(r);
  m_tune.reset();
  m_eval = std::make_unique<core::Mlp>(m_spec);
  m_scratch = std::make_unique<core::Mlp>(m_spec);
  m_stage = Stage::Training;
  m_diverged = false;
  m_trained = {};
  m_l1Trained = {};
  m_curveS.clear();
  m_curveDense.clear();
  m_curveL1.clear();
  m_tunedS.clear();
  m_tunedAccs.clear();
  m_histEpoch.clear();
  m_histDense.clear();
  m_histL1.clear();
  m_tuneEpoch.clear();
  m_tuneAcc.clear();
  m_tunedAcc = -1.0;
  m_l1Sparsity = m_l1Exact = m_l1Acc = m_l1PrunedAcc = 0.0;
  m_denseSeen = m_tuneSeen = 0;
  prune();
}

double PruningLesson::accuracyOf(core::Mlp& net, const core::MlpState<float>& state, double sparsity,
                                 core::PruneReport* report) {
  net.restoreState(state);
  core::PruneReport r = core::pruneByMagnitude(net, sparsity, m_p.scope ? core::PruneScope::PerLayer : core::PruneScope::Global);
  if (report) *report = r;
  const core::LabeledData& v = m_dense->validationSet();
  return net.accuracy(v.x.data(), v.y.data(), v.size());
}

void PruningLesson::checkDiverged(const core::Trainer& t) {
  // As in training-lab: cross-entropy above 100, or an epoch at three times the loss of guessing (ln 2).
  if (t.blownUp(100.0, 3.0 * std::log(2.0))) {
    m_diverged = true;
    setPlaying(false);
  }
}

void PruningLesson::trainFor(double budgetSeconds, int maxEpochs, int maxSteps) {
  if (m_diverged) return;
  const auto start = std::chrono::steady_clock::now();
  int steps = 0;
  if (m_stage == Stage::Training) {
    const int target = std::min(m_p.epochs, m_dense->epoch() + maxEpochs);
    // Both nets step in lock step, so they have always seen the same batches.
    while (m_dense->epoch() < target && !m_diverged && steps++ < maxSteps) {
      m_dense->advance(1);
      m_l1->advance(1);
      if (m_dense->epoch() != m_l1->epoch() || m_dense->steps().size() % 10 == 0) {
        checkDiverged(*m_dense);
        checkDiverged(*m_l1);
      }
      if (seconds(start) >= budgetSeconds) break;
    }
    checkDiverged(*m_dense);
    checkDiverged(*m_l1);
    collectHistory();
    if (!m_diverged && m_dense->epoch() >= m_p.epochs) endTraining();
  } else if (m_stage == Stage::FineTuning && m_tune) {
    const int target = std::min(m_p.fineTuneEpochs, m_tune->epoch() + maxEpochs);
    while (m_tune->epoch() < target && steps++ < maxSteps) {
      m_tune->advance(1);
      if (seconds(start) >= budgetSeconds) break;
    }
    checkDiverged(*m_tune);
    collectHistory();
    m_boundaryDirty = true;
    if (!m_diverged && m_tune->epoch() >= m_p.fineTuneEpochs) {
      m_stage = Stage::FineTuned;
      const core::LabeledData& v = m_tune->validationSet();
      m_tunedAcc = m_tune->net().accuracy(v.x.data(), v.y.data(), v.size());
      m_tunedS.push_back(m_report.sparsity());
      m_tunedAccs.push_back(m_tunedAcc);
      setPlaying(false);
    }
  }
}

void PruningLesson::endTraining() {
  m_trained = m_dense->net().saveState();
  m_l1Trained = m_l1->net().saveState();
  m_stage = Stage::Pruned;
  setPlaying(false);
  m_tunedS.clear();
  m_tunedAccs.clear();
  computeCurves();
  prune();
}

void PruningLesson::computeCurves() {
  m_curveS = curveSparsities();
  m_curveDense.assign(m_curveS.size(), 0.0);
  m_curveL1.assign(m_curveS.size(), 0.0);
  for (size_t i = 0; i < m_curveS.size(); ++i) {
    m_curveDense[i] = accuracyOf(*m_scratch, m_trained, m_curveS[i], nullptr);
    m_curveL1[i] = accuracyOf(*m_scratch, m_l1Trained, m_curveS[i], nullptr);
  }
  // The L1 net's own sparsity: weights the penalty drove to (near) zero. Zeroing exactly those is magnitude pruning
  // of the L1 net at that sparsity, with one global threshold.
  m_scratch->restoreState(m_l1Trained);
  m_l1Sparsity = core::weightSparsity(*m_scratch, kZeroTolerance);
  m_l1Exact = core::weightSparsity(*m_scratch);
  const core::LabeledData& v = m_dense->validationSet();
  m_l1Acc = m_scratch->accuracy(v.x.data(), v.y.data(), v.size());
  core::pruneByMagnitude(*m_scratch, m_l1Sparsity, core::PruneScope::Global);
  m_l1PrunedAcc = m_scratch->accuracy(v.x.data(), v.y.data(), v.size());
  m_trainedAcc = m_curveDense[0];
}

void PruningLesson::prune() {
  // While training, pruning previews what the threshold would cut from the weights so far.
  const bool training = m_stage == Stage::Training;
  const core::MlpState<float> source = training ? m_dense->net().saveState() : m_trained;
  m_prunedAcc = accuracyOf(*m_eval, source, m_p.sparsity, &m_report);
  if (!training) {
    m_stage = Stage::Pruned;
    m_tune.reset();
    m_tunedAcc = -1.0;
    m_tuneEpoch.clear();
    m_tuneAcc.clear();
  }
  // Histogram inputs: the same weights, split by the mask pruning just made.
  auto value = [&](float w) {
    if (!m_p.logHistogram) return w;
    const double a = std::fabs(double(w));
    return float(a > 0 ? std::max(kLogFloor, std::log10(a)) : kLogFloor);
  };
  m_kept.clear();
  m_pruned.clear();
  m_l1Weights.clear();
  const float* mask = m_eval->pruneMask();
  const core::MlpState<float> l1 = training ? m_l1->net().saveState() : m_l1Trained;
  for (int l = 0; l < m_eval->layerCount(); ++l) {
    const core::ParamBlock b = m_eval->weightBlock(l);
    for (int64_t j = b.offset; j < b.offset + b.count; ++j) {
      (mask[j] == 0.0f ? m_pruned : m_kept).push_back(value(source.params[j]));
      m_l1Weights.push_back(value(l1.params[j]));
    }
  }
  m_boundaryDirty = true;
}

void PruningLesson::startFineTune() {
  if (m_stage != Stage::Pruned || m_diverged) return;
  core::TrainerSpec ts = m_dense->spec();
  m_tune = std::make_unique<core::Trainer>(m_spec, optimizerSpec(), m_dense->trainSet(), m_dense->validationSet(), ts);
  // The same deterministic pruning of the same trained state gives the same mask as the one shown.
  m_tune->net().restoreState(m_trained);
  core::pruneByMagnitude(m_tune->net(), m_p.sparsity, m_p.scope ? core::PruneScope::PerLayer : core::PruneScope::Global);
  m_stage = Stage::FineTuning;
  m_tuneEpoch.assign(1, double(m_p.epochs));
  m_tuneAcc.assign(1, 100.0 * m_prunedAcc);
  m_tuneSeen = 0;
}

void PruningLesson::collectHistory() {
  const auto& de = m_dense->epochs();
  const auto& le = m_l1->epochs();
  while (m_denseSeen < std::min(de.size(), le.size())) {
    m_histEpoch.push_back(de[m_denseSeen].epoch);
    m_histDense.push_back(100.0 * de[m_denseSeen].validationAccuracy);
    m_histL1.push_back(100.0 * le[m_denseSeen].validationAccuracy);
    ++m_denseSeen;
  }
  if (!m_tune) return;
  const auto& te = m_tune->epochs();
  while (m_tuneSeen < te.size()) {
    m_tuneEpoch.push_back(double(m_p.epochs + te[m_tuneSeen].epoch));
    m_tuneAcc.push_back(100.0 * te[m_tuneSeen].validationAccuracy);
    ++m_tuneSeen;
  }
}

const core::Mlp& PruningLesson::currentNet() const {
  if (m_stage == Stage::Training) return *m_eval;
  if (m_tune) return m_tune->net();
  return *m_eval;
}

void PruningLesson::refreshBoundary() {
  if (!m_boundaryDirty) return;
  m_boundaryDirty = false;
  const int n = kGrid * kGrid;
  m_gridX.resize(static_cast<size_t>(n) * 2);
  const double span = m_view[1] - m_view[0];
  for (int r = 0; r < kGrid; ++r)  // row 0 is the bottom, as the field texture expects
    for (int c = 0; c < kGrid; ++c) {
      m_gridX[(r * kGrid + c) * 2] = float(m_view[0] + span * c / (kGrid - 1));
      m_gridX[(r * kGrid + c) * 2 + 1] = float(m_view[0] + span * r / (kGrid - 1));
    }
  m_grid.resize(n);
  // While training, the boundary is the training net's own (unpruned) one.
  m_scratch->copyStateFrom(m_stage == Stage::Training ? m_dense->net() : currentNet());
  m_scratch->predict(m_gridX.data(), n, m_grid.data());
  for (float& v : m_grid) v = std::isfinite(v) ? 1.0f / (1.0f + std::exp(-v)) : NAN;
  m_boundary.setField(kGrid, m_grid.data());
}

void PruningLesson::update(double dt) {
  if (m_diverged || m_stage == Stage::FineTuned) {
    setPlaying(false);
    return;
  }
  if (m_stage == Stage::Pruned) startFineTune();
  // At the chosen pace, and at most a few milliseconds of training per frame: the frame stays well under 16 ms on a
  // software renderer.
  const core::Trainer& running = m_stage == Stage::FineTuning && m_tune ? *m_tune : *m_dense;
  const int perEpoch = std::max(1, (running.trainSet().size() + running.spec().batchSize - 1) / running.spec().batchSize);
  trainFor(0.002, 1 << 20, m_pace.steps(dt, perEpoch));
  if (++m_framesSinceRefresh >= 10 && m_stage == Stage::Training) {
    m_framesSinceRefresh = 0;
    prune();  // the histogram and threshold follow the training weights a few times a second
  }
}

void PruningLesson::finishTraining() {
  while (m_stage == Stage::Training && !m_diverged) trainFor(1e30, 1 << 20);
}

void PruningLesson::fineTune(int epochs) {
  if (m_stage == Stage::Pruned) startFineTune();
  if (m_stage == Stage::FineTuning) trainFor(1e30, epochs);
}

void PruningLesson::setSparsity(double s) {
  m_p.sparsity = static_cast<float>(std::clamp(s, 0.0, 0.99));
  prune();
}

void PruningLesson::reset() {
  setPlaying(false);
  m_p = Params{};
  m_pace.set(m_pace.defaultValue());
  rebuild();
}

// [SECTION] Scenes and tests

nlohmann::json PruningLesson::params() const {
  return {{"dataset", kDatasets[m_p.dataset]}, {"width", m_p.width},
          {"lr", m_p.lr},                      {"epochs", m_p.epochs},
          {"l1", m_p.l1},                      {"sparsity", m_p.sparsity},
          {"scope", kScopes[m_p.scope]},       {"finetune_epochs", m_p.fineTuneEpochs},
          {"log_histogram", m_p.logHistogram}, {"seed", m_p.seed},
          {"pretrain", m_p.pretrain},          {"finetune", m_p.finetune},
          {"speed", m_pace.unlimited() ? nlohmann::json("max") : nlohmann::json(m_pace.epochsPerSecond())}};
}

void PruningLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                              std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.readChoice("dataset", p.dataset, {kDatasets[0], kDatasets[1], kDatasets[2], kDatasets[3], kDatasets[4]});
  r.read("width", p.width, 8, 64);
  r.read("lr", p.lr, 1e-4, 10.0);
  r.read("epochs", p.epochs, 20, 400);
  r.read("l1", p.l1, 1e-5, 0.1);
  r.read("sparsity", p.sparsity, 0.0f, 0.99f);
  r.readChoice("scope", p.scope, {kScopes[0], kScopes[1]});
  r.read("finetune_epochs", p.fineTuneEpochs, 5, 200);
  r.read("log_histogram", p.logHistogram);
  r.read("seed", p.seed, 0, 1000000);
  r.read("pretrain", p.pretrain);
  r.read("finetune", p.finetune);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_p = p;
  m_pace.set(speed);
  rebuild();
  if (m_p.pretrain || m_p.finetune) finishTraining();
  if (m_p.finetune) fineTune(m_p.fineTuneEpochs);
}

void PruningLesson::interact(int frame) {
  // The main parameter, the sparsity, sweeps while training (then fine-tuning) runs.
  setSparsity(0.99 * ((frame * 7) % 100) / 100.0);
  setPlaying(true);
}

void PruningLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.width = 8, p.lr = 1e-4, p.epochs = 20, p.l1 = 1e-5, p.sparsity = 0.0f, p.fineTuneEpochs = 5,
            p.logHistogram = false, p.seed = 0, m_pace.set(TrainingPace::kMin); break;
    case 1: p.width = 64, p.lr = 10.0, p.epochs = 400, m_pace.set(0.0); break;  // diverges: reported, not plotted
    case 2: p.sparsity = 0.99f, p.scope = 1, p.l1 = 0.1, p.fineTuneEpochs = 200, p.dataset = 0, p.epochs = 20; break;
    case 3: p.dataset = 4, p.seed = 1000000, p.epochs = 20; break;
    case 4: p.dataset = 1, p.sparsity = 0.0f, p.scope = 1, p.epochs = 20; break;
    default: p.dataset = 2, p.sparsity = 0.99f; break;  // untrained: the threshold previews the initial weights
  }
  setPlaying(false);
  m_p = p;
  rebuild();
  if (step < 5) finishTraining();
  if (step == 0 || step == 2) fineTune(p.fineTuneEpochs);
}

// [SECTION] Controls

void PruningLesson::drawControls(LessonContext& ctx) {
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("pruning.diverged"));
    ImGui::PopStyleColor();
    if (button(ctx.tr("pruning.reset"))) reset();
  }
  const bool trained = m_stage != Stage::Training;
  ImGui::BeginDisabled(m_diverged || m_stage == Stage::FineTuned);
  if (button(ctx.tr("pruning.step"))) {
    if (m_stage == Stage::Training) {
      trainFor(1e30, 1);
      if (m_stage == Stage::Training && !m_diverged) prune();  // the histogram and threshold follow the step
    } else {
      fineTune(1);  // after training, a step is one epoch of fine-tuning
    }
  }
  ImGui::EndDisabled();
  tip(ctx, "pruning.step.tip");
  if (!trained) {
    if (fitsOnThisLine(ctx.tr("pruning.finish"))) ImGui::SameLine();
    ImGui::BeginDisabled(m_diverged);
    if (button(ctx.tr("pruning.finish"))) finishTraining();
    ImGui::EndDisabled();
    tip(ctx, "pruning.finish.tip");
  } else {
    if (fitsOnThisLine(ctx.tr("pruning.finetune"))) ImGui::SameLine();
    ImGui::BeginDisabled(m_diverged || m_stage == Stage::FineTuning);
    if (button(ctx.tr("pruning.finetune"))) {
      if (m_stage == Stage::FineTuned) prune();
      startFineTune();
      setPlaying(true);
    }
    ImGui::EndDisabled();
    tip(ctx, "pruning.finetune.tip");
  }
  m_pace.control(ctx);
  char status[160];
  if (m_stage == Stage::Training)
    std::snprintf(status, sizeof status, ctx.tr("pruning.stage.train"), m_dense->epoch(), m_p.epochs);
  else if (m_stage == Stage::FineTuning)
    std::snprintf(status, sizeof status, ctx.tr("pruning.stage.tuning"), m_tune ? m_tune->epoch() : 0,
                  m_p.fineTuneEpochs);
  else
    std::snprintf(status, sizeof status, "%s",
                  ctx.tr(m_stage == Stage::Pruned ? "pruning.stage.pruned" : "pruning.stage.tuned"));
  wrappedTextDisabled(status);

  bool rebuildNeeded = false, reprune = false;
  sectionHeader(ctx.tr("pruning.pruning"));
  reprune |= sliderPercent(ctx, ctx.tr("pruning.sparsity"), m_p.sparsity, 0.0f, 0.99f);
  tip(ctx, "pruning.sparsity.tip");
  const bool scopeChanged =
      translatedCombo(ctx, ctx.tr("pruning.scope"), m_p.scope, {"pruning.global", "pruning.perlayer"});
  reprune |= scopeChanged;
  tip(ctx, "pruning.scope.tip");
  sliderInt(ctx, ctx.tr("pruning.ftepochs"), m_p.fineTuneEpochs, 5, 200);
  tip(ctx, "pruning.ftepochs.tip");
  reprune |= checkbox(ctx.tr("pruning.loghist"), &m_p.logHistogram);
  tip(ctx, "pruning.loghist.tip");

  sectionHeader(ctx.tr("pruning.training"));
  rebuildNeeded |= logSlider(ctx, ctx.tr("pruning.lr"), m_p.lr, 1e-4, 10.0);
  tip(ctx, "pruning.lr.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("pruning.epochs"), m_p.epochs, 20, 400);
  tip(ctx, "pruning.epochs.tip");
  rebuildNeeded |= logSlider(ctx, ctx.tr("pruning.l1"), m_p.l1, 1e-5, 0.1);
  tip(ctx, "pruning.l1.tip");

  sectionHeader(ctx.tr("pruning.data"));
  rebuildNeeded |= translatedCombo(
      ctx, ctx.tr("pruning.dataset"), m_p.dataset,
      {"pruning.ds.circle", "pruning.ds.xor", "pruning.ds.gaussians", "pruning.ds.spiral", "pruning.ds.moons"});
  tip(ctx, "pruning.dataset.tip");
  rebuildNeeded |= sliderInt(ctx, ctx.tr("pruning.width"), m_p.width, 8, 64);
  tip(ctx, "pruning.width.tip");
  rebuildNeeded |= ImGui::InputInt(ctx.tr("pruning.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  tip(ctx, "pruning.seed.tip");

  if (rebuildNeeded) {
    setPlaying(false);
    rebuild();
  } else if (reprune) {
    if (trained && scopeChanged) computeCurves();  // the curve depends on the scope, not on the slider
    prune();
  }
}

}  // namespace nr::app
