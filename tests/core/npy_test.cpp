#include "nr/npy.h"

#include <gtest/gtest.h>

#include <cstring>

namespace nr::core {
namespace {

// A .npy file built byte by byte, independently of encodeNpy*, so the reader is tested against the format itself.
std::string npyBytes(const std::string& dict, const std::string& data, int major = 1) {
  std::string header = dict;
  const size_t prefix = major == 1 ? 10 : 12;
  header.append((64 - (prefix + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY", 6);
  out += char(major);
  out += '\0';
  if (major == 1) {
    out += char(header.size() & 0xff);
    out += char(header.size() >> 8);
  } else {
    for (int i = 0; i < 4; ++i) out += char((header.size() >> (8 * i)) & 0xff);
  }
  return out + header + data;
}

std::string floats(std::initializer_list<float> v) {
  std::string s(v.size() * 4, '\0');
  std::memcpy(&s[0], std::data(v), s.size());
  return s;
}

std::string errorOf(const std::string& bytes) {
  try {
    parseNpy(bytes, "x.npy");
  } catch (const NpyError& e) {
    return e.what();
  }
  return "";
}

TEST(Npy, ReadsHandMadeFloat32) {
  NpyArray a = parseNpy(npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                                 floats({1, 2, 3, 4, 5, -6.5f})));
  EXPECT_EQ(a.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(a.values, (std::vector<double>{1, 2, 3, 4, 5, -6.5}));
  EXPECT_FALSE(a.wasFloat64);
}

TEST(Npy, ReadsVersion2AndOneDimensional) {
  double d[3] = {0.1, -2.0, 1e300};
  std::string data(reinterpret_cast<char*>(d), sizeof d);
  NpyArray a = parseNpy(npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", data, 2));
  EXPECT_EQ(a.shape, (std::vector<int64_t>{3}));
  EXPECT_EQ(a.values, (std::vector<double>{0.1, -2.0, 1e300}));
  EXPECT_TRUE(a.wasFloat64);
}

TEST(Npy, RoundTripFloat32AndFloat64) {
  std::vector<float> f = {1.5f, -0.25f, 3e-8f, 7, 8, 9, 10, 11};
  NpyArray a = parseNpy(encodeNpyFloat32({2, 2, 2}, f.data(), f.size()));
  EXPECT_EQ(a.shape, (std::vector<int64_t>{2, 2, 2}));
  for (size_t i = 0; i < f.size(); ++i) EXPECT_EQ(a.values[i], f[i]);
  std::vector<double> d = {1.0 / 3.0, -1e-300};
  std::string bytes = encodeNpyFloat64({1, 2}, d.data(), d.size());
  EXPECT_EQ((bytes.size() - 2 * 8) % 64, 0u);  // data aligned as numpy does
  NpyArray b = parseNpy(bytes);
  EXPECT_EQ(b.values, d);
  EXPECT_TRUE(b.wasFloat64);
}

TEST(Npy, ZeroSizeArray) {
  // Found by the .npy fuzzer (tests/fuzz/corpus/npy/regression-zero-size-memcpy.npy): UB on a (0, 3) array.
  NpyArray a = parseNpy(npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", ""));
  EXPECT_EQ(a.shape, (std::vector<int64_t>{0, 3}));
  EXPECT_TRUE(a.values.empty());
}

TEST(Npy, RefusesWhatItCannotRead) {
  const std::string good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
  EXPECT_NE(errorOf("hello world, not numpy").find("not a .npy file"), std::string::npos);
  EXPECT_NE(errorOf(npyBytes("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", floats({1, 2})))
                .find("big-endian"),
            std::string::npos);
  EXPECT_NE(errorOf(npyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", floats({1, 2})))
                .find("Fortran"),
            std::string::npos);
  EXPECT_NE(errorOf(npyBytes("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", floats({1, 2})))
                .find("only float32 or float64"),
            std::string::npos);
  EXPECT_NE(errorOf(npyBytes("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", floats({1, 2})))
                .find("'|O'"),
            std::string::npos);
  EXPECT_NE(errorOf(npyBytes(good, floats({1}))).find("truncated"), std::string::npos);
  EXPECT_NE(errorOf(npyBytes(good, floats({1, 2, 3}))).find("corrupt"), std::string::npos);
  std::string cut = npyBytes(good, floats({1, 2}));
  EXPECT_NE(errorOf(cut.substr(0, 30)).find("truncated inside its header"), std::string::npos);
  EXPECT_NE(errorOf(npyBytes("{'descr': '<f4', 'shape': (2,), }", floats({1, 2}))).find("malformed"),
            std::string::npos);
  EXPECT_NE(errorOf(npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }", floats({1, 2})))
                .find("unreadable shape"),
            std::string::npos);
  EXPECT_NE(errorOf(npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999, 99999999999), }", ""))
                .find("impossibly large"),
            std::string::npos);
  std::string v9 = npyBytes(good, floats({1, 2}));
  v9[6] = 9;
  EXPECT_NE(errorOf(v9).find("version 9"), std::string::npos);
  EXPECT_THROW(readNpy("/nonexistent/nowhere.npy"), NpyError);
}

}  // namespace
}  // namespace nr::core
