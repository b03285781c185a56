#include "nr/early_stopping.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nr::core {

EarlyStopping::EarlyStopping(const EarlyStoppingSpec& spec) { setSpec(spec); }

void EarlyStopping::setSpec(const EarlyStoppingSpec& spec) {
  if (spec.patience < 1)
    throw std::invalid_argument("patience must be at least 1 epoch, got " + std::to_string(spec.patience));
  if (!(spec.minDelta >= 0.0))
    throw std::invalid_argument("min delta must be >= 0 (0 = any decrease counts), got " +
                                std::to_string(spec.minDelta));
  m_spec = spec;
}

void EarlyStopping::reset() {
  m_epochs = 0;
  m_bestEpoch = -1;
  m_wait = 0;
  m_stopEpoch = -1;
  m_bestLoss = 0.0;
}

EarlyStopping::Verdict EarlyStopping::update(double loss) {
  if (stopped()) return Verdict::Stop;
  const int epoch = m_epochs++;
  // A NaN loss never improves (a diverged run must not become "best").
  if (m_bestEpoch < 0 ? !std::isnan(loss) : loss < m_bestLoss - m_spec.minDelta) {
    m_bestLoss = loss;
    m_bestEpoch = epoch;
    m_wait = 0;
    return Verdict::Improved;
  }
  if (++m_wait >= m_spec.patience) {
    m_stopEpoch = epoch;
    return Verdict::Stop;
  }
  return Verdict::Waiting;
}

}  // namespace nr::core
