#include "common/text/cjk_runs.h"

#include <string>

#include "common/text/utf8.h"

namespace quarry {

namespace {

// Characters ICU's word rules put in one dictionary-segmented run and join
// to nothing else (no letter, digit or '_' rule takes them; a run's
// neighbours are checked separately).
bool IsRunCharacter(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
         (c >= 0xAC00 && c <= 0xD7A3);
}

// Characters next to which a run ends whatever the rules: none of them
// extends the character before it or joins kana.
bool IsSafeNeighbour(char32_t c) {
  if (c < 0x80) return c != '_';
  switch (c) {
    case 0x3001: case 0x3002:  // 、。
    case 0xFF0C: case 0xFF08: case 0xFF09: case 0xFF1A: case 0xFF1B:  // ，（）：；
    case 0x300C: case 0x300D:  // 「」
    case 0x201C: case 0x201D:  // “”
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<std::pair<size_t, size_t>> PiecesOutsideCjkRuns(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> pieces;
  bool any = false;
  for (unsigned char c : text) any = any || c >= 0xE3;  // run characters take 3 bytes from 0xE3
  if (!any) return {{0, text.size()}};
  std::vector<size_t> ends;
  std::u32string chars = DecodeUtf8(text, &ends);
  const auto start_of = [&](size_t i) { return i == 0 ? size_t{0} : ends[i - 1]; };
  size_t piece_begin = 0;
  for (size_t i = 0; i < chars.size();) {
    if (!IsRunCharacter(chars[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < chars.size() && IsRunCharacter(chars[j])) ++j;
    bool set_apart = (i == 0 || IsSafeNeighbour(chars[i - 1])) &&
                     (j == chars.size() || IsSafeNeighbour(chars[j]));
    if (set_apart) {
      if (start_of(i) > piece_begin) pieces.emplace_back(piece_begin, start_of(i));
      piece_begin = ends[j - 1];
    }
    i = j;
  }
  if (piece_begin < text.size() || pieces.empty()) pieces.emplace_back(piece_begin, text.size());
  return pieces;
}

}  // namespace quarry
