#pragma once
// How fast a training lesson trains while it plays: epochs per second, chosen on a log slider, up to "as fast as
// possible". A class must be able to watch the moment a validation loss turns, so every training lesson opens at a
// pace that takes seconds, not a fraction of one, for what it teaches; the fastest setting is still there for a
// student who wants the end of a long run.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lessons/lesson.h"

namespace nr::app {

/// Epochs a training lesson trains whenever it (re)builds its run, before anyone presses Play: the lesson opens, and
/// Restart returns, with the first points of its curves drawn, so a projector never shows empty plots. A scene's
/// "pretrain" counts them (pretrain 150 opens at epoch 150).
constexpr int kWarmEpochs = 2;

class TrainingPace {
 public:
  static constexpr double kMin = 0.3, kMax = 300.0;  ///< epochs per second on the slider; 0 = as fast as possible

  explicit TrainingPace(double epochsPerSecond) : m_default(epochsPerSecond), m_epochsPerSecond(epochsPerSecond) {}

  /// Whole training steps this frame may run (fractions carry over to the next frame), for `stepsPerEpoch` steps an
  /// epoch; a very large number when as fast as possible (the lesson's time budget then limits the frame).
  int steps(double dt, int stepsPerEpoch);
  /// Whole epochs this frame may run (fractions carry over).
  int epochs(double dt);
  bool unlimited() const { return m_epochsPerSecond <= 0.0; }
  double epochsPerSecond() const { return m_epochsPerSecond; }
  /// Back to the start of a run: no carried fraction.
  void restart() { m_carry = 0.0; }

  /// The speed slider with its tooltip. Returns true when it changed.
  bool control(const LessonContext& ctx);

  /// Scenes: "speed" is the number of epochs per second, or "max" (ParamReader::readSpeed reads it back).
  void write(nlohmann::json& j) const;
  void set(double epochsPerSecond) { m_epochsPerSecond = epochsPerSecond; }
  double defaultValue() const { return m_default; }

 private:
  double m_default;
  double m_epochsPerSecond;
  double m_carry = 0.0;
};

}  // namespace nr::app
