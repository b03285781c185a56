// pruning — train a small MLP, then zero its smallest weights. The teaching choices: the histogram shows the
// trained weights split at the threshold (everything left of τ on the log-|w| axis is cut), the accuracy curve is
// computed once per trained state over the whole sparsity range so the slider only moves a marker on it, and an L1
// net trained beside it shows that a penalty piles weights near 0 but (under a subgradient optimizer) not at 0 —
// the magnitude threshold still has to do the cutting, and it costs the L1 net less accuracy.
//
// [SECTION] Playing
// [SECTION] Scenes and tests
// [SECTION] Controls
// (The numbers: pruning_model.cpp; canvas and formula: pruning_canvas.cpp)

#include "lessons/pruning.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "lessons/controls.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] Playing

PruningLesson::PruningLesson() = default;
PruningLesson::~PruningLesson() = default;

void PruningLesson::stopIf(bool stop) {
  if (stop) setPlaying(false);
}

void PruningLesson::update(double dt) {
  if (m_model.diverged() || m_model.stage() == Stage::FineTuned) {
    setPlaying(false);
    return;
  }
  if (m_model.stage() == Stage::Pruned) m_model.startFineTune();
  // At the chosen pace, and at most a few milliseconds of training per frame: the frame stays well under 16 ms on a
  // software renderer.
  stopIf(m_model.trainFor(0.002, 1 << 20, m_pace.steps(dt, m_model.stepsPerEpoch())));
  if (++m_framesSinceRefresh >= 10 && m_model.stage() == Stage::Training) {
    m_framesSinceRefresh = 0;
    m_model.prune();  // the histogram and threshold follow the training weights a few times a second
  }
}

void PruningLesson::finishTraining() { stopIf(m_model.finishTraining()); }
void PruningLesson::fineTune(int epochs) { stopIf(m_model.fineTune(epochs)); }
void PruningLesson::setSparsity(double s) { m_model.setSparsity(s); }

void PruningLesson::reset() {
  setPlaying(false);
  m_pace.set(m_pace.defaultValue());
  m_model.rebuild(Params{});
}

// [SECTION] Scenes and tests

const ParamTable<PruningLesson::Params>& PruningLesson::table() {
  // lr reaches 10 so a student can watch Adam blow up (reported, not plotted).
  static const auto t = ParamTable<Params>()
      .real("sparsity", &Params::sparsity, 0.0, 0.99).percent().label("pruning.sparsity").tip("pruning.sparsity.tip")
      .choice("scope", &Params::scope, {"global", "per_layer"}, {"pruning.global", "pruning.perlayer"})
          .label("pruning.scope").tip("pruning.scope.tip")
      .integer("finetune_epochs", &Params::fineTuneEpochs, 5, 200).label("pruning.ftepochs").tip("pruning.ftepochs.tip")
      .boolean("log_histogram", &Params::logHistogram).label("pruning.loghist").tip("pruning.loghist.tip")
      .real("lr", &Params::lr, 1e-4, 10.0).log().label("pruning.lr").tip("pruning.lr.tip")
      .integer("epochs", &Params::epochs, 20, 400).label("pruning.epochs").tip("pruning.epochs.tip")
      .real("l1", &Params::l1, 1e-5, 0.1).log().label("pruning.l1").tip("pruning.l1.tip")
      .choice("dataset", &Params::dataset, {"circle", "xor", "gaussians", "spiral", "moons"},
              {"pruning.ds.circle", "pruning.ds.xor", "pruning.ds.gaussians", "pruning.ds.spiral", "pruning.ds.moons"})
          .label("pruning.dataset").tip("pruning.dataset.tip")
      .integer("width", &Params::width, 8, 64).label("pruning.width").tip("pruning.width.tip")
      .integer("seed", &Params::seed, 0, 1000000).input().label("pruning.seed").tip("pruning.seed.tip")
      // Scenes only: open fine-tuned (or trained). The all-low step fine-tunes (the smallest net through every
      // stage); the all-high one trains at lr = 10, diverges, and is reported. pretrain comes last, so the last
      // step (pretrain on) leaves the lesson away from its defaults.
      .boolean("finetune", &Params::finetune).hidden().extremes({1, 0})
      .boolean("pretrain", &Params::pretrain).hidden();
  return t;
}

nlohmann::json PruningLesson::params() const {
  nlohmann::json j;
  table().write(m_model.params(), j);
  m_pace.write(j);
  return j;
}

void PruningLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                              std::vector<std::string>& errors) {
  Params p = m_model.params();
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  double speed = m_pace.epochsPerSecond();
  r.readSpeed("speed", speed, TrainingPace::kMin, TrainingPace::kMax);
  if (!r.finish()) return;
  setPlaying(false);
  m_pace.set(speed);
  m_model.rebuild(p);
  if (p.pretrain || p.finetune) finishTraining();
  if (p.finetune) fineTune(p.fineTuneEpochs);
}

void PruningLesson::interact(int frame) {
  // The main parameter, the sparsity, sweeps while training (then fine-tuning) runs.
  setSparsity(0.99 * ((frame * 7) % 100) / 100.0);
  setPlaying(true);
}

// [SECTION] Controls

void PruningLesson::drawControls(LessonContext& ctx) {
  if (m_model.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("pruning.diverged"));
    ImGui::PopStyleColor();
    if (button(ctx.tr("pruning.reset"))) reset();
  }
  drawRunControls(ctx);
  drawSettings(ctx);
}

/// Step, Finish or Fine-tune, the pace, and a line saying where the run is.
void PruningLesson::drawRunControls(LessonContext& ctx) {
  const Stage stage = m_model.stage();
  const bool diverged = m_model.diverged();
  ImGui::BeginDisabled(diverged || stage == Stage::FineTuned);
  if (button(ctx.tr("pruning.step"))) {
    if (stage == Stage::Training) {
      stopIf(m_model.trainFor(1e30, 1));
      // The histogram and threshold follow the step.
      if (m_model.stage() == Stage::Training && !m_model.diverged()) m_model.prune();
    } else {
      fineTune(1);  // after training, a step is one epoch of fine-tuning
    }
  }
  ImGui::EndDisabled();
  tip(ctx, "pruning.step.tip");
  if (stage == Stage::Training) {
    if (fitsOnThisLine(ctx.tr("pruning.finish"))) ImGui::SameLine();
    ImGui::BeginDisabled(diverged);
    if (button(ctx.tr("pruning.finish"))) finishTraining();
    ImGui::EndDisabled();
    tip(ctx, "pruning.finish.tip");
  } else {
    if (fitsOnThisLine(ctx.tr("pruning.finetune"))) ImGui::SameLine();
    ImGui::BeginDisabled(diverged || m_model.stage() == Stage::FineTuning);
    if (button(ctx.tr("pruning.finetune"))) {
      if (m_model.stage() == Stage::FineTuned) m_model.prune();
      m_model.startFineTune();
      setPlaying(true);
    }
    ImGui::EndDisabled();
    tip(ctx, "pruning.finetune.tip");
  }
  m_pace.control(ctx);
  const Params& p = m_model.params();
  char status[160];
  if (m_model.stage() == Stage::Training)
    std::snprintf(status, sizeof status, ctx.tr("pruning.stage.train"), m_model.trainingEpoch(), p.epochs);
  else if (m_model.stage() == Stage::FineTuning)
    std::snprintf(status, sizeof status, ctx.tr("pruning.stage.tuning"), m_model.fineTuneEpoch(), p.fineTuneEpochs);
  else
    std::snprintf(status, sizeof status, "%s",
                  ctx.tr(m_model.stage() == Stage::Pruned ? "pruning.stage.pruned" : "pruning.stage.tuned"));
  wrappedTextDisabled(status);
}

void PruningLesson::drawSettings(LessonContext& ctx) {
  m_p = m_model.params();
  Params& p = m_p;
  bool rebuildNeeded = false, reprune = false;
  sectionHeader(ctx.tr("pruning.pruning"));
  for (const char* key : {"sparsity", "scope"}) reprune |= table().control(ctx, p, key);
  table().control(ctx, p, "finetune_epochs");
  reprune |= table().control(ctx, p, "log_histogram");
  sectionHeader(ctx.tr("pruning.training"));
  for (const char* key : {"lr", "epochs", "l1"}) rebuildNeeded |= table().control(ctx, p, key);
  sectionHeader(ctx.tr("pruning.data"));
  for (const char* key : {"dataset", "width", "seed"}) rebuildNeeded |= table().control(ctx, p, key);

  if (rebuildNeeded) {
    setPlaying(false);
    m_model.rebuild(p);
  } else if (reprune) {
    m_model.reprune(p);
  } else {
    m_model.setFineTuneEpochs(p.fineTuneEpochs);
  }
}

}  // namespace nr::app
