// Normalization over any axis subset.
//
// [SECTION] Axis sets, presets and validation
// [SECTION] Group indexing
// [SECTION] Chunks: complete groups that are read in, summed and normalized while still cached
// [SECTION] normalize()
//
// Numerical choices, because correct numbers are the product:
// - Statistics are accumulated in double precision, and of x − K with K a value of the group itself. With the
//   shift, E[(x−K)²] − E[x−K]² does not cancel catastrophically even at an offset of 1e4 (the single-precision
//   one-pass formula loses the whole variance there).
// - The output is computed in double, y = (x − μ)·(γ/√(σ²+ε)) + β, and rounded to float once. A constant group
//   has x − μ = 0 exactly, so it gives exactly β.
// - float64 input is summed as it is, not rounded to float32 first.
//
// Memory traffic: on large tensors memory, not arithmetic, sets the pace, so each element should come from DRAM
// once. The tensor is cut into chunks of complete groups that fit the cache: a chunk's statistics are
// summed while it is read in, and its output is written while it is still cached. Every preset qualifies (a
// LayerNorm sample of 64×56×56 floats is 800 KB; a BatchNorm channel of 32 samples is 400 KB in 32 runs), and so
// does any axis subset whose groups fit; only a group larger than the cache is read twice from memory. A tensor
// much larger than the cache is read ahead by a software prefetch cursor that follows the chunks' runs (see
// ChunkLoop). The inner loops are in normalization_kernels.cpp.

#include "nr/normalization.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

#include "normalization_kernels.h"

namespace nr::core {

// [SECTION] Axis sets, presets and validation

std::string AxisSet::toString() const {
  std::string s;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!s.empty()) s += ',';
    s += name;
  };
  add(n, "N");
  add(c, "C");
  add(h, "H");
  add(w, "W");
  return s;
}

std::optional<AxisSet> AxisSet::parse(const std::string& text, std::string* error) {
  const std::string hint = "name each reduced axis once from N, C, H, W (L for rank 3), separated by commas, e.g. N,H,W";
  AxisSet a;
  std::string token;
  std::vector<std::string> tokens;
  for (char ch : text + ",") {
    if (ch == ',' || std::isspace(static_cast<unsigned char>(ch))) {
      if (!token.empty()) tokens.push_back(token);
      token.clear();
    } else {
      token += ch;
    }
  }
  for (const std::string& t : tokens) {
    bool* slot = nullptr;
    if (t.size() == 1) {
      switch (std::toupper(static_cast<unsigned char>(t[0]))) {
        case 'N': slot = &a.n; break;
        case 'C': slot = &a.c; break;
        case 'H':
        case 'L': slot = &a.h; break;
        case 'W': slot = &a.w; break;
        default: break;
      }
    }
    if (!slot || *slot) {
      if (error) *error = "axes '" + text + "' are not valid: " + hint;
      return std::nullopt;
    }
    *slot = true;
  }
  if (!a.any()) {
    if (error) *error = "axes '" + text + "' name no axis: " + hint;
    return std::nullopt;
  }
  return a;
}

const char* toString(NormKind kind) {
  switch (kind) {
    case NormKind::Batch: return "batch";
    case NormKind::Layer: return "layer";
    case NormKind::Instance: return "instance";
    case NormKind::Group: return "group";
  }
  return "?";
}

std::optional<NormKind> parseNormKind(const std::string& text) {
  for (NormKind k : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group})
    if (text == toString(k)) return k;
  return std::nullopt;
}

AxisSet presetAxes(NormKind kind) {
  switch (kind) {
    case NormKind::Batch: return {true, false, true, true};
    case NormKind::Layer: return {false, true, true, true};
    case NormKind::Instance: return {false, false, true, true};
    case NormKind::Group: return {false, true, true, true};
  }
  return {};
}

NormSpec NormSpec::preset(NormKind kind, int64_t groups, double eps) {
  NormSpec s;
  s.axes = presetAxes(kind);
  s.groups = kind == NormKind::Group ? groups : 1;
  s.eps = eps;
  return s;
}

std::vector<int64_t> divisors(int64_t c) {
  std::vector<int64_t> d;
  for (int64_t i = 1; i <= c; ++i)
    if (c % i == 0) d.push_back(i);
  return d;
}

