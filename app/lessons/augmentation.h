#pragma once
// augmentation — data augmentation as a regularizer: every operation (flip, rotation, shift, noise,
// brightness/contrast, cutout, mixup, cutmix) drawn at its strength on a small image, and the same small network
// trained twice in lock step on a few images, without and with the chosen augmentations. The validation curves
// show the gap between training and validation loss that augmentation closes (or, too strong, the underfit).

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "lessons/lesson.h"
#include "nr/augment.h"
#include "nr/trainer.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::gfx {
class Texture2D;
}

namespace nr::app {

class AugmentationLesson : public Lesson {
 public:
  enum Op { Flip, Rotation, Shift, Noise, BrightnessContrast, Cutout, Mixup, CutMix, kOps };
  static constexpr int kDraws = 4;                    ///< augmented draws per grid row (after the original)
  static constexpr int kValidationPerClass = 60;      ///< held-out images of each class
  static constexpr int kMaxEpochs = 600;              ///< playing stops here

  struct Params {
    std::array<bool, kOps> use = {true, true, true, true, true, true, false, false};  ///< in the augmented run
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
  };

  /// One grid cell: the image and, for mixup/cutmix, the partner and the label weight λ of the original.
  struct Cell {
    std::vector<float> pixels;
    int partner = -1;     ///< training-set index of image B (mixing rows), else −1
    double lambda = 1.0;  ///< label = λ·class(A) + (1 − λ)·class(B)
    core::CutBox box;     ///< cutmix: the pasted box
  };

  AugmentationLesson();
  ~AugmentationLesson() override;
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void update(double dt) override;
  bool canPlay() const override { return true; }
  /// Starts both runs again from the seed's weights with the current settings.
  void reset() override;
  bool resetKeepsSettings() const override { return true; }
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  int extremeSteps() const override { return 6; }
  void applyExtreme(int step) override;

  // For tests.
  const Params& current() const { return m_p; }
  /// Grid cell (row = Op, col 0 = the original, 1..kDraws = draws).
  const Cell& cell(int row, int col) const { return m_cells[size_t(row) * (kDraws + 1) + col]; }
  const core::ImageSet& trainImages() const { return m_trainSet; }
  /// Run 0 trains on the images as they are, run 1 on augmented batches.
  const core::Trainer& run(int i) const { return *m_runs[i]; }
  bool diverged() const { return m_diverged; }
  /// Trains both runs `epochs` epochs in lock step (tests, the Step button, pretrain).
  void trainEpochs(int epochs);
  /// The augmentation spec of the augmented run (geometric and photometric operations in use).
  core::AugmentSpec spec() const;

 private:
  void rebuild();      ///< new images and new networks (seed, image count or learning rate changed)
  void applyHook();    ///< the augmented run's hook from the current operations (applies without a reset)
  void refreshGrid();  ///< recomputes the cells (and marks the texture for upload)
  void stepBoth();
  void checkDiverged();
  void collectCurves();
  /// Draws the grid within width × height; returns the width it used.
  void uploadGrid(LessonContext& ctx);
  /// Rows r0..r1−1 of the grid in a panel of `size`; returns the height used.
  float drawGrid(LessonContext& ctx, ImVec2 size, int r0, int r1);
  void drawCurves(LessonContext& ctx, ImVec2 size, bool accuracy);

  Params m_p;
  core::ImageSet m_trainSet, m_valSet;
  std::array<std::unique_ptr<core::Trainer>, 2> m_runs;
  bool m_diverged = false;
  std::vector<Cell> m_cells;
  std::unique_ptr<gfx::Texture2D> m_texture;
  bool m_textureDirty = true;
  std::vector<uint8_t> m_rgba;
  // Per-epoch curves of both runs: loss (train, validation) and accuracy.
  std::array<std::vector<double>, 2> m_epoch, m_trainLoss, m_valLoss, m_trainAcc, m_valAcc;
  Plot m_lossPlot, m_accPlot;
  CanvasLayout m_layout;
  TrainingPace m_pace{10.0};             ///< epochs per second while playing
};

}  // namespace nr::app
