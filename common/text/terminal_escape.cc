#include "common/text/terminal_escape.h"

#include <vector>

#include "common/text/utf8.h"

namespace quarry {

namespace {

bool IsControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

void AppendHexBytes(std::string_view bytes, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char byte : bytes) {
    const auto b = static_cast<unsigned char>(byte);
    out += "\\x";
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
}

}  // namespace

std::string EscapeForTerminal(std::string_view text) {
  // The common case, printable ASCII only, is copied as is.
  bool plain = true;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b >= 0x7F) {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(text);
  std::vector<size_t> ends;
  const std::u32string code_points = DecodeUtf8(text, &ends);
  std::string out;
  out.reserve(text.size() + 16);
  size_t begin = 0;
  for (size_t i = 0; i < code_points.size(); ++i) {
    const char32_t c = code_points[i];
    const std::string_view bytes = text.substr(begin, ends[i] - begin);
    begin = ends[i];
    // DecodeUtf8 reads each invalid byte as a one-byte U+FFFD; a real
    // U+FFFD is three bytes.
    const bool invalid = c == 0xFFFD && bytes.size() == 1;
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (invalid || IsControl(c)) {
      AppendHexBytes(bytes, out);
    } else {
      out.append(bytes);
    }
  }
  return out;
}

}  // namespace quarry
