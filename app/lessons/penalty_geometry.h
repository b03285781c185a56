#pragma once
// penalty-geometry — why L1 gives exact zeros and L2 does not. The same quadratic loss beside the L1 diamond, the
// L2 circle and a third ball (any Lp, L0, or the elastic net); in each, the exact penalized optimum where a loss
// contour touches the ball, and its path as λ grows. A Monte-Carlo count over random losses shows how often each
// penalty lands on an axis.

#include <array>
#include <vector>

#include <Eigen/Dense>

#include "lessons/lesson.h"
#include "nr/lp_geometry.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class PenaltyGeometryLesson : public Lesson {
 public:
  struct Params {
    double lambda = 0.4;
    float optimumX = 1.6f, optimumY = 0.7f;
    float angle = 0.5f;     ///< radians
    float axisRatio = 2.5f; ///< elongation of the loss contours
    int third = 0;          ///< 0: Lp, 1: elastic net
    float p = 0.85f;        ///< the third ball's p (0 = L0); pInfinity overrides
    bool pInfinity = false;
    float alpha = 0.5f;     ///< elastic-net mixing
  };

  PenaltyGeometryLesson();
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void update(double dt) override;
  bool canPlay() const override { return true; }
  void reset() override;
  nlohmann::json params() const override;
  bool noteShowsParam(const std::string& key) const override {
    if (key == "alpha") return m_p.third == 1;
    if (key == "p_infinity") return m_p.third == 0;
    if (key == "p") return m_p.third == 0 && !m_p.pInfinity;
    return true;
  }
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  int extremeSteps() const override { return 6; }
  void applyExtreme(int step) override;

  const core::GeometryResult& optimum(int panel) const { return m_opt[panel]; }
  /// Monte-Carlo: samples drawn and how many gave a sparse solution, for L1, L2 and the elastic net.
  int64_t samples() const { return m_samples; }
  const std::array<int64_t, 3>& sparseCounts() const { return m_sparse; }
  void sampleMonteCarlo(int count);

 private:
  void drawPanel(LessonContext& ctx, int k, ImVec2 size);
  void drawMonteCarlo(LessonContext& ctx, ImVec2 size);
  void recompute();
  /// The λ paths depend on the loss and the balls, not on the current λ: recomputed only when those change.
  struct PathKey {
    double x = 0, y = 0, angle = 0, ratio = 0, p = 0, alpha = 0;
    int third = -1;
    bool pInf = false;
    bool operator==(const PathKey& o) const {
      return x == o.x && y == o.y && angle == o.angle && ratio == o.ratio && p == o.p && alpha == o.alpha &&
             third == o.third && pInf == o.pInf;
    }
  };
  PathKey m_pathKey;
  core::Quadratic2 quadratic() const;
  double thirdP() const;

  Params m_p;
  std::array<core::GeometryResult, 3> m_opt;  ///< L1, L2, third
  std::array<std::vector<Eigen::Vector2d>, 3> m_path;
  std::array<std::vector<Eigen::Vector2d>, 3> m_ball;  ///< the ball through the optimum, for drawing
  // Monte Carlo
  uint64_t m_mcState = 12345;
  int64_t m_samples = 0;
  std::array<int64_t, 3> m_sparse{0, 0, 0};
  std::vector<double> m_share;
  double m_mcLambda = -1, m_mcAlpha = -1;  ///< the λ and α the counts were taken at
  bool m_started = false;
  Plot m_mcPlot;
  CanvasLayout m_layout;
};

}  // namespace nr::app
