#pragma once
// Early stopping on a validation loss (Keras' EarlyStopping semantics): an epoch improves when its loss is below
// best − minDelta; training stops once `patience` epochs in a row have not improved. The caller keeps a snapshot
// of the model at the best epoch (nr/trainer.h does) and restores it when restoreBest is set.

namespace nr::core {

struct EarlyStoppingSpec {
  int patience = 10;        ///< epochs without improvement before stopping (≥ 1)
  double minDelta = 0.0;    ///< an improvement must beat the best by more than this (≥ 0)
  bool restoreBest = true;  ///< on stop, go back to the weights of the best epoch
};

class EarlyStopping {
 public:
  enum class Verdict { Improved, Waiting, Stop };

  /// Throws std::invalid_argument on patience < 1 or minDelta < 0.
  explicit EarlyStopping(const EarlyStoppingSpec& spec = {});

  /// The validation loss of the next epoch (epochs are numbered 0, 1, ... in call order). After Stop, further
  /// calls keep returning Stop and change nothing.
  Verdict update(double validationLoss);

  const EarlyStoppingSpec& spec() const { return m_spec; }
  /// Changes patience/minDelta/restoreBest mid-run (the lesson's sliders); keeps the best so far.
  void setSpec(const EarlyStoppingSpec& spec);
  int epochs() const { return m_epochs; }
  int bestEpoch() const { return m_bestEpoch; }  ///< −1 before the first update
  double bestLoss() const { return m_bestLoss; }
  int epochsSinceBest() const { return m_wait; }  ///< the patience window drawn on the curve
  bool stopped() const { return m_stopEpoch >= 0; }
  int stopEpoch() const { return m_stopEpoch; }  ///< −1 while running
  void reset();

 private:
  EarlyStoppingSpec m_spec;
  int m_epochs = 0, m_bestEpoch = -1, m_wait = 0, m_stopEpoch = -1;
  double m_bestLoss = 0.0;
};

}  // namespace nr::core
