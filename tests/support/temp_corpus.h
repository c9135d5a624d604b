// File: tests/support/temp_corpus.h
// A fresh temporary folder per test (ripgrep's Dir), removed afterwards,
// with helpers to write files into it.
#ifndef QUARRY_TESTS_SUPPORT_TEMP_CORPUS_H_
#define QUARRY_TESTS_SUPPORT_TEMP_CORPUS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace quarry::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + relative
  std::string Path(std::string_view relative) const;

  // Writes `content` to `relative` (creating folders); returns the full path.
  std::string Write(std::string_view relative, std::string_view content) const;
  void Remove(std::string_view relative) const;
  // Sets the file's modification time to `seconds` since the epoch.
  void SetMtime(std::string_view relative, int64_t seconds) const;
  std::string Read(std::string_view relative) const;

 private:
  std::string path_;
};

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_SUPPORT_TEMP_CORPUS_H_
