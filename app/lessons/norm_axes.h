#pragma once
// norm-axes — BatchNorm, LayerNorm, InstanceNorm and GroupNorm are one operation that differs only in which
// elements share a mean and a variance. The N×C×H×W tensor is drawn as the Group Normalization paper's cube and as
// flat tiles; cells that share statistics share a colour, and hovering one shows its numbers in the formula.

#include <string>
#include <vector>

#include "lessons/lesson.h"
#include "nr/normalization.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"
#include "widgets/tensor_cube.h"

namespace nr::app {

class NormAxesLesson : public Lesson {
 public:
  enum Mode { kBatch, kLayer, kInstance, kGroup, kCustom, kModeCount };
  enum ColorBy { kByGroup, kByInput, kByOutput };

  struct Params {
    int n = 4, c = 6, h = 4, w = 4;
    int mode = kBatch;
    int groups = 2;  ///< GroupNorm's G (a divisor of C)
    bool axisN = true, axisC = false, axisH = true, axisW = true;  ///< free choice (mode kCustom)
    float gamma = 1.0f, beta = 0.0f;
    double eps = 1e-5;
    int seed = 1;
    int colorBy = kByGroup;
    int focusN = -1, focusC = 0, focusH = 0, focusW = 0;  ///< the pinned cell (focusN < 0: none)
  };

  NormAxesLesson();
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  void reset() override;
  nlohmann::json params() const override;
  bool noteShowsParam(const std::string& key) const override {
    if (key == "groups") return m_p.mode == kGroup;
    if (key.rfind("axis_", 0) == 0) return m_p.mode == kCustom;
    return true;
  }
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  std::string formulaLatex() const override;
  int extremeSteps() const override { return 12; }
  void applyExtreme(int step) override;

  /// A .npy of activations (rank 2–4, as nrlab normalize reads): the lesson shows it instead of generated data.
  bool acceptsFileDrop(const std::string& path) const override;
  void onFileDrop(const std::string& path, LessonContext& ctx) override;

  // For tests.
  const Params& current() const { return m_p; }
  /// The file whose activations are shown (empty: generated data), and the extents drawn (N, C, H, W).
  const std::string& dataFile() const { return m_fileName; }
  const int* shownExtents() const { return m_show; }
  const core::NormResult& result() const { return m_result; }
  const core::Tensor& input() const { return m_x; }
  /// The spec the current parameters describe (preset or free axes).
  core::NormSpec spec() const;

 private:
  void drawCube(LessonContext& ctx, ImVec2 size);
  void drawTiles(LessonContext& ctx, ImVec2 size);
  void drawHistogram(LessonContext& ctx, ImVec2 size, bool after);
  void recompute();
  void regenerate();
  void drawStatsTable(LessonContext& ctx);
  ImU32 cellColor(int n, int c, int s) const;
  ImU32 groupColor(int64_t g) const;

  Params m_p;
  core::Tensor m_x;
  core::NormResult m_result;
  std::vector<float> m_outputCopy;  ///< y as a flat array for the histogram
  CubeView m_view;
  CubeCell m_hover;
  /// The cell whose numbers are shown: the hovered one, else the pinned one (clicked, or from a scene).
  CubeCell focus() const;
  int64_t m_hoverGroup = -1;
  double m_xAbsMax = 1.0;
  Plot m_histIn, m_histOut;
  CanvasLayout m_layout;
  CubeCell m_cubeHover, m_tilesHover;  ///< the cell under the mouse in each picture this frame
  int m_dataSeed = -1, m_dataShape[4] = {0, 0, 0, 0};
  // Own activations (a dropped .npy): the whole tensor is normalized; the pictures show its first few samples,
  // channels and positions (m_show), labelled with the true sizes. Their histograms are binned once per change.
  std::string m_fileName;
  int m_show[4] = {4, 6, 4, 4};
  std::vector<double> m_binCenters, m_binIn, m_binOut;
  double m_binWidthIn = 1.0, m_binWidthOut = 1.0;
  std::vector<double> m_binCentersOut;
  void binOwnData();
  void useGeneratedData();
  int64_t channels() const { return m_fileName.empty() ? m_p.c : m_x.c(); }
};

}  // namespace nr::app
