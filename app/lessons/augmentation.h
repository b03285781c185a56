#pragma once
// augmentation — data augmentation as a regularizer: every operation (flip, rotation, shift, noise,
// brightness/contrast, cutout, mixup, cutmix) drawn at its strength on a small image, and the same small network
// trained twice in lock step on a few images, without and with the chosen augmentations. The validation curves
// show the gap between training and validation loss that augmentation closes (or, too strong, the underfit).

#include <memory>
#include <string>
#include <vector>

#include "lessons/augmentation_model.h"
#include "lessons/lesson.h"
#include "lessons/training_pace.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::gfx {
class Texture2D;
}

namespace nr::app {

class AugmentationLesson : public Lesson {
 public:
  using Params = AugmentationModel::Params;
  using Op = AugmentationModel::Op;
  using Cell = AugmentationModel::Cell;

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
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  /// Trains both runs `epochs` epochs in lock step (the Step button, pretrain); a divergence stops playing.
  void trainEpochs(int epochs);
  const AugmentationModel& model() const { return m_model; }

 private:
  static const ParamTable<Params>& table();
  /// New images and networks for `p`, trained for the warm epochs.
  void rebuild(const Params& p);
  void drawOperationControls(LessonContext& ctx, Params& p, bool& hook, bool& grid);
  bool drawTrainingControls(LessonContext& ctx, Params& p);
  /// Uploads the grid's images as one texture when the model redrew them.
  void uploadGrid(LessonContext& ctx);
  /// Rows r0..r1−1 of the grid in a panel of `size`; returns the height used.
  float drawGrid(LessonContext& ctx, ImVec2 size, int r0, int r1);
  void drawCurves(LessonContext& ctx, ImVec2 size, bool accuracy);

  AugmentationModel m_model;
  /// The controls' copy of the model's settings: a member, as the layout probe reads a slider's value after the frame.
  Params m_p;
  std::unique_ptr<gfx::Texture2D> m_texture;
  int m_uploadedGrid = -1;  ///< the model's gridVersion() the texture shows
  std::vector<uint8_t> m_rgba;
  Plot m_lossPlot, m_accPlot;
  CanvasLayout m_layout;
  TrainingPace m_pace{10.0};  ///< epochs per second while playing
};

}  // namespace nr::app