static std::string joinTry(const std::vector<int64_t>& values) {
  std::string s;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) s += i + 1 == values.size() ? " or " : ", ";
    s += std::to_string(values[i]);
  }
  return s;
}

std::string validate(const Tensor& x, const NormSpec& spec) {
  if (x.empty()) return "the input tensor is empty";
  if (!spec.axes.any()) return "choose at least one axis to normalize over (N, C, H or W)";
  if (spec.groups < 1) return "groups (" + std::to_string(spec.groups) + ") must be at least 1";
  if (spec.groups != 1) {
    if (!spec.axes.c)
      return "groups (" + std::to_string(spec.groups) + ") only apply when C is reduced; use groups 1 or add C";
    if (x.c() % spec.groups != 0) {
      std::vector<int64_t> d = divisors(x.c());
      return "groups (" + std::to_string(spec.groups) + ") must divide channels (" + std::to_string(x.c()) +
             "); try " + joinTry(d);
    }
  }
  if (!std::isfinite(spec.eps) || spec.eps <= 0) return "eps must be a positive finite number, e.g. 1e-5";
  auto checkParam = [&](const std::vector<float>& p, const char* name) -> std::string {
    if (p.empty()) return {};
    if (static_cast<int64_t>(p.size()) != x.c())
      return std::string(name) + " has " + std::to_string(p.size()) + " values but the input has " +
             std::to_string(x.c()) + " channels; give one value per channel";
    for (size_t i = 0; i < p.size(); ++i)
      if (!std::isfinite(p[i])) return std::string(name) + "[" + std::to_string(i) + "] is not a finite number";
    return {};
  };
  if (std::string e = checkParam(spec.gamma, "gamma"); !e.empty()) return e;
  if (std::string e = checkParam(spec.beta, "beta"); !e.empty()) return e;
  return {};
}

// [SECTION] Group indexing

GroupIndexer::GroupIndexer(const Tensor& x, const NormSpec& spec) {
  m_dims[0] = x.n();
  m_dims[1] = x.c();
  m_dims[2] = x.h();
  m_dims[3] = x.w();
  const AxisSet& a = spec.axes;
  const int64_t g = a.c ? std::max<int64_t>(spec.groups, 1) : 1;
  m_channelsPerGroup = a.c ? x.c() / g : 1;
  const int64_t eN = a.n ? 1 : x.n();
  const int64_t eC = a.c ? g : x.c();
  const int64_t eH = a.h ? 1 : x.h();
  const int64_t eW = a.w ? 1 : x.w();
  m_strideW = a.w ? 0 : 1;
  m_strideH = a.h ? 0 : eW;
  m_strideC = eH * eW;  // c / channelsPerGroup is 0 when all channels form one group
  m_strideN = a.n ? 0 : eC * eH * eW;
  m_count = eN * eC * eH * eW;
  m_size = x.size() / m_count;
}

int64_t GroupIndexer::groupOfOffset(int64_t offset) const {
  const int64_t w = offset % m_dims[3];
  offset /= m_dims[3];
  const int64_t h = offset % m_dims[2];
  offset /= m_dims[2];
  const int64_t c = offset % m_dims[1];
  const int64_t n = offset / m_dims[1];
  return groupOf(n, c, h, w);
}

std::vector<int32_t> GroupIndexer::groupMap() const {
  std::vector<int32_t> map;
  map.reserve(static_cast<size_t>(m_dims[0] * m_dims[1] * m_dims[2] * m_dims[3]));
  for (int64_t n = 0; n < m_dims[0]; ++n)
    for (int64_t c = 0; c < m_dims[1]; ++c)
      for (int64_t h = 0; h < m_dims[2]; ++h)
        for (int64_t w = 0; w < m_dims[3]; ++w) map.push_back(static_cast<int32_t>(groupOf(n, c, h, w)));
  return map;
}

// [SECTION] Chunks: complete groups that are read in, summed and normalized while still cached

