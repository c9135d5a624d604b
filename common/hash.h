// File: common/hash.h
// A stable 64-bit fingerprint (FNV-1a) for unique-id terms and content
// signatures. Stable across builds and machines: its values are stored on disk.
#ifndef QUARRY_COMMON_HASH_H_
#define QUARRY_COMMON_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace quarry {

class Fingerprinter {
 public:
  void Update(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
  }
  uint64_t Finish() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

inline uint64_t Fingerprint64(std::string_view bytes) {
  Fingerprinter f;
  f.Update(bytes);
  return f.Finish();
}

// 16 lowercase hex digits.
std::string HexFingerprint(uint64_t value);

}  // namespace quarry

#endif  // QUARRY_COMMON_HASH_H_
