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
/// hardware prefetcher does not follow: each run would start with a string of cache misses. This cursor is a byte
/// position in the spans the sums will read next (the runs of this chunk, then of the next): the sums move it by the
/// bytes they read, and it asks memory for every cache line it enters, so each line is requested about `lead` bytes
/// of reading before it is needed. Addresses are kept as integers (a line start may lie before a span's first byte,
/// and prefetches never dereference); `Prefetch` is the hardware instruction, or a recorder in the tests.
template <typename Prefetch>
class BasicAhead {
 public:
  static constexpr int64_t kLine = 64;

  BasicAhead() = default;
  explicit BasicAhead(Prefetch prefetch) : m_prefetch(prefetch) {}

  /// The cursor at byte `skip` of spans [first, last) (bytes whose lines were prefetched before, while the chunk
  /// before was summed), then moved on to byte `lead`, prefetching. `skip` ≤ `lead`.
  void reset(const Span* first, const Span* last, int64_t skip, int64_t lead) {
    m_span = first;
    m_last = last;
    m_pos = m_end = 0;
    m_moved = 0;
    m_done = false;
    move(skip, false);
    move(lead - skip, true);
  }

  /// The sums read `bytes` more: move as far, prefetching every line entered.
  void advance(int64_t bytes) {
    if (!m_done) move(bytes, true);
  }

  /// Bytes moved since reset() (skip and lead included); stops growing at the end of the spans.
  int64_t moved() const { return m_moved; }

 private:
  void move(int64_t bytes, bool fetch) {
    while (bytes > 0) {
      if (m_pos == m_end && !nextSpan(fetch)) return;
      const auto step = static_cast<uintptr_t>(bytes) < m_end - m_pos ? static_cast<uintptr_t>(bytes) : m_end - m_pos;
      if (fetch) {
        // Lines that start in [m_pos, m_pos + step): those that start before m_pos were fetched before.
        const uintptr_t mask = uintptr_t(kLine - 1);
        for (uintptr_t line = (m_pos + mask) & ~mask; line < m_pos + step; line += kLine) m_prefetch(line);
      }
      m_pos += step;
      m_moved += static_cast<int64_t>(step);
      bytes -= static_cast<int64_t>(step);
    }
  }

  /// The cursor at the start of the next span; false (and done) when none is left. A first line that starts before
  /// the span is fetched here (move() fetches lines from the cursor on).
  bool nextSpan(bool fetch) {
    for (;;) {
      if (m_span == m_last) {
        m_done = true;
        return false;
      }
      m_pos = reinterpret_cast<uintptr_t>(m_span->begin);
      m_end = reinterpret_cast<uintptr_t>(m_span->end);
      ++m_span;
      if (m_pos == m_end) continue;
      if (fetch && (m_pos & uintptr_t(kLine - 1)) != 0) m_prefetch(m_pos & ~uintptr_t(kLine - 1));
      return true;
    }
  }

  const Span* m_span = nullptr;
  const Span* m_last = nullptr;
  uintptr_t m_pos = 0, m_end = 0;  ///< position in the current span, and its end
  int64_t m_moved = 0;
  bool m_done = true;
  Prefetch m_prefetch{};
};

/// The hardware's prefetch into the nearest cache (nothing where the compiler has no such builtin).
struct HardwarePrefetch {
  void operator()(uintptr_t line) const {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(reinterpret_cast<const char*>(line));
#else
    (void)line;
#endif
  }
};

using Ahead = BasicAhead<HardwarePrefetch>;

/// s1 += Σ(x_i − shift), s2 += Σ(x_i − shift)² over x[0..len): a run that belongs to one group. Advances `ahead` by
/// the bytes read (all len elements).
void sumShifted(const float* x, int64_t len, double shift, double& s1, double& s2, Ahead& ahead);
void sumShifted(const double* x, int64_t len, double shift, double& s1, double& s2, Ahead& ahead);

/// s1[i] += x_i − shift[i], s2[i] += (x_i − shift[i])²: a run whose elements belong to consecutive groups. Advances
/// `ahead` by the bytes read.
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