namespace {

/// Bytes of input that decide how a tensor is cut into chunks.
struct CacheBudget {
  int64_t target;  ///< chunks are grown to about this: the core's own cache (L2), where a second read is cheapest
                   ///< (a quarter of it for an input from memory, see ChunkLoop)
  int64_t limit;   ///< the largest chunk whose second read still comes from a cache; larger groups take two passes
};

/// The second read of a chunk finds it in L2 or, once the output has pushed it out, in the L3 share of this core;
/// a quarter of L3 leaves room for the output and for other programs (and some systems report the L3 of the whole
/// package, hence the 8 MiB cap).
CacheBudget cacheBudget(int64_t limitOverride) {
  static const CacheBudget kMachine = [] {
    int64_t l2 = 0, l3 = 0;
#if defined(_SC_LEVEL2_CACHE_SIZE) && defined(_SC_LEVEL3_CACHE_SIZE)
    l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
    l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
#endif
    if (l2 < (int64_t(64) << 10)) l2 = int64_t(512) << 10;
    if (l3 < 0) l3 = 0;
    return CacheBudget{l2, std::max(l2, std::min(l3 / 4, int64_t(8) << 20))};
  }();
  if (limitOverride <= 0) return kMachine;
  return CacheBudget{std::min(kMachine.target, limitOverride), limitOverride};
}

/// The canonical 4-D view of one call. Channels come in blocks of `cpg` (the channels of one group when C is
/// reduced, else 1), so the axes are N, channel block, H, W, and the block axis is always kept. An axis is "kept"
/// when each of its indices has statistics of its own; an axis of extent 1 counts as reduced.
struct Layout {
  int64_t e[4];  ///< N, C/cpg, H, W
  int64_t cpg;
  bool keep[4];
};

Layout layoutOf(const Tensor& x, const NormSpec& spec) {
  Layout l;
  l.cpg = spec.axes.c ? x.c() / std::max<int64_t>(spec.groups, 1) : 1;
  l.e[0] = x.n();
  l.e[1] = x.c() / l.cpg;
  l.e[2] = x.h();
  l.e[3] = x.w();
  l.keep[0] = !spec.axes.n && x.n() > 1;
  l.keep[1] = true;
  l.keep[2] = !spec.axes.h && x.h() > 1;
  l.keep[3] = !spec.axes.w && x.w() > 1;
  return l;
}

/// Chunks are boxes of b[i] indices along each axis; a reduced axis is always whole, so a chunk holds complete
/// groups.
struct Plan {
  int64_t b[4];
  bool onePass;
};

/// Contiguous stretches of a chunk of at least this many bytes: every run costs a few calls and a span of the
/// prefetch cursor whatever its length, and memory serves long stretches best.
constexpr int64_t kMinRunBytes = int64_t(4) << 10;

/// Elements in one contiguous run of a chunk, and the axis whose block cuts the runs (-1: the chunk is one run).
int64_t runElements(const Layout& l, const Plan& p, int& cut) {
  int64_t run = 1;
  cut = -1;
  for (int i = 3; i >= 0; --i) {
    const int64_t scale = i == 1 ? l.cpg : 1;  // a channel block is cpg channels
    run *= p.b[i] * scale;
    if (p.b[i] < l.e[i]) {
      cut = i;
      break;
    }
  }
  return run;
}

Plan planChunks(const Layout& l, int64_t elemBytes, const CacheBudget& budget) {
  Plan p;
  int64_t size = l.cpg;  // elements of the smallest chunk: every reduced axis whole, one index of each kept axis
  for (int i = 0; i < 4; ++i) {
    p.b[i] = l.keep[i] ? 1 : l.e[i];
    size *= p.b[i];
  }
  p.onePass = size * elemBytes <= budget.limit;
  if (p.onePass) {
    // Grow the kept axes from the innermost out to about the target: longer contiguous runs, fewer chunks.
    for (int i = 3; i >= 0; --i) {
      if (!l.keep[i]) continue;
      p.b[i] = std::min(l.e[i], std::max<int64_t>(1, budget.target / (size * elemBytes)));
      size *= p.b[i];
    }
    // A chunk whose contiguous stretches are very short (an axis subset that keeps H and W: a few positions of every
    // plane; BatchNorm on small planes) grows along the axis that cuts them until they are kMinRunBytes long, within
    // half the limit. (runElements counts consecutive channels as one stretch; where each channel is summed as a run
    // of its own, the chunk grows without its runs growing, which costs nothing but size.)
    for (;;) {
      int cut = -1;
      const int64_t run = runElements(l, p, cut);
      if (cut < 0 || run * elemBytes >= kMinRunBytes) break;
      const int64_t perIndex = size / p.b[cut], runPerIndex = run / p.b[cut];
      const int64_t want = (kMinRunBytes / elemBytes + runPerIndex - 1) / runPerIndex;
      const int64_t cap = budget.limit / 2 / (perIndex * elemBytes);
      const int64_t b = std::min({l.e[cut], want, cap});
      if (b <= p.b[cut]) break;
      p.b[cut] = b;
      size = perIndex * b;
    }
  } else {
    // A group larger than the cache is read twice from memory whatever the chunk, so the kept axes inside the
    // outermost reduced one are taken whole (long contiguous runs) and the outer ones one index at a time.
    int inner = 4;  // kept axes from this one inwards are whole
    if (!l.keep[0] && l.e[0] > 1)
      inner = 1;
    else if (l.cpg > 1)
      inner = 2;
    else if (!l.keep[2] && l.e[2] > 1)
      inner = 3;
    for (int i = inner; i < 4; ++i) p.b[i] = l.e[i];
  }
  return p;
}

/// A contiguous run of elements of one channel: either all in group g (each = false) or element i in group g + i.
struct Run {
  int64_t offset, len, group, channel;
  bool each;
};

/// One chunk: ranges [lo, hi) along N, channel block, H and W.
struct Box {
  int64_t lo[4], hi[4];
};

/// The runs of a chunk, in memory order (samples, then channels, then rows).
template <typename F>
void forEachRun(const Tensor& shape, const GroupIndexer& gi, const Layout& l, const Box& b, F&& f) {
  const int64_t W = l.e[3], H = l.e[2];
  const bool kh = l.keep[2], kw = l.keep[3];
  const int64_t w0 = b.lo[3], w1 = b.hi[3], h0 = b.lo[2], h1 = b.hi[2];
  for (int64_t n = b.lo[0]; n < b.hi[0]; ++n)
    for (int64_t c = b.lo[1] * l.cpg; c < b.hi[1] * l.cpg; ++c) {
      if (!kh && !kw) {
        f(Run{shape.offset(n, c), H * W, gi.groupOf(n, c), c, false});
      } else if (kh && kw && w0 == 0 && w1 == W) {  // whole rows of consecutive groups: one run
        f(Run{shape.offset(n, c, h0), (h1 - h0) * W, gi.groupOf(n, c, h0), c, true});
      } else if (kh && !kw) {
        for (int64_t h = h0; h < h1; ++h) f(Run{shape.offset(n, c, h), W, gi.groupOf(n, c, h), c, false});
      } else {  // W kept and cut into blocks, or H reduced: row by row
        for (int64_t h = kh ? h0 : 0; h < (kh ? h1 : H); ++h)
          f(Run{shape.offset(n, c, h, w0), w1 - w0, gi.groupOf(n, c, h, w0), c, true});
      }
    }
}

/// The groups of a chunk, each with the offset of its first element (its data shift K).
template <typename F>
void forEachGroup(const Tensor& shape, const GroupIndexer& gi, const Layout& l, const Box& b, F&& f) {
  auto range = [&](int i, int64_t& lo, int64_t& hi) {
    lo = l.keep[i] ? b.lo[i] : 0;
    hi = l.keep[i] ? b.hi[i] : 1;
  };
  int64_t r[4][2];
  for (int i = 0; i < 4; ++i) range(i, r[i][0], r[i][1]);
  r[1][0] = b.lo[1];
  r[1][1] = b.hi[1];
  for (int64_t n = r[0][0]; n < r[0][1]; ++n)
    for (int64_t cb = r[1][0]; cb < r[1][1]; ++cb)
      for (int64_t h = r[2][0]; h < r[2][1]; ++h)
        for (int64_t w = r[3][0]; w < r[3][1]; ++w)
          f(gi.groupOf(n, cb * l.cpg, h, w), shape.offset(n, cb * l.cpg, h, w));
}

/// The chunk after b in memory order (b.lo advances like an odometer, N outermost); false after the last one.
bool nextBox(const Layout& l, const Plan& p, Box& b) {
  for (int i = 3; i >= 0; --i) {
    b.lo[i] += p.b[i];
    if (b.lo[i] < l.e[i]) {
      for (int j = i; j < 4; ++j) b.hi[j] = std::min(b.lo[j] + p.b[j], l.e[j]);
      return true;
    }
    b.lo[i] = 0;
    b.hi[i] = std::min(p.b[i], l.e[i]);
  }
  return false;
}

/// Bytes the statistics ask memory for ahead of their reading (see kernels::Ahead): enough to cover the latency
/// of memory at its full rate, little next to the cache.
constexpr int64_t kAheadBytes = int64_t(16) << 10;

/// Normalizes x (float or double, the shape of out.output) chunk by chunk: a chunk's statistics are summed while
/// it comes in (from memory, with the next bytes prefetched across the runs of this chunk and the next), then its
/// output is written while it is still cached. While a chunk is summed, out.mean holds each group's shift K,
/// out.rstd its Σ(x−K) and out.var its Σ(x−K)²; they become μ, 1/√(σ²+ε) and σ² before the chunk's output is
/// written, so no scratch memory is needed.
template <typename T>
class ChunkLoop {
 public:
  ChunkLoop(const T* x, const NormSpec& spec, const NormTuning& tuning, NormResult& out)
      : m_x(x), m_spec(spec), m_out(out), m_layout(layoutOf(out.output, spec)) {
    CacheBudget budget = cacheBudget(tuning.cacheBytes);
    // An input much larger than the cache comes from memory, in chunks grown to about a quarter of L2 (still whole
    // in L2 when their output is written; never below one complete group, so a LayerNorm chunk of 64×56×56 floats
    // is 800 KB) with the prefetch cursor ahead of the sums. A smaller one is in a cache already from one call to
    // the next (a training step, a benchmark loop): prefetching it only costs instructions, and larger chunks mean
    // fewer of them.
    m_fromMemory = out.output.size() * int64_t(sizeof(T)) > 2 * budget.limit;
    if (m_fromMemory) budget.target /= 4;
    m_plan = planChunks(m_layout, sizeof(T), budget);
    out.passes = m_plan.onePass ? 1 : 2;
    // An output much larger than the cache is written past it: nothing would find it there, and a cached write
    // first reads the line from memory.
    m_stream = out.output.size() * int64_t(sizeof(float)) > 2 * budget.limit;
  }

