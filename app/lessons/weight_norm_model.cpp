// The numbers behind weight-norm. All of them come from nr::core (weightNorm, weightNormBackward, descendPlain,
// descendWeightNorm); this file sets up the bowl and cuts the paths for drawing.

#include "lessons/weight_norm_model.h"

#include <cmath>

namespace nr::app {

double WeightNormModel::contourLoss(int k) { return 0.05 * std::pow(2.6, k); }

// A path that diverges (a step too large for the curvature, e.g. η(λ_max + decay) > 2) is drawn until it has clearly
// left the picture (‖w‖ > 10, the view is ±3), never on to infinity.
static WeightNormModel::DrawnPath cut(const std::vector<Eigen::Vector2d>& p) {
  WeightNormModel::DrawnPath d;
  for (const Eigen::Vector2d& q : p) {
    const bool out = !q.allFinite() || q.norm() > 10.0;
    if (out && !q.allFinite()) {
      d.diverged = true;
      break;
    }
    d.x.push_back(q.x()), d.y.push_back(q.y()), d.len.push_back(q.norm());
    if (out) {
      d.diverged = true;
      break;
    }
  }
  return d;
}

void WeightNormModel::set(const Params& p) {
  m_p = p;
  // v must not be 0 (its direction is undefined): keep it at least 0.05 long.
  Eigen::Vector2d v(m_p.vx, m_p.vy);
  if (v.norm() < 0.05) v = Eigen::Vector2d(0.05, 0.0);
  m_v = v;
  m_q.optimum = {m_p.optX, m_p.optY};
  m_q.a1 = 2.0;
  m_q.a2 = 2.0 / m_p.elongation;
  m_q.angle = m_p.angle * M_PI / 180.0;
  m_w = core::weightNorm(m_p.g, m_v);
  m_gradW = m_q.grad(m_w);
  Eigen::VectorXd gv;
  core::weightNormBackward(m_p.g, m_v, m_gradW, m_gradG, gv);
  m_gradV = gv;

  m_plain = core::descendPlain(m_q, m_w, m_p.lr, m_p.steps);
  m_decayPath = core::descendPlain(m_q, m_w, m_p.lr, m_p.steps, m_p.decay);
  m_wn = core::descendWeightNorm(m_q, m_p.g, m_v, m_p.lr, m_p.steps);
  m_drawn[0] = cut(m_plain);
  m_drawn[1] = cut(m_wn.w);
  m_drawn[2] = cut(m_decayPath);

  m_contourX.assign(kContourCount, {});
  m_contourY.assign(kContourCount, {});
  for (int k = 0; k < kContourCount; ++k)
    for (const Eigen::Vector2d& q : m_q.levelSet(contourLoss(k), 64)) {
      m_contourX[k].push_back(q.x());
      m_contourY[k].push_back(q.y());
    }
}

}  // namespace nr::app
