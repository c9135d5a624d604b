#include "common/text/utf8.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace quarry {

namespace {

// The length of the character a byte starts (1 for ASCII), or 0 when no
// character starts with it (a continuation byte, or one UTF-8 never uses).
size_t LeadLength(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

// Length of the valid sequence starting at s[i], or 0 when invalid.
size_t SequenceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  const size_t need = LeadLength(c);
  if (need <= 1) return need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c == 0xE0) lo = 0xA0;            // overlong
  if (c == 0xED) hi = 0x9F;            // surrogates
  if (c == 0xF0) lo = 0x90;            // overlong
  if (c == 0xF4) hi = 0x8F;            // above U+10FFFF
  if (i + need > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < need; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return need;
}

}  // namespace

size_t ValidUtf8Prefix(std::string_view s) {
  // Every file's text is checked, when indexed and when a snippet is read
  // from it: runs of ASCII are skipped 32 bytes at a time, then 8 up to the
  // first byte that is not ASCII.
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    while (n - i >= 4 * sizeof(uint64_t)) {
      uint64_t words[4];
      std::memcpy(words, s.data() + i, sizeof words);
      if (((words[0] | words[1] | words[2] | words[3]) & kHighBits) != 0) break;
      i += sizeof words;
    }
    bool found = false;
    while (!found && n - i >= sizeof(uint64_t)) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, sizeof word);
      const uint64_t high = word & kHighBits;
      if (high == 0) {
        i += sizeof word;
        continue;
      }
      // The first byte in memory order with its high bit set.
      if constexpr (std::endian::native == std::endian::little) {
        i += static_cast<size_t>(std::countr_zero(high)) / 8;
      } else {
        i += static_cast<size_t>(std::countl_zero(high)) / 8;
      }
      found = true;
    }
    while (i < n && static_cast<unsigned char>(s[i]) < 0x80) ++i;
    // Then characters one by one up to the next ASCII byte (text in most
    // other scripts is runs of them between spaces and punctuation).
    while (i < n && static_cast<unsigned char>(s[i]) >= 0x80) {
      const size_t length = SequenceLength(s, i);
      if (length == 0) return i;
      i += length;
    }
  }
  return i;
}

bool IsValidUtf8Sample(std::string_view sample) {
  const size_t valid = ValidUtf8Prefix(sample);
  if (valid == sample.size()) return true;
  // The rest must be the start of one character: a lead byte, then fewer
  // continuation bytes than it announces.
  const std::string_view rest = sample.substr(valid);
  const size_t length = LeadLength(static_cast<unsigned char>(rest[0]));
  if (length < 2 || rest.size() >= length) return false;
  for (size_t i = 1; i < rest.size(); ++i) {
    if ((static_cast<unsigned char>(rest[i]) & 0xC0) != 0x80) return false;
  }
  return true;
}

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t valid = ValidUtf8Prefix(s.substr(i));
    out.append(s.substr(i, valid));
    i += valid;
    if (i < s.size()) {
      out.append("\xEF\xBF\xBD");  // U+FFFD
      ++i;
      // Skip stray continuation bytes of the same broken sequence.
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

std::string_view TruncateUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

std::u32string DecodeUtf8(std::string_view s, std::vector<size_t>* ends) {
  std::u32string out;
  out.reserve(s.size());
  if (ends != nullptr) ends->clear();
  size_t i = 0;
  while (i < s.size()) {
    size_t n = SequenceLength(s, i);
    char32_t c;
    if (n == 0) {
      c = 0xFFFD;
      n = 1;
    } else {
      static constexpr unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
      c = static_cast<unsigned char>(s[i]) & kLeadMask[n];
      for (size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(c);
    i += n;
    if (ends != nullptr) ends->push_back(i);
  }
  return out;
}

size_t CharacterLength(std::string_view s, size_t i) {
  size_t end = i + 1;
  while (end < s.size() && end - i < 4 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
  return end - i;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace quarry