  void run() {
    Box box;
    for (int i = 0; i < 4; ++i) {
      box.lo[i] = 0;
      box.hi[i] = std::min(m_plan.b[i], m_layout.e[i]);
    }
    collect(box, m_runs);
    for (bool first = true;; first = false) {
      Box next = box;
      const bool more = nextBox(m_layout, m_plan, next);
      m_nextRuns.clear();
      if (more) collect(next, m_nextRuns);
      aheadOver(first);
      begin(box);
      for (const Run& r : m_runs) sum(r);
      finish(box);
      for (const Run& r : m_runs) write(r);
      if (!more) break;
      box = next;
      m_runs.swap(m_nextRuns);
    }
    if (m_stream) kernels::streamFence();
  }

 private:
  void collect(const Box& b, std::vector<Run>& into) const {
    into.clear();
    forEachRun(m_out.output, m_out.groups, m_layout, b, [&](const Run& r) { into.push_back(r); });
  }

  /// The prefetch cursor over this chunk's runs and the next chunk's, kAheadBytes into them. While the chunk
  /// before was summed, the cursor ran into this one's runs (all of them if they are fewer than kAheadBytes): those
  /// bytes are skipped, the rest prefetched now. Only for an input from memory.
  void aheadOver(bool first) {
    m_spans.clear();
    if (!m_fromMemory) return;
    const int64_t into = first ? 0 : std::clamp(m_ahead.moved() - m_chunkBytes, int64_t(0), kAheadBytes);
    m_chunkBytes = 0;
    for (const std::vector<Run>* runs : {&m_runs, &m_nextRuns})
      for (const Run& r : *runs) {
        const char* p = reinterpret_cast<const char*>(m_x + r.offset);
        const int64_t bytes = r.len * int64_t(sizeof(T));
        m_spans.push_back({p, p + bytes});
        if (runs == &m_runs) m_chunkBytes += bytes;
      }
    m_ahead.reset(m_spans.data(), m_spans.data() + m_spans.size(), into, kAheadBytes);
  }

