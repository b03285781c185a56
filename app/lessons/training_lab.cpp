// training-lab — a small MLP trained live on a 2-D data set; every regularizer is a toggle that applies without a
// reset. The teaching choice: the validation curve beside the training curve, and kept runs as dashed ghosts, so
// "what did L2 / dropout / early stopping change" is read off one plot. Training advances within a few
// milliseconds per frame (nr::core::Trainer::advance with a time budget), so the UI never stutters.
//
// [SECTION] Model
// [SECTION] Controls
// [SECTION] Canvas and formula

#include "lessons/training_lab.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "kit/latex.h"
#include "lessons/controls.h"
#include "kit/text.h"
#include "widgets/disc_sprites.h"

namespace nr::app {

// [SECTION] Model

namespace {

const char* kDatasets[] = {"circle", "xor", "gaussians", "spiral", "moons"};
const char* kActivations[] = {"relu", "tanh", "sigmoid"};
const char* kOptimizers[] = {"sgd", "momentum", "adam", "adamw"};

core::Activation activationOf(int i) {
  return i == 0 ? core::Activation::Relu : i == 1 ? core::Activation::Tanh : core::Activation::Sigmoid;
}

}  // namespace

TrainingLabLesson::TrainingLabLesson() { rebuild(); }
TrainingLabLesson::~TrainingLabLesson() = default;

core::MlpSpec TrainingLabLesson::netSpec() const {
  core::MlpSpec s;
  s.inputs = 2;
  s.outputs = 1;
  s.loss = core::LossKind::BceWithLogits;
  for (int i = 0; i < m_p.layers; ++i) {
    core::HiddenLayerSpec h;
    h.units = m_p.width;
    h.activation = activationOf(m_p.activation);
    h.norm = m_p.batchNorm ? core::NormLayer::Batch : core::NormLayer::None;
    h.dropout = m_p.dropout;
    s.hidden.push_back(h);
  }
  s.seed = static_cast<uint64_t>(m_p.seed);
  s.maxBatch = std::max(m_p.batch, 32);
  return s;
}

core::OptimizerSpec TrainingLabLesson::optimizerSpec() const {
  core::OptimizerSpec o;
  o.kind = static_cast<core::OptimizerKind>(m_p.optimizer);
  o.lr = m_p.lr;
  // Decoupled decay shrinks w by ηλw each step: with ηλ ≥ 1 every weight would flip sign. Cap it just below.
  o.weightDecay = std::min(m_p.weightDecay, 0.99 / m_p.lr);
  return o;
}

core::TrainerSpec TrainingLabLesson::trainerSpec() const {
  core::TrainerSpec t;
  t.batchSize = m_p.batch;
  t.seed = static_cast<uint64_t>(m_p.seed) + 7;
  t.earlyStopping = m_p.earlyStopping;
  t.stopping.patience = m_p.patience;
  t.stopping.restoreBest = true;
  t.inputNoise = m_p.inputNoise;
  return t;
}

void TrainingLabLesson::rebuild() {
  core::DatasetSpec d;
  d.kind = static_cast<core::DatasetKind>(m_p.dataset);
  d.count = m_p.samples;
  d.noise = m_p.noise;
  d.seed = static_cast<uint64_t>(m_p.seed);
  core::DataSplit split = core::splitDataset(core::makeDataset(d), m_p.validation, static_cast<uint64_t>(m_p.seed) + 3);
  // The picture's extent: the data with a margin, square so that circles look round.
  double lo = -1.0, hi = 1.0;
  for (const core::LabeledData* set : {&split.train, &split.validation})
    for (float v : set->x) lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
  const double pad = 0.08 * (hi - lo);
  m_view[0] = m_view[2] = lo - pad;
  m_view[1] = m_view[3] = hi + pad;
  // Points the user clicked in stay through Restart and new settings (Clear points removes them).
  for (const AddedPoint& a : m_added) {
    const float pt[2] = {a.x, a.y};
    split.train.add(pt, a.label);
  }
  m_trainer = std::make_unique<core::Trainer>(netSpec(), optimizerSpec(), std::move(split.train),
                                              std::move(split.validation), trainerSpec());
  applyLive();
  m_diverged = false;
  m_current = Run{};
  m_accTrain.clear();
  m_accVal.clear();
  m_boundaryStep = -1;
  m_pace.restart();
  // The lesson opens (and restarts) with its first epochs drawn, so a projector never shows empty plots.
  m_trainer->runEpochs(kWarmEpochs);
  checkDiverged();
  refreshBoundary();
}

void TrainingLabLesson::applyLive() {
  m_trainer->setOptimizer(optimizerSpec());
  core::Regularization r;
  r.l1 = m_p.l1;
  r.l2 = m_p.l2;
  m_trainer->setRegularization(r);
  for (int i = 0; i < m_p.layers; ++i) m_trainer->setDropout(i, m_p.dropout);
  m_trainer->setSpec(trainerSpec());
}

void TrainingLabLesson::refreshBoundary() {
  if (m_boundaryStep == m_trainer->stepCount()) return;
  m_boundaryStep = m_trainer->stepCount();
  const int n = kGrid * kGrid;
  m_gridX.resize(static_cast<size_t>(n) * 2);
  for (int r = 0; r < kGrid; ++r)  // row 0 is the bottom (smallest y), as the field texture expects
    for (int c = 0; c < kGrid; ++c) {
      m_gridX[(r * kGrid + c) * 2] = float(m_view[0] + (m_view[1] - m_view[0]) * c / (kGrid - 1));
      m_gridX[(r * kGrid + c) * 2 + 1] = float(m_view[2] + (m_view[3] - m_view[2]) * r / (kGrid - 1));
    }
  m_grid.resize(n);
  m_trainer->predict(m_gridX.data(), n, m_grid.data());
  for (float& v : m_grid) v = std::isfinite(v) ? 1.0f / (1.0f + std::exp(-v)) : NAN;  // logit → probability
  m_boundary.setField(kGrid, m_grid.data());
}

void TrainingLabLesson::checkDiverged() {
  // A mean cross-entropy above 100 means logits of hundreds on the wrong side; an epoch at three times the loss of
  // guessing (ln 2 for two balanced classes) is confidently wrong: the steps are too large to settle.
  if (m_trainer->blownUp(100.0, 3.0 * std::log(2.0))) {
    m_diverged = true;
    setPlaying(false);
  }
}

void TrainingLabLesson::train(int steps) {
  if (m_diverged || m_trainer->finished()) return;
  m_trainer->advance(steps);
  checkDiverged();
}

void TrainingLabLesson::update(double dt) {
  if (m_diverged || m_trainer->finished()) {
    setPlaying(false);
    return;
  }
  // At the chosen pace, and at most a few milliseconds a frame: the frame stays under 16 ms on a software renderer.
  const int perEpoch = std::max(1, (m_trainer->trainSet().size() + m_p.batch - 1) / m_p.batch);
  m_trainer->advance(m_pace.steps(dt, perEpoch), 0.002);
  checkDiverged();
  if (++m_framesSinceRefresh >= 12) {  // the boundary texture is re-rendered about five times a second
    m_framesSinceRefresh = 0;
    refreshBoundary();
  }
}

void TrainingLabLesson::keepRun() {
  mirrorHistory();
  if (m_current.epoch.empty()) return;
  m_current.label = runLabel();
  m_kept.push_back(m_current);
  if (m_kept.size() > 4) m_kept.erase(m_kept.begin());
}

void TrainingLabLesson::reset() {
  setPlaying(false);
  rebuild();
}

std::string TrainingLabLesson::runLabel() const {
  std::string s = kOptimizers[m_p.optimizer];
  char buf[64];
  if (m_p.l1 > 0) std::snprintf(buf, sizeof buf, " L1=%g", m_p.l1), s += buf;
  if (m_p.l2 > 0) std::snprintf(buf, sizeof buf, " L2=%g", m_p.l2), s += buf;
  if (m_p.weightDecay > 0) std::snprintf(buf, sizeof buf, " wd=%g", m_p.weightDecay), s += buf;
  if (m_p.dropout > 0) std::snprintf(buf, sizeof buf, " drop=%.2g", m_p.dropout), s += buf;
  if (m_p.batchNorm) s += " BN";
  if (m_p.earlyStopping) s += " ES";
  if (m_p.inputNoise > 0) std::snprintf(buf, sizeof buf, " noise=%.2g", m_p.inputNoise), s += buf;
  return s;
}

nlohmann::json TrainingLabLesson::params() const {
  return {{"dataset", kDatasets[m_p.dataset]},
          {"noise", m_p.noise},
          {"samples", m_p.samples},
          {"validation", m_p.validation},
          {"layers", m_p.layers},
          {"width", m_p.width},
          {"activation", kActivations[m_p.activation]},
          {"optimizer", kOptimizers[m_p.optimizer]},
          {"lr", m_p.lr},
          {"batch", m_p.batch},
          {"l1", m_p.l1},
          {"l2", m_p.l2},
          {"weight_decay", m_p.weightDecay},
          {"dropout", m_p.dropout},
          {"batch_norm", m_p.batchNorm},
          {"early_stopping", m_p.earlyStopping},
          {"patience", m_p.patience},
          {"input_noise", m_p.inputNoise},
          {"seed", m_p.seed},
          {"log_scale", m_p.logScale},
          {"pretrain", m_p.pretrain},
          {"speed", m_pace.unlimited() ? nlohmann::json("max") : nlohmann::json(m_pace.epochsPerSecond())},
          {"added_points", addedPointsJson()}};
}

nlohmann::json TrainingLabLesson::addedPointsJson() const {
  nlohmann::json a = nlohmann::json::array();
  for (const AddedPoint& p : m_added) a.push_back({p.x, p.y, p.label > 0.5f ? 1 : 0});
  return a;
}

void TrainingLabLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                  std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.readChoice("dataset", p.dataset, {kDatasets[0], kDatasets[1], kDatasets[2], kDatasets[3], kDatasets[4]});
  r.read("noise", p.noise, 0.0f, 1.0f);
  r.read("samples", p.samples, 20, 1000);
  r.read("validation", p.validation, 0.1f, 0.8f);
  r.read("layers", p.layers, 1, 4);
  r.read("width", p.width, 1, 32);
  r.readChoice("activation", p.activation, {kActivations[0], kActivations[1], kActivations[2]});
  r.readChoice("optimizer", p.optimizer, {kOptimizers[0], kOptimizers[1], kOptimizers[2], kOptimizers[3]});
  r.read("lr", p.lr, 1e-4, 10.0);
  r.read("batch", p.batch, 1, 128);
  r.read("l1", p.l1, 0.0, 0.1);
  r.read("l2", p.l2, 0.0, 0.1);
  r.read("weight_decay", p.weightDecay, 0.0, 0.5);
  r.read("dropout", p.dropout, 0.0f, 0.9f);
  r.read("batch_norm", p.batchNorm);
  r.read("early_stopping", p.earlyStopping);
  r.read("patience", p.patience, 1, 200);
  r.read("input_noise", p.inputNoise, 0.0f, 0.5f);
  r.read("seed", p.seed, 0, 1000000);
  r.read("log_scale", p.logScale);
  r.read("pretrain", p.pretrain, 0, 1000);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  std::vector<AddedPoint> added = m_added;
  r.readByLesson("added_points");
  if (j.is_object() && j.contains("added_points") && !readAddedPoints(j["added_points"], added, errors)) return;
  if (!r.finish()) return;
  setPlaying(false);
  m_p = p;
  m_pace.set(speed);
  m_added = std::move(added);
  rebuild();
  // The warm epochs of rebuild() count towards pretrain: a scene of 150 epochs opens at epoch 150.
  if (m_p.pretrain > kWarmEpochs) {
    m_trainer->runEpochs(m_p.pretrain - kWarmEpochs);
    checkDiverged();
    refreshBoundary();
  }
}

