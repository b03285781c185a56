#include "nr/npy.h"

#include <cctype>
#include <cstring>
#include <limits>

#include "nr/file_io.h"

namespace nr::core {

namespace {

const char kMagic[] = "\x93NUMPY";

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

/// The text after `'key':` up to the matching end of its value (a quoted string, a tuple, or a bare word).
bool findValue(const std::string& header, const std::string& key, std::string& value) {
  size_t k = header.find("'" + key + "'");
  if (k == std::string::npos) k = header.find("\"" + key + "\"");
  if (k == std::string::npos) return false;
  size_t colon = header.find(':', k + key.size() + 2);
  if (colon == std::string::npos) return false;
  size_t p = colon + 1;
  while (p < header.size() && std::isspace(static_cast<unsigned char>(header[p]))) ++p;
  if (p >= header.size()) return false;
  size_t end;
  if (header[p] == '\'' || header[p] == '"') {
    end = header.find(header[p], p + 1);
    if (end == std::string::npos) return false;
    value = header.substr(p + 1, end - p - 1);
    return true;
  }
  if (header[p] == '(') {
    end = header.find(')', p);
    if (end == std::string::npos) return false;
    value = header.substr(p, end - p + 1);
    return true;
  }
  end = p;
  while (end < header.size() && header[end] != ',' && header[end] != '}') ++end;
  value = trim(header.substr(p, end - p));
  return true;
}

std::string shapeText(const std::vector<int64_t>& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

std::vector<int64_t> parseShape(const std::string& tuple, const std::string& name) {
  const std::string bad = name + ": the .npy header has an unreadable shape '" + tuple + "'; re-save it with numpy.save";
  if (tuple.size() < 2 || tuple.front() != '(' || tuple.back() != ')') throw NpyError(bad);
  std::vector<int64_t> shape;
  std::string inner = tuple.substr(1, tuple.size() - 2), token;
  inner += ',';
  for (char ch : inner) {
    if (ch == ',') {
      std::string t = trim(token);
      token.clear();
      if (t.empty()) continue;
      if (t.size() > 1 && (t.back() == 'L' || t.back() == 'l')) t.pop_back();  // Python 2 longs
      if (t.size() > 15) throw NpyError(bad);
      for (char d : t)
        if (!std::isdigit(static_cast<unsigned char>(d))) throw NpyError(bad);
      shape.push_back(std::stoll(t));
    } else {
      token += ch;
    }
  }
  return shape;
}

template <typename T>
std::string encode(const std::vector<int64_t>& shape, const T* data, size_t count, const char* descr) {
  size_t expected = 1;
  for (int64_t e : shape) expected *= static_cast<size_t>(e);
  if (expected != count) throw NpyError("internal error: shape " + shapeText(shape) + " does not match the data size");
  std::string header = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': " + shapeText(shape) +
                       ", }";
  // Pad with spaces so that the data starts at a multiple of 64 bytes, and end the header with a newline.
  const size_t prefix = 10;
  size_t total = prefix + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out(kMagic, 6);
  out += '\x01';
  out += '\x00';
  const uint16_t len = static_cast<uint16_t>(header.size());
  out += static_cast<char>(len & 0xff);
  out += static_cast<char>(len >> 8);
  out += header;
  const size_t start = out.size();
  out.resize(start + count * sizeof(T));
  if (count > 0) std::memcpy(&out[start], data, count * sizeof(T));  // this machine is little-endian, as the format requires
  return out;
}

}  // namespace

NpyView viewNpy(const std::string& bytes, const std::string& name) {
  static_assert(std::numeric_limits<float>::is_iec559 && std::numeric_limits<double>::is_iec559);
  if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, 6) != 0)
    throw NpyError(name + " is not a .npy file (it does not start with the NumPy magic bytes); save it with numpy.save");
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t headerLen, headerStart;
  if (major == 1) {
    headerLen = static_cast<unsigned char>(bytes[8]) | (static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw NpyError(name + " is truncated inside its header; the file is incomplete");
    headerLen = 0;
    for (int i = 0; i < 4; ++i) headerLen |= static_cast<size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    headerStart = 12;
  } else {
    throw NpyError(name + " uses .npy format version " + std::to_string(major) + ", which is not supported (1 to 3 are)");
  }
  if (headerStart + headerLen > bytes.size())
    throw NpyError(name + " is truncated inside its header; the file is incomplete");
  const std::string header = bytes.substr(headerStart, headerLen);

  std::string descr, fortran, shapeTuple;
  if (!findValue(header, "descr", descr) || !findValue(header, "fortran_order", fortran) ||
      !findValue(header, "shape", shapeTuple))
    throw NpyError(name + " has a malformed .npy header (descr, fortran_order or shape missing); re-save it with numpy.save");
  if (fortran != "False") {
    if (fortran == "True")
      throw NpyError(name + " is stored in Fortran (column-major) order; save it with numpy.save(np.ascontiguousarray(a))");
    throw NpyError(name + " has a malformed fortran_order value '" + fortran + "'");
  }
  size_t itemSize;
  bool isDouble;
  if (descr == "<f4" || descr == "=f4") {
    itemSize = 4;
    isDouble = false;
  } else if (descr == "<f8" || descr == "=f8") {
    itemSize = 8;
    isDouble = true;
  } else if (descr == ">f4" || descr == ">f8") {
    throw NpyError(name + " is big-endian (" + descr + "); convert it with a.astype('<f4') before saving");
  } else {
    throw NpyError(name + " holds '" + descr +
                   "' values, but only float32 or float64 arrays can be read; convert it with a.astype('float32')");
  }
  NpyView view;
  view.shape = parseShape(shapeTuple, name);
  view.wasFloat64 = isDouble;
  size_t count = 1;
  for (int64_t e : view.shape) {
    if (e != 0 && count > std::numeric_limits<size_t>::max() / 16 / static_cast<size_t>(e))
      throw NpyError(name + ": the shape " + shapeText(view.shape) + " in the header is impossibly large");
    count *= static_cast<size_t>(e);
  }
  const size_t dataStart = headerStart + headerLen;
  const size_t available = bytes.size() - dataStart;
  if (available != count * itemSize)
    throw NpyError(name + ": the header says shape " + shapeText(view.shape) + " (" + std::to_string(count * itemSize) +
                   " bytes of data) but the file holds " + std::to_string(available) +
                   (available < count * itemSize ? " bytes; the file is truncated" : " bytes; the file is corrupt"));
  view.data = bytes.data() + dataStart;
  view.count = count;
  return view;
}

NpyArray parseNpy(const std::string& bytes, const std::string& name) {
  const NpyView view = viewNpy(bytes, name);
  NpyArray arr;
  arr.shape = view.shape;
  arr.wasFloat64 = view.wasFloat64;
  arr.values.resize(view.count);
  for (size_t i = 0; i < view.count; ++i) arr.values[i] = view.at(i);
  return arr;
}

NpyArray readNpy(const std::string& path) {
  std::string bytes;
  try {
    bytes = readFile(path);
  } catch (const FileError& e) {
    throw NpyError(e.what());
  }
  return parseNpy(bytes, path);
}

std::string encodeNpyFloat32(const std::vector<int64_t>& shape, const float* data, size_t count) {
  return encode(shape, data, count, "<f4");
}

std::string encodeNpyFloat64(const std::vector<int64_t>& shape, const double* data, size_t count) {
  return encode(shape, data, count, "<f8");
}

}  // namespace nr::core