  /// Shift K = the group's first element, sums 0, for every group of chunk b.
  void begin(const Box& b) {
    forEachGroup(m_out.output, m_out.groups, m_layout, b, [&](int64_t g, int64_t first) {
      m_out.mean[g] = static_cast<double>(m_x[first]);
      m_out.var[g] = m_out.rstd[g] = 0.0;
    });
  }

  /// The sums of chunk b become μ, σ² and 1/√(σ²+ε).
  void finish(const Box& b) {
    const double m = static_cast<double>(m_out.groups.groupSize());
    forEachGroup(m_out.output, m_out.groups, m_layout, b, [&](int64_t g, int64_t) {
      const double d1 = m_out.rstd[g] / m;
      const double v = std::max(m_out.var[g] / m - d1 * d1, 0.0);
      m_out.mean[g] += d1;
      m_out.var[g] = v;
      m_out.rstd[g] = 1.0 / std::sqrt(v + m_spec.eps);
    });
  }

  void sum(const Run& r) {
    double* k = m_out.mean.data() + r.group;
    double* s1 = m_out.rstd.data() + r.group;
    double* s2 = m_out.var.data() + r.group;
    if (r.each)
      kernels::sumShiftedEach(m_x + r.offset, r.len, k, s1, s2, m_ahead);
    else
      kernels::sumShifted(m_x + r.offset, r.len, *k, *s1, *s2, m_ahead);
  }