nlohmann::json TrainingLabLesson::benchStats() const {
  return {{"train_steps", m_trainer->stepCount()},
          {"epochs", m_trainer->epoch()},
          {"diverged", m_diverged},
          {"history_records", m_trainer->steps().size() + m_trainer->epochs().size()}};
}

void TrainingLabLesson::interact(int frame) {
  // The main parameter, the L2 strength, changes every frame while training runs.
  m_p.l2 = (frame / 10) % 2 ? 1e-3 : 0.0;
  applyLive();
  setPlaying(true);  // the app calls update() for this frame
}

bool TrainingLabLesson::readAddedPoints(const nlohmann::json& a, std::vector<AddedPoint>& out,
                                        std::vector<std::string>& errors) {
  // [[x, y, class], ...]: at most 1000 points, coordinates within ±100, class 0 or 1.
  auto bad = [&] {
    errors.push_back("'added_points' must be a list of at most 1000 [x, y, class] with |x|, |y| <= 100 and class 0 or 1");
    return false;
  };
  if (!a.is_array() || a.size() > 1000) return bad();
  std::vector<AddedPoint> pts;
  for (const nlohmann::json& e : a) {
    if (!e.is_array() || e.size() != 3 || !e[0].is_number() || !e[1].is_number() || !e[2].is_number_integer())
      return bad();
    const double x = e[0].get<double>(), y = e[1].get<double>();
    const long long c = e[2].get<long long>();
    if (!(std::fabs(x) <= 100) || !(std::fabs(y) <= 100) || (c != 0 && c != 1)) return bad();
    pts.push_back({static_cast<float>(x), static_cast<float>(y), static_cast<float>(c)});
  }
  out = std::move(pts);
  return true;
}

