// The prefetch cursor of the normalization kernels (core/src/normalization_kernels.h). A prefetch has no effect a
// test can see, so the cursor is run with a recorder in place of the instruction, and the lines it asks for are
// checked against the spans it was given; the kernels are checked to move the real cursor by every byte they read.
#include "../../core/src/normalization_kernels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

namespace nr::core::kernels {
namespace {

constexpr int64_t kLine = 64;

struct Recorder {
  std::vector<uintptr_t>* lines = nullptr;
  void operator()(uintptr_t line) const { lines->push_back(line); }
};
using RecordingAhead = BasicAhead<Recorder>;

/// A buffer whose start is a cache-line boundary, so expected lines can be written as offsets.
struct Buffer {
  alignas(64) char bytes[4096];
  const char* at(int64_t offset) const { return bytes + offset; }
  uintptr_t line(int64_t offset) const { return reinterpret_cast<uintptr_t>(bytes + offset); }
};

TEST(NormalizationAhead, AsksForEveryLineOfEverySpanOnceInOrder) {
  static Buffer buf;
  // A span that starts mid-line, one that jumps backwards (strided runs need not be in address order), one byte.
  const Span spans[] = {{buf.at(100), buf.at(300)}, {buf.at(1000), buf.at(1129)}, {buf.at(64), buf.at(65)}};
  std::vector<uintptr_t> lines;
  RecordingAhead a(Recorder{&lines});
  a.reset(spans, spans + 3, 0, 0);
  EXPECT_TRUE(lines.empty());
  for (int64_t step : {1, 63, 100, 7, 150, 9})  // 330 bytes in all, in steps that cross lines and spans anywhere
    a.advance(step);
  const std::vector<uintptr_t> expected = {buf.line(64),  buf.line(128),  buf.line(192),  buf.line(256),   // 100..300
                                           buf.line(960), buf.line(1024), buf.line(1088),                  // 1000..1129
                                           buf.line(64)};                                                  // 64..65
  EXPECT_EQ(lines, expected);
  EXPECT_EQ(a.moved(), 330);
  a.advance(1000);  // past the end: nothing more
  EXPECT_EQ(lines, expected);
  EXPECT_EQ(a.moved(), 330);
}

TEST(NormalizationAhead, LeadIsFetchedAtOnceAndSkippedBytesAreNot) {
  static Buffer buf;
  const Span spans[] = {{buf.at(0), buf.at(640)}, {buf.at(2048), buf.at(2048 + 640)}};
  std::vector<uintptr_t> lines;
  RecordingAhead a(Recorder{&lines});
  // Bytes 0..192 were fetched by an earlier cursor; the lead runs to byte 448.
  a.reset(spans, spans + 2, 3 * kLine, 7 * kLine);
  EXPECT_EQ(lines, (std::vector<uintptr_t>{buf.line(192), buf.line(256), buf.line(320), buf.line(384)}));
  EXPECT_EQ(a.moved(), 7 * kLine);
  lines.clear();
  a.advance(100);  // 448..548
  a.advance(100);  // 548..640, then 2048..2056 in the second span
  EXPECT_EQ(lines, (std::vector<uintptr_t>{buf.line(448), buf.line(512), buf.line(576), buf.line(2048)}));
  EXPECT_EQ(a.moved(), 7 * kLine + 200);
}

TEST(NormalizationAhead, ASkipThatEndsMidLineCountsThatLineAsFetched) {
  static Buffer buf;
  const Span span{buf.at(0), buf.at(1024)};
  std::vector<uintptr_t> lines;
  RecordingAhead a(Recorder{&lines});
  a.reset(&span, &span + 1, 100, 100);  // the line at 64 holds byte 99: fetched with the bytes before
  EXPECT_TRUE(lines.empty());
  a.advance(30);  // 100..130: the line at 128 starts inside
  EXPECT_EQ(lines, (std::vector<uintptr_t>{buf.line(128)}));
}

TEST(NormalizationAhead, NoSpansAndEmptySpansAskForNothing) {
  std::vector<uintptr_t> lines;
  RecordingAhead a(Recorder{&lines});
  a.advance(1 << 20);  // a cursor never reset has no spans
  EXPECT_EQ(a.moved(), 0);
  const Span none[1] = {};
  a.reset(none, none, 0, 16 << 10);
  static Buffer buf;
  const Span empty[] = {{buf.at(10), buf.at(10)}, {buf.at(200), buf.at(200)}};
  a.reset(empty, empty + 2, 0, 16 << 10);
  a.advance(64);
  EXPECT_TRUE(lines.empty());
  EXPECT_EQ(a.moved(), 0);
  Ahead hardware;  // the real one, default-constructed, is also inert
  hardware.advance(1 << 20);
  EXPECT_EQ(hardware.moved(), 0);
}

// ChunkLoop's protocol: a cursor over [this chunk's runs, the next chunk's], then, for the next chunk, a cursor
// over [its runs, the runs after] that skips what the first one had reached into it (moved() − this chunk's bytes).
// Every line of every run must be asked for exactly once per run, whatever the run lengths.
TEST(NormalizationAhead, ChunkAfterChunkEveryLineOnce) {
  static float data[3 * 32 * 49 + 64];
  // Three chunks of 32 strided runs of 49 floats (196 bytes: runs start anywhere within a line), 300 floats apart.
  std::vector<std::vector<Span>> chunks(3);
  for (int c = 0; c < 3; ++c)
    for (int r = 0; r < 32; ++r) {
      const float* p = data + (r * 3 + c) * 49 + r;  // a gap of one float before each sample's runs
      chunks[c].push_back({reinterpret_cast<const char*>(p), reinterpret_cast<const char*>(p + 49)});
    }
  for (int64_t lead : {int64_t(64), int64_t(1000), int64_t(16) << 10}) {
    SCOPED_TRACE("lead " + std::to_string(lead));
    std::vector<uintptr_t> lines;
    RecordingAhead a(Recorder{&lines});
    int64_t chunkBytes = 0;
    for (int c = 0; c < 3; ++c) {
      std::vector<Span> spans = chunks[c];
      if (c + 1 < 3) spans.insert(spans.end(), chunks[c + 1].begin(), chunks[c + 1].end());
      const int64_t into = c == 0 ? 0 : std::clamp(a.moved() - chunkBytes, int64_t(0), lead);
      a.reset(spans.data(), spans.data() + spans.size(), into, lead);
      chunkBytes = 0;
      for (const Span& s : chunks[c]) {
        a.advance(s.end - s.begin);  // what sumShifted does for a run (checked below)
        chunkBytes += s.end - s.begin;
      }
    }
    // Expected: for each run, the lines it touches; a line shared by two neighbouring runs is asked for by each.
    std::map<uintptr_t, int> want, got;
    for (const auto& chunk : chunks)
      for (const Span& s : chunk)
        for (uintptr_t l = reinterpret_cast<uintptr_t>(s.begin) & ~uintptr_t(63); l < reinterpret_cast<uintptr_t>(s.end);
             l += 64)
          ++want[l];
    for (uintptr_t l : lines) ++got[l];
    EXPECT_EQ(got, want);
  }
}

// The kernels move the cursor by exactly the bytes they read, the last vectors and elements of a run included, so
// that ChunkLoop's skip is what was fetched.
TEST(NormalizationAhead, KernelsMoveTheCursorByEveryByteTheyRead) {
  std::vector<float> xf(4096, 1.5f);
  std::vector<double> xd(4096, 1.5), shift(4096, 1.0), s1(4096, 0.0), s2(4096, 0.0);
  const Span all[] = {{reinterpret_cast<const char*>(xf.data()), reinterpret_cast<const char*>(xf.data() + 4096)},
                      {reinterpret_cast<const char*>(xd.data()), reinterpret_cast<const char*>(xd.data() + 4096)}};
  for (int64_t len : {1, 3, 7, 8, 9, 31, 33, 49, 63, 64, 65, 127, 129, 200, 513}) {
    SCOPED_TRACE("len " + std::to_string(len));
    Ahead a;
    a.reset(all, all + 2, 0, 64);
    double t1 = 0, t2 = 0;
    sumShifted(xf.data(), len, 1.0, t1, t2, a);
    EXPECT_EQ(a.moved(), 64 + len * 4);
    sumShiftedEach(xf.data(), len, shift.data(), s1.data(), s2.data(), a);
    EXPECT_EQ(a.moved(), 64 + len * 8);
    a.reset(all + 1, all + 2, 0, 64);
    sumShifted(xd.data(), len, 1.0, t1, t2, a);
    EXPECT_EQ(a.moved(), 64 + len * 8);
    sumShiftedEach(xd.data(), len, shift.data(), s1.data(), s2.data(), a);
    EXPECT_EQ(a.moved(), 64 + len * 16);
  }
}

}  // namespace
}  // namespace nr::core::kernels