  double gamma(int64_t c) const { return m_spec.gamma.empty() ? 1.0 : static_cast<double>(m_spec.gamma[c]); }
  double beta(int64_t c) const { return m_spec.beta.empty() ? 0.0 : static_cast<double>(m_spec.beta[c]); }

  void write(const Run& r) {
    const T* x = m_x + r.offset;
    float* y = m_out.output.data() + r.offset;
    if (r.each)
      kernels::affineEach(x, y, r.len, m_out.mean.data() + r.group, m_out.rstd.data() + r.group, gamma(r.channel),
                          beta(r.channel), m_stream);
    else
      kernels::affine(x, y, r.len, m_out.mean[r.group], m_out.rstd[r.group] * gamma(r.channel), beta(r.channel),
                      m_stream);
  }

  const T* m_x;
  const NormSpec& m_spec;
  NormResult& m_out;
  Layout m_layout;
  Plan m_plan;
  bool m_fromMemory = false, m_stream = false;
  std::vector<Run> m_runs, m_nextRuns;  ///< the runs of this chunk and of the next
  std::vector<kernels::Span> m_spans;   ///< both, as the bytes the prefetch cursor walks
  kernels::Ahead m_ahead;
  int64_t m_chunkBytes = 0;  ///< bytes of this chunk's runs (the first of the cursor's spans)
};

/// Checks the spec, sizes the result for `shape` and numbers the groups.
void prepare(const std::vector<int64_t>& shape, const NormSpec& spec, NormResult& out) {
  if (out.output.shape() != shape) out.output = Tensor(shape);
  if (std::string err = validate(out.output, spec); !err.empty()) throw std::invalid_argument(err);
  out.groups = GroupIndexer(out.output, spec);
  const auto groups = static_cast<size_t>(out.groups.groupCount());
  out.mean.resize(groups);
  out.var.resize(groups);
  out.rstd.resize(groups);
}

}  // namespace

// [SECTION] normalize()

NormResult normalize(const Tensor& x, const NormSpec& spec, const NormTuning& tuning) {
  NormResult r;
  normalizeInto(x, spec, r, tuning);
  return r;
}

void normalizeInto(const Tensor& x, const NormSpec& spec, NormResult& out, const NormTuning& tuning) {
  if (std::string err = validate(x, spec); !err.empty()) throw std::invalid_argument(err);
  prepare(x.shape(), spec, out);
  ChunkLoop<float>(x.data(), spec, tuning, out).run();
}

void normalizeInto(const double* x, const std::vector<int64_t>& shape, const NormSpec& spec, NormResult& out,
                   const NormTuning& tuning) {
  prepare(shape, spec, out);
  ChunkLoop<double>(x, spec, tuning, out).run();
}

}  // namespace nr::core