void TrainingLabLesson::clearPoints() {
  m_added.clear();
  rebuild();
}

void TrainingLabLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.samples = 20, p.layers = 1, p.width = 1, p.batch = 1, m_pace.set(TrainingPace::kMin); break;
    case 1: p.samples = 1000, p.layers = 4, p.width = 32, p.batch = 128, p.dataset = 3, m_pace.set(0.0); break;
    case 2: p.lr = 10.0, p.optimizer = 0; break;  // diverges: reported, not plotted
    case 3: p.lr = 1e-4, p.noise = 1.0f; break;
    case 4: p.l1 = 0.1, p.l2 = 0.1, p.weightDecay = 0.5; break;
    case 5: p.dropout = 0.9f, p.batchNorm = true, p.activation = 2; break;
    case 6: p.earlyStopping = true, p.patience = 1, p.validation = 0.8f; break;
    case 7: p.inputNoise = 0.5f, p.validation = 0.1f, p.dataset = 4; break;
    case 8: p.noise = 0.0f, p.dataset = 1, p.optimizer = 1, p.logScale = false; break;
    default: p.seed = 1000000, p.optimizer = 2, p.activation = 0; break;
  }
  setPlaying(false);
  m_p = p;
  rebuild();
  train(200);
}

// [SECTION] Controls

