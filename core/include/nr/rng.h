#pragma once
// A small seeded random generator with the same sequence on every platform and compiler (the standard
// distributions are implementation-defined), so a lesson shows the same picture every time.

#include <cmath>
#include <cstdint>

namespace nr::core {

class Rng {
 public:
  explicit Rng(uint64_t seed = 1) : m_state(seed) {}
  /// SplitMix64: 64 uniformly distributed bits.
  uint64_t next() {
    uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n).
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }
  /// Standard normal (Box–Muller; the second value is kept for the next call).
  double normal() {
    if (m_hasSpare) {
      m_hasSpare = false;
      return m_spare;
    }
    double u1 = uniform(), u2 = uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    const double r = std::sqrt(-2.0 * std::log(u1)), t = 6.283185307179586 * u2;
    m_spare = r * std::sin(t);
    m_hasSpare = true;
    return r * std::cos(t);
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }

 private:
  uint64_t m_state;
  double m_spare = 0.0;
  bool m_hasSpare = false;
};

}  // namespace nr::core
