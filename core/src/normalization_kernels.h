#pragma once
// The inner loops of normalize() over contiguous runs of elements (private to core/src).
//
// Every loop works in double precision whatever the input type, because the guarantees of normalization.h rest on
// it: statistics are sums of x − K (K a value of the group) and (x − K)², and the output is (x − μ)·s + β rounded to
// float once, so that a constant group gives exactly β. `stream` writes y with non-temporal stores (past the
// caches), for outputs much larger than the cache; call streamFence() after the last such write.

#include <cstdint>

namespace nr::core::kernels {

/// A byte range the statistics will read.
struct Span {
  const char* begin;
  const char* end;
};

/// Software prefetch a fixed distance ahead of the statistics. The sums read a chunk's runs one after the other, and
/// the runs of a chunk are often short and strided (BatchNorm: 12.5 KB of each sample, 800 KB apart), which the
/// hardware prefetcher does not follow: each run would start with a string of cache misses. This cursor walks the
/// spans the sums will read next (the runs of this chunk, then of the next) and prefetches one cache line for each
/// 64 bytes the sums consume, so memory is asked for every line about `lead` bytes before it is needed.
class Ahead {
 public:
  static constexpr int64_t kLine = 64;

  /// The cursor at byte `skip` of spans [first, last), then `lead - skip` bytes prefetched at once (the first `skip`
  /// bytes were prefetched before, while the chunk before was summed).
  void reset(const Span* first, const Span* last, int64_t skip, int64_t lead) {
    m_span = first;
    m_last = last;
    m_line = m_end = nullptr;
    m_credit = 0;
    m_done = false;
    for (int64_t s = 0; s < skip; s += kLine)
      if (!next()) return;
    advance(lead - skip);
  }

  /// The sums consumed `bytes` more: prefetch as many bytes further on.
  void advance(int64_t bytes) {
    if (m_done) return;
    m_credit += bytes;
    const int64_t lines = m_credit / kLine;
    if (lines == 0) return;
    m_credit -= lines * kLine;
    if (m_line + lines * kLine <= m_end) {  // the usual case: all within the current span
      for (int64_t k = 0; k < lines; ++k) prefetch(m_line + k * kLine);
      m_line += lines * kLine;
      return;
    }
    for (int64_t k = 0; k < lines; ++k) {
      const char* p = next();
      if (!p) return;
      prefetch(p);
    }
  }

  /// The start of the next cache line of the spans, which the cursor moves past (nullptr when none is left). A line
  /// shared by two spans is visited for each.
  const char* next() {
    while (m_line >= m_end) {
      if (m_span == m_last) {
        m_done = true;
        return nullptr;
      }
      m_line = m_span->begin - reinterpret_cast<uintptr_t>(m_span->begin) % kLine;
      m_end = m_span->end;
      ++m_span;
    }
    const char* p = m_line;
    m_line += kLine;
    return p;
  }

 private:
  static void prefetch(const char* p) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
  }

  const Span* m_span = nullptr;
  const Span* m_last = nullptr;
  const char* m_line = nullptr;
  const char* m_end = nullptr;
  int64_t m_credit = 0;
  bool m_done = true;
};

/// s1 += Σ(x_i − shift), s2 += Σ(x_i − shift)² over x[0..len): a run that belongs to one group. Advances `ahead` by
/// the bytes read.
void sumShifted(const float* x, int64_t len, double shift, double& s1, double& s2, Ahead& ahead);
void sumShifted(const double* x, int64_t len, double shift, double& s1, double& s2, Ahead& ahead);

/// s1[i] += x_i − shift[i], s2[i] += (x_i − shift[i])²: a run whose elements belong to consecutive groups.
void sumShiftedEach(const float* x, int64_t len, const double* shift, double* s1, double* s2, Ahead& ahead);
void sumShiftedEach(const double* x, int64_t len, const double* shift, double* s1, double* s2, Ahead& ahead);

/// y_i = float((x_i − mean)·scale + shift): a run of one group and one channel.
void affine(const float* x, float* y, int64_t len, double mean, double scale, double shift, bool stream);
void affine(const double* x, float* y, int64_t len, double mean, double scale, double shift, bool stream);

/// y_i = float((x_i − mean[i])·(rstd[i]·gamma) + beta): consecutive groups, one channel.
void affineEach(const float* x, float* y, int64_t len, const double* mean, const double* rstd, double gamma,
                double beta, bool stream);
void affineEach(const double* x, float* y, int64_t len, const double* mean, const double* rstd, double gamma,
                double beta, bool stream);

/// Orders earlier non-temporal stores before everything after it.
void streamFence();

}  // namespace nr::core::kernels