void TrainingLabLesson::drawControls(LessonContext& ctx) {
  bool rebuildNeeded = false, live = false;
  if (button(ctx.tr("training-lab.step")))
    train(std::max(1, (m_trainer->trainSet().size() + m_p.batch - 1) / m_p.batch));
  if (fitsOnThisLine(ctx.tr("training-lab.keep"))) ImGui::SameLine();
  if (button(ctx.tr("training-lab.keep"))) keepRun();
  itemTooltip(ctx.tr("training-lab.keep.tip"));
  if (!m_kept.empty()) {
    if (fitsOnThisLine(ctx.tr("training-lab.clear"))) ImGui::SameLine();
    if (button(ctx.tr("training-lab.clear"))) m_kept.clear();
  }
  m_pace.control(ctx);

  sectionHeader(ctx.tr("training-lab.data"));
  if (!m_added.empty()) {
    char label[96];
    if (m_added.size() == 1)
      std::snprintf(label, sizeof label, "%s", ctx.tr("training-lab.clearpoints1"));
    else
      std::snprintf(label, sizeof label, ctx.tr("training-lab.clearpoints"), static_cast<int>(m_added.size()));
    if (button(label)) clearPoints();
    tip(ctx, "training-lab.clearpoints.tip");
  }
  rebuildNeeded |= translatedCombo(ctx, ctx.tr("training-lab.dataset"), m_p.dataset,
                                   {"training-lab.ds.circle", "training-lab.ds.xor", "training-lab.ds.gaussians",
                                    "training-lab.ds.spiral", "training-lab.ds.moons"});
  itemTooltip(ctx.tr("training-lab.dataset.tip"));
  rebuildNeeded |= sliderFloat(ctx, ctx.tr("training-lab.noise"), m_p.noise, 0.0f, 1.0f, "%.2f");
  itemTooltip(ctx.tr("training-lab.noise.tip"));
  rebuildNeeded |= sliderInt(ctx, ctx.tr("training-lab.samples"), m_p.samples, 20, 1000);
  itemTooltip(ctx.tr("training-lab.samples.tip"));
  rebuildNeeded |= sliderFloat(ctx, ctx.tr("training-lab.validation"), m_p.validation, 0.1f, 0.8f, "%.2f");
  itemTooltip(ctx.tr("training-lab.validation.tip"));

  sectionHeader(ctx.tr("training-lab.net"));
  rebuildNeeded |= sliderInt(ctx, ctx.tr("training-lab.layers"), m_p.layers, 1, 4);
  itemTooltip(ctx.tr("training-lab.layers.tip"));
  rebuildNeeded |= sliderInt(ctx, ctx.tr("training-lab.width"), m_p.width, 1, 32);
  itemTooltip(ctx.tr("training-lab.width.tip"));
  int act = m_p.activation;
  if (combo(ctx.tr("training-lab.activation"), &act, kActivations, 3)) m_p.activation = act, rebuildNeeded = true;
  itemTooltip(ctx.tr("training-lab.activation.tip"));
  rebuildNeeded |= checkbox(ctx.tr("training-lab.bn"), &m_p.batchNorm);
  itemTooltip(ctx.tr("training-lab.bn.tip"));

  sectionHeader(ctx.tr("training-lab.opt"));
  int opt = m_p.optimizer;
  if (translatedCombo(ctx, ctx.tr("training-lab.optimizer"), opt,
                      {"training-lab.param.optimizer.sgd", "training-lab.param.optimizer.momentum",
                       "training-lab.param.optimizer.adam", "training-lab.param.optimizer.adamw"}))
    m_p.optimizer = opt, live = true;
  itemTooltip(ctx.tr("training-lab.optimizer.tip"));
  live |= logSlider(ctx, ctx.tr("training-lab.lr"), m_p.lr, 1e-4, 10.0, false);
  itemTooltip(ctx.tr("training-lab.lr.tip"));
  if (sliderInt(ctx, ctx.tr("training-lab.batch"), m_p.batch, 1, 128)) live = true;
  itemTooltip(ctx.tr("training-lab.batch.tip"));

  sectionHeader(ctx.tr("training-lab.reg"));
  live |= logSlider(ctx, ctx.tr("training-lab.l1"), m_p.l1, 1e-5, 0.1, true, ctx.tr("slider.off"));
  itemTooltip(ctx.tr("training-lab.l1.tip"));
  live |= logSlider(ctx, ctx.tr("training-lab.l2"), m_p.l2, 1e-5, 0.1, true, ctx.tr("slider.off"));
  itemTooltip(ctx.tr("training-lab.l2.tip"));
  live |= logSlider(ctx, ctx.tr("training-lab.wd"), m_p.weightDecay, 1e-4, 0.5, true, ctx.tr("slider.off"));
  itemTooltip(ctx.tr("training-lab.wd.tip"));
  live |= sliderFloat(ctx, ctx.tr("training-lab.dropout"), m_p.dropout, 0.0f, 0.9f, "%.2f");
  itemTooltip(ctx.tr("training-lab.dropout.tip"));
  if (m_p.batchNorm && m_p.dropout > 0) wrappedTextDisabled(ctx.tr("training-lab.varshift"));
  live |= sliderFloat(ctx, ctx.tr("training-lab.inputnoise"), m_p.inputNoise, 0.0f, 0.5f, "%.2f");
  itemTooltip(ctx.tr("training-lab.inputnoise.tip"));
  live |= checkbox(ctx.tr("training-lab.es"), &m_p.earlyStopping);
  itemTooltip(ctx.tr("training-lab.es.tip"));
  if (m_p.earlyStopping) live |= sliderInt(ctx, ctx.tr("training-lab.patience"), m_p.patience, 1, 200);

  ImGui::Spacing();
  checkbox(ctx.tr("training-lab.log"), &m_p.logScale);
  rebuildNeeded |= ImGui::InputInt(ctx.tr("training-lab.seed"), &m_p.seed);
  m_p.seed = std::clamp(m_p.seed, 0, 1000000);
  itemTooltip(ctx.tr("training-lab.seed.tip"));

  if (rebuildNeeded) {
    rebuild();
  } else if (live) {
    applyLive();
  }
}

