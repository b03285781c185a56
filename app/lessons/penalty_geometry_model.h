#pragma once
// The numbers behind the penalty-geometry lesson, without any ImGui: the quadratic loss the sliders describe, the
// exact penalized optimum of each panel (L1, L2 and a third ball: any Lp, L0, L∞ or the elastic net), each
// optimum's path as λ grows, the ball through the optimum, and a Monte-Carlo count of how often each penalty lands
// on an axis over random losses. The lesson draws these; the tests check them against closed forms and naive loops.

#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <vector>

#include "nr/lp_geometry.h"

namespace nr::app {

class PenaltyGeometryModel {
 public:
  enum Third { kLp = 0, kElasticNet = 1 };

  struct Params {
    double lambda = 0.4;
    float optimumX = 1.6f, optimumY = 0.7f;
    float angle = 0.5f;      ///< radians
    float axisRatio = 2.5f;  ///< elongation of the loss contours
    int third = kLp;
    float p = 0.85f;         ///< the third ball's p (0 = L0); pInfinity overrides
    bool pInfinity = false;
    float alpha = 0.5f;      ///< elastic-net mixing
  };

  /// Losses sampled whenever λ or α changes (and at the start), so the bars say something before Play.
  static constexpr int kFirstSamples = 300;

  PenaltyGeometryModel() { set(Params{}); }
  /// New parameters: the optima and balls are recomputed, the λ paths only when the loss or the third ball changed,
  /// and the Monte-Carlo count starts again (with kFirstSamples) when λ or α changed.
  void set(const Params& p);
  const Params& params() const { return m_p; }

  /// ½(w − w*)ᵀA(w − w*) with A's axes √ratio and 1/√ratio along the angle.
  core::Quadratic2 quadratic() const;
  /// The third panel's p (+∞ for L∞, 0 for L0); meaningful when the third ball is an Lp ball.
  double thirdP() const;
  /// Whether the third ball is drawn filled (a convex ball: L1 and above, the elastic net).
  bool thirdConvex() const;

  /// Panel 0 L1, 1 L2, 2 the third ball.
  const core::GeometryResult& optimum(int panel) const { return m_opt[panel]; }
  /// w* followed by the optimum at λ log-spaced from 1e-3 to 10 (80 points; 24 for a general p, a numeric search
  /// per point).
  const std::vector<Eigen::Vector2d>& path(int panel) const { return m_path[panel]; }
  /// The boundary of the panel's ball through its optimum, {w : P(w) = P(ŵ)}; empty for L0 (the axes).
  const std::vector<Eigen::Vector2d>& ball(int panel) const { return m_ball[panel]; }
  /// How many times the λ paths were computed (tests: moving λ reuses them).
  int pathComputations() const { return m_pathComputations; }

  /// Draws `count` random losses (core::randomQuadratic) and counts, at the current λ and α, the L1, L2 and
  /// elastic-net optima with an exact zero. The stream continues from the last draw.
  void sampleMonteCarlo(int count);
  /// Empties the count (the stream of losses continues).
  void clearCounts();
  int64_t samples() const { return m_samples; }
  const std::array<int64_t, 3>& sparseCounts() const { return m_sparse; }
  /// sparseCounts()[i] / samples(), 0 before any sample.
  double share(int i) const { return m_samples ? double(m_sparse[i]) / double(m_samples) : 0.0; }

 private:
  core::GeometryResult solve(const core::Quadratic2& q, int panel, double lambda) const;
  void computePaths(const core::Quadratic2& q);
  void computeBall(int panel);

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

  Params m_p;
  PathKey m_pathKey;
  int m_pathComputations = 0;
  std::array<core::GeometryResult, 3> m_opt;  ///< L1, L2, third
  std::array<std::vector<Eigen::Vector2d>, 3> m_path;
  std::array<std::vector<Eigen::Vector2d>, 3> m_ball;
  uint64_t m_mcState = 12345;
  int64_t m_samples = 0;
  std::array<int64_t, 3> m_sparse{0, 0, 0};
  double m_mcLambda = -1, m_mcAlpha = -1;  ///< the λ and α the counts were taken at
};

}  // namespace nr::app
