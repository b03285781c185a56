// The prefetch cursor of the normalization kernels (core/src/normalization_kernels.h): a prefetch has no effect a
// test can see, so these check the lines the cursor names, in order, against the spans it was given.
#include "../../core/src/normalization_kernels.h"

#include <gtest/gtest.h>

#include <vector>

namespace nr::core::kernels {
namespace {

constexpr int64_t kLine = Ahead::kLine;

/// A buffer whose start is a cache-line boundary, so expected lines can be written as offsets.
struct Buffer {
  alignas(64) char bytes[4096];
  const char* at(int64_t offset) const { return bytes + offset; }
};

std::vector<const char*> drain(Ahead& a) {
  std::vector<const char*> lines;
  while (const char* p = a.next()) lines.push_back(p);
  return lines;
}

TEST(NormalizationAhead, NamesEveryLineOfEverySpanInOrder) {
  static Buffer buf;
  // A span that starts mid-line, one that jumps backwards (strided runs need not be in address order), one line.
  const Span spans[] = {{buf.at(100), buf.at(300)}, {buf.at(1000), buf.at(1129)}, {buf.at(64), buf.at(65)}};
  Ahead a;
  a.reset(spans, spans + 3, 0, 0);
  const std::vector<const char*> expected = {buf.at(64),   buf.at(128),  buf.at(192),  buf.at(256),  // 100..300
                                             buf.at(960),  buf.at(1024), buf.at(1088),                // 1000..1129
                                             buf.at(64)};                                             // 64..65
  EXPECT_EQ(drain(a), expected);
  EXPECT_EQ(a.next(), nullptr);
}

TEST(NormalizationAhead, SkipAndAdvanceMoveByWholeLines) {
  static Buffer buf;
  const Span spans[] = {{buf.at(0), buf.at(640)}, {buf.at(2048), buf.at(2048 + 640)}};
  Ahead a;
  // Skip 3 lines, prefetch 4 more at once (lead 7 lines): the next line named is the 8th.
  a.reset(spans, spans + 2, 3 * kLine, 7 * kLine);
  EXPECT_EQ(a.next(), buf.at(7 * kLine));
  // 100 + 100 bytes consumed: three lines prefetched (the remainder waits for more), across into the second span.
  a.advance(100);
  a.advance(100);
  EXPECT_EQ(a.next(), buf.at(2048 + kLine));
  // Past the end it stays at the end.
  a.advance(1 << 20);
  EXPECT_EQ(a.next(), nullptr);
  a.advance(kLine);
  EXPECT_EQ(a.next(), nullptr);
}

TEST(NormalizationAhead, NoSpansNamesNothing) {
  Ahead a;
  a.advance(1 << 20);  // a default cursor has no spans
  EXPECT_EQ(a.next(), nullptr);
  const Span none[1] = {};
  a.reset(none, none, 0, 16 << 10);
  EXPECT_EQ(a.next(), nullptr);
}

}  // namespace
}  // namespace nr::core::kernels