// [SECTION] Canvas and formula

void TrainingLabLesson::mirrorHistory() {
  // Keep the curves in step with the trainer's epochs.
  const auto& epochs = m_trainer->epochs();
  if (m_trainer->historyGeneration() != m_mirrorGeneration) {  // reset, or the history was thinned: copy anew
    m_mirrorGeneration = m_trainer->historyGeneration();
    m_current.epoch.clear(), m_current.train.clear(), m_current.validation.clear();
    m_accTrain.clear(), m_accVal.clear();
  }
  while (m_current.epoch.size() < epochs.size()) {
    const core::EpochRecord& e = epochs[m_current.epoch.size()];
    m_current.epoch.push_back(e.epoch);
    m_current.train.push_back(e.train.total());
    m_current.validation.push_back(e.validation.total());
    m_accTrain.push_back(e.trainAccuracy);
    m_accVal.push_back(e.validationAccuracy);
  }
}

void TrainingLabLesson::drawCanvas(LessonContext& ctx) {
  mirrorHistory();
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
  auto toScreen = [&](const float* pt) {
    return ImVec2(p0.x + float((pt[0] - m_view[0]) / (m_view[1] - m_view[0])) * side,
                  p1.y - float((pt[1] - m_view[2]) / (m_view[3] - m_view[2])) * side);
  };
  // The diverging map shows class 0 blue and class 1 red-orange: the points use the same two hues.
  const ImU32 colors[2] = {IM_COL32(33, 102, 172, 255), IM_COL32(214, 96, 77, 255)};
  const float r = 4.0f * ctx.scale;
  const core::LabeledData& train = m_trainer->trainSet();
  dl->PushClipRect(p0, p1, true);
  for (int i = 0; i < train.size(); ++i) {
    const ImVec2 c = toScreen(train.row(i));
    // A white rim under a smaller disc looks like a 1-pixel outline, as two quads (drawDisc) instead of ~80
    // triangles of anti-aliased polygon and stroke: a thousand points stay cheap on a software rasterizer.
    drawDisc(dl, c, r + 0.5f, IM_COL32(255, 255, 255, 230));
    drawDisc(dl, c, r - 0.5f, colors[train.y[i] > 0.5f]);
  }
  const core::LabeledData& val = m_trainer->validationSet();
  for (int i = 0; i < val.size(); ++i)
    dl->AddCircle(toScreen(val.row(i)), r, colors[val.y[i] > 0.5f], 12, 2.0f * ctx.scale);
  dl->PopClipRect();
  // Click to add a training point: left = class 1, right = class 0. Kept through Restart (Clear points removes them).
  if (ImGui::IsItemHovered()) {
    itemTooltip(ctx.tr("training-lab.click.tip"));
    const bool left = ImGui::IsMouseClicked(ImGuiMouseButton_Left), right = ImGui::IsMouseClicked(ImGuiMouseButton_Right);
    if (left || right) {
      const ImVec2 m = ImGui::GetIO().MousePos;
      const float pt[2] = {float(m_view[0] + (m.x - p0.x) / side * (m_view[1] - m_view[0])),
                           float(m_view[2] + (p1.y - m.y) / side * (m_view[3] - m_view[2]))};
      addPoint(pt[0], pt[1], left ? 1.0f : 0.0f);
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
  for (size_t k = 0; k < m_kept.size(); ++k) {
    SeriesStyle ghost;
    ghost.dashed = true;
    ghost.color = plotColor(static_cast<int>(2 + k), 0.8f);
    const int n = static_cast<int>(m_kept[k].epoch.size());
    m_lossPlot.line(m_kept[k].label.c_str(), m_kept[k].epoch.data(), m_kept[k].validation.data(), n, ghost);
  }
  SeriesStyle tr, va;
  tr.color = plotColor(0);
  va.color = plotColor(1);
  const int n = static_cast<int>(m_current.epoch.size());
  m_lossPlot.line(ctx.tr("training-lab.train"), m_current.epoch.data(), m_current.train.data(), n, tr);
  m_lossPlot.line(ctx.tr("training-lab.val"), m_current.epoch.data(), m_current.validation.data(), n, va);
  if (m_trainer->bestEpoch() >= 0 && m_p.earlyStopping) {
    SeriesStyle best;
    best.dashed = true;
    best.color = plotColor(7);
    m_lossPlot.vline("##best", m_trainer->bestEpoch(), best);
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
  const int n = static_cast<int>(m_accTrain.size());
  SeriesStyle tr, va;
  tr.color = plotColor(0);
  va.color = plotColor(1);
  m_accPlot.line(ctx.tr("training-lab.train"), m_current.epoch.data(), m_accTrain.data(), n, tr);
  m_accPlot.line(ctx.tr("training-lab.val"), m_current.epoch.data(), m_accVal.data(), n, va);
  m_accPlot.end();
}

void TrainingLabLesson::addPoint(float x, float y, float label) {
  m_added.push_back({x, y, label});
  core::LabeledData t = m_trainer->trainSet(), v = m_trainer->validationSet();
  const float pt[2] = {x, y};
  t.add(pt, label);
  m_trainer->setData(std::move(t), std::move(v));
  m_boundaryStep = -1;
}

void TrainingLabLesson::drawFormula(LessonContext& ctx) {
  if (m_diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("training-lab.diverged"));
    ImGui::PopStyleColor();
  } else if (m_trainer->finished()) {
    char buf[256];
    std::snprintf(buf, sizeof buf, ctx.tr("training-lab.stopped"), m_trainer->bestEpoch());
    wrappedText(buf);
  }
  char status[128];
  std::snprintf(status, sizeof status, ctx.tr("training-lab.status"), m_trainer->epoch(),
                static_cast<long long>(m_trainer->stepCount()));
  wrappedTextDisabled(status);
  wrappedTextDisabled(ctx.tr("training-lab.objective"));
  wrappedText("L = (1/B) Σ BCE(f(x), y) + λ₁ Σ|w| + (λ₂/2) Σ w²");
  if (!m_trainer->steps().empty()) {
    const core::LossParts& l = m_trainer->lastStep().loss;
    formulaText("  = %.4f + %.4f + %.4f = %.4f", l.data, l.l1, l.l2, l.total());
  }
  static const char* updates[] = {"w ← w − η (∇L + λ w)", "v ← μ v + ∇L;  w ← w − η (v + λ w)",
                                  "w ← w − η (m̂ / (√v̂ + ε) + λ w)", "w ← w − η (m̂ / (√v̂ + ε) + λ w)"};
  wrappedText(updates[m_p.optimizer]);
  formulaText(ctx.tr("training-lab.f.rates"), m_p.lr, m_p.weightDecay);
}

std::string TrainingLabLesson::formulaLatex() const {
  core::LossParts l;
  if (!m_trainer->steps().empty()) l = m_trainer->lastStep().loss;
  return "L = \\frac{1}{B}\\sum_{i=1}^{B} \\mathrm{BCE}(f(x_i), y_i) + \\lambda_1 \\sum |w| + \\frac{\\lambda_2}{2}\\sum w^2 = " +
         latexNumber(l.data) + " + " + latexNumber(l.l1) + " + " + latexNumber(l.l2) + " = " + latexNumber(l.total()) +
         ",\\quad \\lambda_1 = " + latexNumber(m_p.l1) + ",\\ \\lambda_2 = " + latexNumber(m_p.l2) +
         ",\\ \\eta = " + latexNumber(m_p.lr);
}

}  // namespace nr::app
