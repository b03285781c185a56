#pragma once
// norm-axes — BatchNorm, LayerNorm, InstanceNorm and GroupNorm are one operation that differs only in which
// elements share a mean and a variance. The N×C×H×W tensor is drawn as the Group Normalization paper's cube and as
// flat tiles; cells that share statistics share a colour, and hovering one shows its numbers in the formula.

#include <string>
#include <vector>

#include "lessons/lesson.h"
#include "lessons/norm_axes_model.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"
#include "widgets/tensor_cube.h"

namespace nr::app {

class NormAxesLesson : public Lesson {
 public:
  enum ColorBy { kByGroup, kByInput, kByOutput };

  /// The model's settings, and how they are shown.
  struct Params : NormAxesSettings {
    int colorBy = kByGroup;
    int focusN = -1, focusC = 0, focusH = 0, focusW = 0;  ///< the pinned cell (focusN < 0: none)
    /// The cube's angles on the way to and from a scene (the live ones are the cube view's own).
    float viewYaw = CubeView().yaw, viewPitch = CubeView().pitch;
  };

  NormAxesLesson();
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  void reset() override;
  nlohmann::json params() const override;
  bool noteShowsParam(const std::string& key) const override {
    if (key == "groups") return m_p.mode == Params::kGroup;
    if (key.rfind("axis_", 0) == 0) return m_p.mode == Params::kCustom;
    return true;
  }
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  std::string formulaLatex() const override;
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }

  /// A .npy of activations (rank 2–4, as nrlab normalize reads): the lesson shows it instead of generated data.
  bool acceptsFileDrop(const std::string& path) const override;
  void onFileDrop(const std::string& path, LessonContext& ctx) override;

  const Params& current() const { return m_p; }
  const NormAxesModel& model() const { return m_model; }
  /// The model's input and result (tests of the shell load scenes into this lesson and read them).
  const core::NormResult& result() const { return m_model.result(); }
  const core::Tensor& input() const { return m_model.input(); }

 private:
  static const ParamTable<Params>& table();
  void recompute();
  void dropHiddenFocus();
  void useGeneratedData();
  void drawModeControls(LessonContext& ctx, bool& changed);
  void drawShapeControls(LessonContext& ctx, bool& changed);
  void drawCube(LessonContext& ctx, ImVec2 size);
  void drawTiles(LessonContext& ctx, ImVec2 size);
  void drawHistogram(LessonContext& ctx, ImVec2 size, bool after);
  void drawStatsTable(LessonContext& ctx);
  void pinOnClick();
  ImU32 cellColor(int n, int c, int s) const;
  ImU32 groupColor(int64_t g) const;
  /// The cell whose numbers are shown: the hovered one, else the pinned one (clicked, or from a scene).
  CubeCell focus() const;
  /// focus(), or the first cell when there is none, and its numbers.
  NormCellNumbers focusNumbers(CubeCell& cell) const;

  Params m_p;
  NormAxesModel m_model;
  CubeView m_view;
  CubeCell m_hover;
  int64_t m_hoverGroup = -1;
  Plot m_histIn, m_histOut;
  CanvasLayout m_layout;
  CubeCell m_cubeHover, m_tilesHover;  ///< the cell under the mouse in each picture this frame
};

}  // namespace nr::app
