#pragma once
// The numbers behind the training-lab lesson, without any ImGui: the data set and its split (with the points a
// student clicked in), the small MLP and its trainer, the regularizers applied live, the divergence check, the
// decision function on the picture's grid, and the per-epoch curves of the current run and of the kept ghost runs.
// The lesson draws these; tests/lessons/training_lab_model_test.cpp checks them without a GUI.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nr/trainer.h"

namespace nr::app {

class TrainingLabModel {
 public:
  struct Params {
    int dataset = 4;  ///< circle, xor, gaussians, spiral, moons
    float noise = 0.3f;
    int samples = 120;
    float validation = 0.3f;  ///< share of the samples held out
    int layers = 3, width = 16;
    int activation = 1;  ///< relu, tanh, sigmoid
    int optimizer = 3;   ///< sgd, momentum, adam, adamw
    double lr = 0.01;
    int batch = 16;
    double l1 = 0.0, l2 = 0.0, weightDecay = 0.0;
    float dropout = 0.0f;
    bool batchNorm = false;
    bool earlyStopping = false;
    int patience = 20;
    float inputNoise = 0.0f;
    int seed = 1;
    bool logScale = true;
    int pretrain = 0;  ///< epochs trained at once when a scene is loaded (a preset can open already trained)
  };
  /// A training point clicked in (label 0 or 1): kept through Restart and new settings.
  struct AddedPoint {
    float x, y, label;
  };
  /// One run's curves, per epoch.
  struct Run {
    std::string label;
    std::vector<double> epoch, train, validation;
  };
  /// The decision function is sampled on kGrid × kGrid points of the picture.
  static constexpr int kGrid = 64;
  /// At most this many kept runs (the oldest goes first).
  static constexpr int kMaxKept = 4;
  /// The names scenes use for the choices (the activation names are also the combo's items).
  static const std::array<const char*, 5> kDatasets;
  static const std::array<const char*, 3> kActivations;
  static const std::array<const char*, 4> kOptimizers;

  /// New data and a new network from `p` (the clicked-in points join the training set), then `warmEpochs` epochs.
  /// The boundary is left to refreshBoundary().
  void rebuild(const Params& p, int warmEpochs);
  /// Optimizer, penalties, dropout, early stopping and input noise: applied to the running trainer, no reset.
  void applyLive(const Params& p);
  /// Trains `steps` steps now (within `budgetSeconds` of wall-clock time), unless the run diverged or stopped early.
  void train(int steps, double budgetSeconds = 1e30);
  /// Whole epochs at once (a scene's pretrain), then the divergence check.
  void trainEpochs(int epochs);
  /// A mean cross-entropy above 100, or an epoch at three times the loss of guessing: the steps are too large.
  bool diverged() const { return m_diverged; }
  /// Diverged, or stopped by early stopping: training does not continue.
  bool halted() const { return m_diverged || m_trainer->finished(); }
  /// Steps in one epoch at the current batch size.
  int stepsPerEpoch() const;

  /// P(class 1) on the grid (row 0 the bottom), recomputed if the net changed since; true when it was.
  bool refreshBoundary();
  const std::vector<float>& boundary() const { return m_grid; }
  /// xmin, xmax, ymin, ymax of the picture: the data with an 8 % margin, square.
  const std::array<double, 4>& view() const { return m_view; }

  /// Copies new epochs of the trainer's history into the current run's curves.
  void mirrorHistory();
  const Run& current() const { return m_current; }
  const std::vector<double>& trainAccuracy() const { return m_accTrain; }
  const std::vector<double>& validationAccuracy() const { return m_accVal; }
  /// The current run's curves become a ghost labelled with `label` (at most kMaxKept are kept).
  void keepRun(const std::string& label);
  void clearKept() { m_kept.clear(); }
  const std::vector<Run>& kept() const { return m_kept; }
  /// The label of a kept run: the optimizer and every regularizer switched on ("adamw L2=0.001 drop=0.3").
  static std::string runLabel(const Params& p);

  /// A training point clicked in: joins the running trainer's training set now and every rebuilt one.
  void addPoint(float x, float y, float label);
  /// Forgets the clicked-in points (the caller rebuilds).
  void clearPoints() { m_added.clear(); }
  const std::vector<AddedPoint>& addedPoints() const { return m_added; }
  void setAddedPoints(std::vector<AddedPoint> points) { m_added = std::move(points); }

  const core::Trainer& trainer() const { return *m_trainer; }

  static core::MlpSpec netSpec(const Params& p);
  static core::OptimizerSpec optimizerSpec(const Params& p);
  static core::TrainerSpec trainerSpec(const Params& p);

 private:
  void checkDiverged();

  std::unique_ptr<core::Trainer> m_trainer;
  int m_batch = 16;
  bool m_diverged = false;
  std::vector<AddedPoint> m_added;
  std::array<double, 4> m_view = {-1.5, 1.5, -1.5, 1.5};
  std::vector<float> m_gridX, m_grid;
  int64_t m_boundaryStep = -1;
  Run m_current;
  std::vector<Run> m_kept;
  std::vector<double> m_accTrain, m_accVal;
  int64_t m_mirrorGeneration = -1;  ///< the trainer's history generation the curves above were copied from
};

}  // namespace nr::app
