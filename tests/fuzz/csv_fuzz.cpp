// libFuzzer target: the CSV reader (nrlab fit, dropped data files). Any input gives a table or a CsvError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "nr/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    nr::core::CsvTable t = nr::core::parseCsv(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    if (static_cast<size_t>(t.values.cols()) != t.names.size()) __builtin_trap();  // header and rows agree
  } catch (const nr::core::CsvError&) {
  }
  return 0;
}
