#pragma once
// The numbers behind the augmentation lesson, without any ImGui: the small shape images (training and held-out),
// the grid of augmented draws of one image (each operation at its strength, with its own seeded stream), and two
// copies of one small network trained in lock step, on the images as they are and on augmented batches, with their
// per-epoch curves. The lesson draws these; the tests check every cell against the core operation it shows.

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "nr/augment.h"
#include "nr/trainer.h"

namespace nr::app {

/// The lesson's settings (its parameter table's members).
struct AugmentationParams {
  // Operations in the augmented run, in the order of AugmentationModel::Op.
  bool useFlip = true, useRotation = true, useShift = true, useNoise = true, useBrightnessContrast = true,
       useCutout = true, useMixup = false, useCutmix = false;
  double rotation = 15.0;  ///< degrees, uniform in ±rotation
  int shift = 2;           ///< pixels, uniform in ±shift on each axis
  double noise = 0.05;     ///< Gaussian sd
  double brightness = 0.2, contrast = 0.3;
  int cutout = 4;  ///< square side in pixels
  double mixupAlpha = 0.4, cutmixAlpha = 1.0;
  int perClass = 8;  ///< training images per class
  double lr = 3e-3;  ///< Adam
  int sample = 0;    ///< training image shown in the grid
  int seed = 1;
  bool logScale = true;
  int pretrain = 0;  ///< epochs trained at once when a scene is loaded

  /// Whether operation `op` (an AugmentationModel::Op) is in the augmented run.
  bool uses(int op) const;
  void setUse(int op, bool on);
};

class AugmentationModel {
 public:
  using Params = AugmentationParams;
  enum Op { Flip, Rotation, Shift, Noise, BrightnessContrast, Cutout, Mixup, CutMix, kOps };
  static constexpr int kDraws = 4;                ///< augmented draws per grid row (after the original)
  static constexpr int kValidationPerClass = 60;  ///< held-out images of each class
  static constexpr int kMaxEpochs = 600;          ///< playing stops here
  static constexpr int kBatch = 8;

  /// One grid cell: the image and, for mixup/cutmix, the partner and the label weight λ of the original.
  struct Cell {
    std::vector<float> pixels;
    int partner = -1;     ///< training-set index of image B (mixing rows), else −1
    double lambda = 1.0;  ///< label = λ·class(A) + (1 − λ)·class(B)
    core::CutBox box;     ///< cutmix: the pasted box
  };

  explicit AugmentationModel(const Params& p = Params{});
  ~AugmentationModel();

  /// New images and new networks for `p` (seed, image count or learning rate changed), untrained.
  void rebuild(const Params& p);
  /// Other settings without a rebuild: the augmented run's operations (when `hook`) take effect from its next
  /// batch, and the grid is drawn again (when `grid`).
  void apply(const Params& p, bool hook, bool grid);
  /// Trains both runs `epochs` epochs in lock step (stops at a divergence).
  void trainEpochs(int epochs);
  /// At most `steps` steps of each run, for at most budgetSeconds, never past kMaxEpochs.
  void advance(int steps, double budgetSeconds);
  int stepsPerEpoch() const { return (m_runs[0]->trainSet().size() + kBatch - 1) / kBatch; }
  /// Copies new epochs of the runs into the curves (nothing once diverged: a blown-up run is not plotted).
  void collectCurves();

  const Params& params() const { return m_p; }
  /// The augmentation spec of the augmented run (geometric and photometric operations in use).
  core::AugmentSpec spec() const;
  /// Grid cell (row = Op, col 0 = the original, 1..kDraws = draws).
  const Cell& cell(int row, int col) const { return m_cells[size_t(row) * (kDraws + 1) + col]; }
  /// Counts the grid's recomputations (the lesson uploads its texture when this moves).
  int gridVersion() const { return m_gridVersion; }
  const core::ImageSet& trainImages() const { return m_trainSet; }
  const core::ImageSet& validationImages() const { return m_valSet; }
  /// Run 0 trains on the images as they are, run 1 on augmented batches.
  const core::Trainer& run(int i) const { return *m_runs[i]; }
  bool diverged() const { return m_diverged; }
  /// Per-epoch curves of run i: epoch, loss (training, validation) and accuracy.
  const std::vector<double>& epochs(int i) const { return m_epoch[i]; }
  const std::vector<double>& trainLoss(int i) const { return m_trainLoss[i]; }
  const std::vector<double>& validationLoss(int i) const { return m_valLoss[i]; }
  const std::vector<double>& trainAccuracy(int i) const { return m_trainAcc[i]; }
  const std::vector<double>& validationAccuracy(int i) const { return m_valAcc[i]; }

 private:
  void applyHook();
  void refreshGrid();
  void stepBoth();
  void checkDiverged();

  Params m_p;
  core::ImageSet m_trainSet, m_valSet;
  std::array<std::unique_ptr<core::Trainer>, 2> m_runs;
  bool m_diverged = false;
  std::vector<Cell> m_cells;
  int m_gridVersion = 0;
  std::array<std::vector<double>, 2> m_epoch, m_trainLoss, m_valLoss, m_trainAcc, m_valAcc;
};

}  // namespace nr::app
