#include "lessons/training_pace.h"

#include <algorithm>
#include <cmath>

#include "lessons/controls.h"

namespace nr::app {

int TrainingPace::steps(double dt, int stepsPerEpoch) {
  if (unlimited()) return 1 << 20;
  // A long frame (a window being dragged, a slow machine) does not make the run jump ahead.
  m_carry += std::min(dt, 0.1) * m_epochsPerSecond * std::max(stepsPerEpoch, 1);
  const double whole = std::floor(m_carry);
  m_carry -= whole;
  return static_cast<int>(whole);
}

int TrainingPace::epochs(double dt) { return unlimited() ? 1 << 20 : steps(dt, 1); }

bool TrainingPace::control(const LessonContext& ctx) {
  const bool changed = paceSlider(ctx, ctx.tr("pace.speed"), m_epochsPerSecond, kMin, kMax, ctx.tr("pace.max"));
  tip(ctx, "pace.speed.tip");
  if (changed) m_carry = 0.0;
  return changed;
}

void TrainingPace::write(nlohmann::json& j) const {
  if (unlimited())
    j["speed"] = "max";
  else
    j["speed"] = m_epochsPerSecond;
}

}  // namespace nr::app
