// File: tests/support/testdata.h
// Reading the committed fixtures under tests/testdata/ (QUARRY_TESTDATA_DIR
// is set by tests/CMakeLists.txt for the test binaries that use them).
#ifndef QUARRY_TESTS_SUPPORT_TESTDATA_H_
#define QUARRY_TESTS_SUPPORT_TESTDATA_H_

#include <fstream>
#include <sstream>
#include <string>

namespace quarry::testing {

#ifdef QUARRY_TESTDATA_DIR
// The full path of tests/testdata/<relative>.
inline std::string TestdataPath(const std::string& relative) {
  return std::string(QUARRY_TESTDATA_DIR) + "/" + relative;
}

// The bytes of tests/testdata/<relative>; empty when it cannot be read
// (the test's own expectations then fail with the file named).
inline std::string ReadTestdata(const std::string& relative) {
  std::ifstream in(TestdataPath(relative), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}
#endif

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_SUPPORT_TESTDATA_H_
