// training-lab — a small MLP trained live on a 2-D data set; every regularizer is a toggle that applies without a
// reset. The teaching choice: the validation curve beside the training curve, and kept runs as dashed ghosts, so
// "what did L2 / dropout / early stopping change" is read off one plot. Training advances within a few
// milliseconds per frame (nr::core::Trainer::advance with a time budget), so the UI never stutters.
//
// [SECTION] Training
// [SECTION] Parameters
// [SECTION] Controls
// (the canvas and the formula: training_lab_canvas.cpp; the numbers: training_lab_model.cpp)

#include "lessons/training_lab.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] Training

TrainingLabLesson::TrainingLabLesson() { rebuild(); }
TrainingLabLesson::~TrainingLabLesson() = default;

void TrainingLabLesson::rebuild() {
  m_pace.restart();
  // The lesson opens (and restarts) with its first epochs drawn, so a projector never shows empty plots.
  m_model.rebuild(m_p, kWarmEpochs);
  stopIfDiverged();
  refreshBoundary();
}

void TrainingLabLesson::applyLive() { m_model.applyLive(m_p); }

void TrainingLabLesson::refreshBoundary() {
  if (m_model.refreshBoundary()) m_boundary.setField(TrainingLabModel::kGrid, m_model.boundary().data());
}

void TrainingLabLesson::stopIfDiverged() {
  if (m_model.diverged()) setPlaying(false);
}

void TrainingLabLesson::train(int steps) {
  m_model.train(steps);
  stopIfDiverged();
}

void TrainingLabLesson::update(double dt) {
  if (m_model.halted()) {
    setPlaying(false);
    return;
  }
  // At the chosen pace, and at most a few milliseconds a frame: the frame stays under 16 ms on a software renderer.
  m_model.train(m_pace.steps(dt, m_model.stepsPerEpoch()), 0.002);
  stopIfDiverged();
  if (++m_framesSinceRefresh >= 12) {  // the boundary texture is re-rendered about five times a second
    m_framesSinceRefresh = 0;
    refreshBoundary();
  }
}

void TrainingLabLesson::keepRun() { m_model.keepRun(TrainingLabModel::runLabel(m_p)); }

void TrainingLabLesson::reset() {
  setPlaying(false);
  rebuild();
}

void TrainingLabLesson::clearPoints() {
  m_model.clearPoints();
  rebuild();
}

// [SECTION] Parameters

const ParamTable<TrainingLabLesson::Params>& TrainingLabLesson::table() {
  using M = TrainingLabModel;
  // Every control is the table's. Pretrain is for scenes only; its extremes stay small, as every extreme step
  // trains that long on load.
  static const auto t = ParamTable<Params>()
      .choice("dataset", &Params::dataset, {M::kDatasets.begin(), M::kDatasets.end()},
              {"training-lab.ds.circle", "training-lab.ds.xor", "training-lab.ds.gaussians", "training-lab.ds.spiral",
               "training-lab.ds.moons"})
      .label("training-lab.dataset").tip("training-lab.dataset.tip")
      .real("noise", &Params::noise, 0.0, 1.0).format("%.2f").label("training-lab.noise").tip("training-lab.noise.tip")
      .integer("samples", &Params::samples, 20, 1000).label("training-lab.samples").tip("training-lab.samples.tip")
      .real("validation", &Params::validation, 0.1, 0.8).format("%.2f")
      .label("training-lab.validation").tip("training-lab.validation.tip")
      .integer("layers", &Params::layers, 1, 4).label("training-lab.layers").tip("training-lab.layers.tip")
      .integer("width", &Params::width, 1, 32).label("training-lab.width").tip("training-lab.width.tip")
      .choice("activation", &Params::activation, {M::kActivations.begin(), M::kActivations.end()},
              {"training-lab.param.activation.relu", "training-lab.param.activation.tanh",
               "training-lab.param.activation.sigmoid"})
      .label("training-lab.activation").tip("training-lab.activation.tip")
      .choice("optimizer", &Params::optimizer, {M::kOptimizers.begin(), M::kOptimizers.end()},
              {"training-lab.param.optimizer.sgd", "training-lab.param.optimizer.momentum",
               "training-lab.param.optimizer.adam", "training-lab.param.optimizer.adamw"})
      .label("training-lab.optimizer").tip("training-lab.optimizer.tip")
      .real("lr", &Params::lr, 1e-4, 10.0).log().label("training-lab.lr").tip("training-lab.lr.tip")
      .integer("batch", &Params::batch, 1, 128).label("training-lab.batch").tip("training-lab.batch.tip")
      .real("l1", &Params::l1, 1e-5, 0.1).logOrZero("slider.off").label("training-lab.l1").tip("training-lab.l1.tip")
      .real("l2", &Params::l2, 1e-5, 0.1).logOrZero("slider.off").label("training-lab.l2").tip("training-lab.l2.tip")
      .real("weight_decay", &Params::weightDecay, 1e-4, 0.5).logOrZero("slider.off")
      .label("training-lab.wd").tip("training-lab.wd.tip")
      .real("dropout", &Params::dropout, 0.0, 0.9).format("%.2f").label("training-lab.dropout").tip("training-lab.dropout.tip")
      .boolean("batch_norm", &Params::batchNorm).label("training-lab.bn").tip("training-lab.bn.tip")
      .boolean("early_stopping", &Params::earlyStopping).label("training-lab.es").tip("training-lab.es.tip")
      .integer("patience", &Params::patience, 1, 200).label("training-lab.patience").tip("training-lab.patience.tip")
      .real("input_noise", &Params::inputNoise, 0.0, 0.5).format("%.2f")
      .label("training-lab.inputnoise").tip("training-lab.inputnoise.tip")
      .integer("seed", &Params::seed, 0, 1000000).input().label("training-lab.seed").tip("training-lab.seed.tip")
      .boolean("log_scale", &Params::logScale).label("training-lab.log").tip("training-lab.log.tip")
      .integer("pretrain", &Params::pretrain, 0, 1000).hidden().extremes({0, 20});
  return t;
}

