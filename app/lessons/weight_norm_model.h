#pragma once
// The numbers behind the weight-norm lesson, without any ImGui: the quadratic bowl, w = g·v/‖v‖ and its gradient
// split into ∂L/∂g and ∂L/∂v, the three descent paths (plain GD on w, GD on (g, v), GD with weight decay) cut where
// they leave the picture, and the bowl's contours. The lesson draws these; the tests check them against closed
// forms and finite differences.

#include <Eigen/Dense>
#include <vector>

#include "nr/quadratic_descent.h"
#include "nr/weight_norm.h"

namespace nr::app {

class WeightNormModel {
 public:
  struct Params {
    float g = 0.8f;
    float vx = 2.0f, vy = -1.0f;
    float optX = 1.6f, optY = 1.2f;  ///< the bowl's optimum w*
    float elongation = 4.0f;         ///< a₁/a₂ of the bowl
    float angle = 30.0f;             ///< degrees
    float lr = 0.15f;
    int steps = 30;
    float decay = 0.3f;  ///< λ of the weight-decay path
  };

  /// One descent path as drawn: its points and lengths up to where it left the picture (‖w‖ > 10, or not finite).
  struct DrawnPath {
    std::vector<double> x, y, len;
    bool diverged = false;
  };

  /// The contours are at these losses: kContourCount levels spaced geometrically from the optimum outwards.
  static constexpr int kContourCount = 6;
  static double contourLoss(int k);

  WeightNormModel() { set(Params{}); }
  void set(const Params& p);
  const Params& params() const { return m_p; }

  const core::QuadraticBowl& bowl() const { return m_q; }
  /// v as used: at least 0.05 long (the direction of 0 is undefined).
  const Eigen::Vector2d& v() const { return m_v; }
  /// w = g·v/‖v‖, ∇_w L, ∂L/∂g and ∂L/∂v at the start.
  const Eigen::Vector2d& weight() const { return m_w; }
  const Eigen::Vector2d& gradW() const { return m_gradW; }
  double gradG() const { return m_gradG; }
  const Eigen::Vector2d& gradV() const { return m_gradV; }
  /// The plain and the weight-decay descent paths, steps + 1 points each, and the path on (g, v).
  const std::vector<Eigen::Vector2d>& plainPath() const { return m_plain; }
  const std::vector<Eigen::Vector2d>& decayPath() const { return m_decayPath; }
  const core::WeightNormPath& weightNormPath() const { return m_wn; }
  const DrawnPath& drawnPlain() const { return m_drawn[0]; }
  const DrawnPath& drawnWeightNorm() const { return m_drawn[1]; }
  const DrawnPath& drawnDecay() const { return m_drawn[2]; }
  /// Whether any path left the picture.
  bool diverged() const { return m_drawn[0].diverged || m_drawn[1].diverged || m_drawn[2].diverged; }
  const std::vector<double>& contourX(int k) const { return m_contourX[k]; }
  const std::vector<double>& contourY(int k) const { return m_contourY[k]; }

 private:
  Params m_p;
  core::QuadraticBowl m_q;
  Eigen::Vector2d m_v, m_w, m_gradW, m_gradV;
  double m_gradG = 0.0;
  std::vector<Eigen::Vector2d> m_plain, m_decayPath;
  core::WeightNormPath m_wn;
  DrawnPath m_drawn[3];  ///< GD on w, GD on (g, v), GD with decay
  std::vector<std::vector<double>> m_contourX, m_contourY;
};

}  // namespace nr::app
