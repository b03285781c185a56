#pragma once
// Step-by-step training for the lessons: mini-batches over shuffled epochs, the loss history of every step and
// every epoch, evaluation on the train and validation sets at each epoch end, optional early stopping with
// restore-best, and advance() within a wall-clock budget so a lesson can train inside its frame.
//
// Every setting (optimizer, regularization, dropout, early stopping, input noise) can change between calls to
// advance() without a reset — "changing a regularizer during training applies without a reset".
//
// Epoch-end evaluation runs on a second copy of the net (copyStateFrom), so net()'s telemetry — activations,
// dropout masks, gradient norms — always shows the last *training* step.

#include <cstdint>
#include <functional>
#include <vector>

#include "nr/datasets.h"
#include "nr/early_stopping.h"
#include "nr/mlp.h"
#include "nr/optimizer.h"
#include "nr/rng.h"

namespace nr::core {

struct TrainerSpec {
  int batchSize = 32;
  uint64_t seed = 1;  ///< batch order and input noise
  bool earlyStopping = false;
  EarlyStoppingSpec stopping;
  double inputNoise = 0.0;  ///< sd of Gaussian noise added to each training batch's inputs (augmentation)
};

/// One training step: the batch's loss parts (training mode, before the update).
struct StepRecord {
  int64_t step = 0;
  int epoch = 0;
  LossParts loss;
};

/// One finished epoch, evaluated in eval mode on the full sets after its last step.
struct EpochRecord {
  int epoch = 0;
  int64_t step = 0;  ///< steps done when it ended
  LossParts train, validation;
  double trainAccuracy = 0.0, validationAccuracy = 0.0;  ///< NaN for MSE
  double weightNorm = 0.0;                               ///< ‖W‖ over all dense layers
};

class Trainer {
 public:
  /// Batch augmentation hook: may change the batch's inputs and targets in place (n samples, row-major).
  using Augment = std::function<void(float* x, float* y, int n, Rng& rng)>;

  /// Throws std::invalid_argument when the data do not fit the spec (feature count, empty training set) or a
  /// spec is invalid.
  Trainer(const MlpSpec& net, const OptimizerSpec& optimizer, LabeledData train, LabeledData validation,
          const TrainerSpec& spec = {});

  /// Runs at most maxSteps steps, returning early once budgetSeconds of wall time have passed (checked after each
  /// step, so at least one step runs) or when early stopping fires. Returns the number of steps done.
  int advance(int maxSteps, double budgetSeconds = 1e30);
  /// Runs whole epochs (for tests and headless runs).
  void runEpochs(int epochs);
  /// Early stopping fired (only when TrainerSpec::earlyStopping is on; it then watches the validation data
  /// loss, or the training loss when there is no validation set) (advance() does nothing more until reset()).
  bool finished() const { return m_finished; }
  /// Back to fresh weights (the spec's seed), empty histories, epoch 0; keeps the current settings.
  void reset();

  Mlp& net() { return m_net; }
  const Mlp& net() const { return m_net; }
  const LabeledData& trainSet() const { return m_train; }
  const LabeledData& validationSet() const { return m_val; }
  /// Replaces the data (e.g. a point was clicked in), keeping the weights; the epoch restarts.
  void setData(LabeledData train, LabeledData validation);

  void setOptimizer(const OptimizerSpec& spec) { m_opt.setSpec(spec); }
  const OptimizerSpec& optimizerSpec() const { return m_opt.spec(); }
  /// The optimizer and its state (Adam moments: the weight-decay lesson shows the effective per-weight decay).
  const Optimizer<float>& optimizer() const { return m_opt; }
  void setRegularization(const Regularization& reg) { m_net.setRegularization(reg); }
  void setDropout(int layer, double p) { m_net.setDropout(layer, p); }
  void setSpec(const TrainerSpec& spec);
  const TrainerSpec& spec() const { return m_spec; }

  /// Histories are thinned as they grow, so memory stays bounded however long training runs (a class may leave
  /// it on for an hour: 10⁶ steps would otherwise hold 40 MB of step records). Up to kHistoryLimit records every
  /// step and epoch is kept; past it every other record is dropped and from then on only every 2nd (then 4th, …)
  /// one is recorded. lastStep()/lastEpoch() are always the newest. historyGeneration() changes whenever records
  /// already handed out move (reset, thinning): a lesson mirroring epochs() by index starts over when it changes.
  static constexpr size_t kHistoryLimit = 4096;
  const std::vector<StepRecord>& steps() const { return m_steps; }
  const std::vector<EpochRecord>& epochs() const { return m_epochs; }
  /// The newest step and epoch (also when thinning left them out of steps()/epochs()); default-constructed before
  /// the first one.
  const StepRecord& lastStep() const { return m_lastStep; }
  const EpochRecord& lastEpoch() const { return m_lastEpoch; }
  int64_t historyGeneration() const { return m_generation; }
  /// Whether the run has blown up: the newest step's data loss is not finite or not below stepLimit, or the newest
  /// epoch's training data loss is not below epochLimit (lessons pass a multiple of the loss of guessing, beyond
  /// which the curves would only show noise). False before the first step.
  bool blownUp(double stepLimit, double epochLimit) const;
  const EarlyStopping& earlyStopping() const { return m_stopping; }
  int64_t stepCount() const { return m_stepCount; }
  int epoch() const { return m_epoch; }
  /// The model saved at the best validation epoch so far (empty params before the first epoch).
  const MlpState<float>& bestState() const { return m_best; }
  /// The epoch of bestState() (lowest validation data loss so far), −1 before the first epoch.
  int bestEpoch() const { return m_bestEpoch; }
  /// Loads bestState() into net() (done automatically on stop when stopping.restoreBest is set).
  void restoreBest();

  /// Eval-mode logits of the current net for any inputs (n × inputs), e.g. the decision-boundary grid. Uses the
  /// evaluation copy, so the training telemetry stays.
  void predict(const float* x, int n, float* out);

 private:
  void check() const;
  void step();
  void endEpoch();
  void newEpoch();

  MlpSpec m_netSpec;
  TrainerSpec m_spec;
  Mlp m_net, m_eval;
  Optimizer<float> m_opt;
  LabeledData m_train, m_val;
  EarlyStopping m_stopping;
  MlpState<float> m_best;
  Rng m_rng;
  std::vector<int> m_order;
  int m_cursor = 0, m_epoch = 0, m_bestEpoch = -1;
  double m_bestLoss = 0.0;
  int64_t m_stepCount = 0;
  bool m_finished = false;
  std::vector<float> m_bx, m_by;
  std::vector<StepRecord> m_steps;
  std::vector<EpochRecord> m_epochs;
  StepRecord m_lastStep;
  EpochRecord m_lastEpoch;
  int64_t m_stepStride = 1, m_epochStride = 1, m_generation = 0;

 public:
  Augment augment;  ///< optional, applied to each training batch after input noise
};

}  // namespace nr::core