nlohmann::json TrainingLabLesson::params() const {
  nlohmann::json j;
  table().write(m_p, j);
  m_pace.write(j);
  j["added_points"] = addedPointsJson();
  return j;
}

nlohmann::json TrainingLabLesson::addedPointsJson() const {
  nlohmann::json a = nlohmann::json::array();
  for (const TrainingLabModel::AddedPoint& p : m_model.addedPoints()) a.push_back({p.x, p.y, p.label > 0.5f ? 1 : 0});
  return a;
}

void TrainingLabLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                  std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  std::vector<TrainingLabModel::AddedPoint> added = m_model.addedPoints();
  r.readByLesson("added_points");
  if (j.is_object() && j.contains("added_points") && !readAddedPoints(j["added_points"], added, errors)) return;
  if (!r.finish()) return;
  setPlaying(false);
  m_p = p;
  m_pace.set(speed);
  m_model.setAddedPoints(std::move(added));
  rebuild();
  // The warm epochs of rebuild() count towards pretrain: a scene of 150 epochs opens at epoch 150.
  if (m_p.pretrain > kWarmEpochs) {
    m_model.trainEpochs(m_p.pretrain - kWarmEpochs);
    stopIfDiverged();
    refreshBoundary();
  }
}

bool TrainingLabLesson::readAddedPoints(const nlohmann::json& a, std::vector<TrainingLabModel::AddedPoint>& out,
                                        std::vector<std::string>& errors) {
  // [[x, y, class], ...]: at most 1000 points, coordinates within ±100, class 0 or 1.
  auto bad = [&] {
    errors.push_back("'added_points' must be a list of at most 1000 [x, y, class] with |x|, |y| <= 100 and class 0 or 1");
    return false;
  };
  if (!a.is_array() || a.size() > 1000) return bad();
  std::vector<TrainingLabModel::AddedPoint> pts;
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

nlohmann::json TrainingLabLesson::benchStats() const {
  const core::Trainer& t = m_model.trainer();
  return {{"train_steps", t.stepCount()},
          {"epochs", t.epoch()},
          {"diverged", m_model.diverged()},
          {"history_records", t.steps().size() + t.epochs().size()}};
}

void TrainingLabLesson::interact(int frame) {
  // The main parameter, the L2 strength, changes every frame while training runs.
  m_p.l2 = (frame / 10) % 2 ? 1e-3 : 0.0;
  applyLive();
  setPlaying(true);  // the app calls update() for this frame
}

// [SECTION] Controls

void TrainingLabLesson::drawRunButtons(LessonContext& ctx) {
  if (button(ctx.tr("training-lab.step"))) train(m_model.stepsPerEpoch());
  if (fitsOnThisLine(ctx.tr("training-lab.keep"))) ImGui::SameLine();
  if (button(ctx.tr("training-lab.keep"))) keepRun();
  itemTooltip(ctx.tr("training-lab.keep.tip"));
  if (!m_model.kept().empty()) {
    if (fitsOnThisLine(ctx.tr("training-lab.clear"))) ImGui::SameLine();
    if (button(ctx.tr("training-lab.clear"))) m_model.clearKept();
  }
  m_pace.control(ctx);
}

bool TrainingLabLesson::drawDataAndNetControls(LessonContext& ctx) {
  bool rebuildNeeded = false;
  sectionHeader(ctx.tr("training-lab.data"));
  if (const int added = static_cast<int>(m_model.addedPoints().size()); added > 0) {
    char label[96];
    if (added == 1)
      std::snprintf(label, sizeof label, "%s", ctx.tr("training-lab.clearpoints1"));
    else
      std::snprintf(label, sizeof label, ctx.tr("training-lab.clearpoints"), added);
    if (button(label)) clearPoints();
    tip(ctx, "training-lab.clearpoints.tip");
  }
  for (const char* key : {"dataset", "noise", "samples", "validation"}) rebuildNeeded |= table().control(ctx, m_p, key);

  sectionHeader(ctx.tr("training-lab.net"));
  for (const char* key : {"layers", "width", "activation", "batch_norm"}) rebuildNeeded |= table().control(ctx, m_p, key);
  return rebuildNeeded;
}

bool TrainingLabLesson::drawTrainingControls(LessonContext& ctx) {
  bool live = false;
  sectionHeader(ctx.tr("training-lab.opt"));
  for (const char* key : {"optimizer", "lr", "batch"}) live |= table().control(ctx, m_p, key);

  sectionHeader(ctx.tr("training-lab.reg"));
  for (const char* key : {"l1", "l2", "weight_decay", "dropout"}) live |= table().control(ctx, m_p, key);
  if (m_p.batchNorm && m_p.dropout > 0) wrappedTextDisabled(ctx.tr("training-lab.varshift"));
  live |= table().control(ctx, m_p, "input_noise");
  live |= table().control(ctx, m_p, "early_stopping");
  if (m_p.earlyStopping) live |= table().control(ctx, m_p, "patience");
  return live;
}

void TrainingLabLesson::drawControls(LessonContext& ctx) {
  drawRunButtons(ctx);
  bool rebuildNeeded = drawDataAndNetControls(ctx);
  const bool live = drawTrainingControls(ctx);
  ImGui::Spacing();
  table().control(ctx, m_p, "log_scale");
  rebuildNeeded |= table().control(ctx, m_p, "seed");
  if (rebuildNeeded) {
    rebuild();
  } else if (live) {
    applyLive();
  }
}

}  // namespace nr::app
