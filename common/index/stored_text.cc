#include "common/index/stored_text.h"

#include <zstd.h>

#include <memory>

#include "common/index/schema.h"
#include "common/text/utf8.h"

namespace quarry {

namespace {

// Level 3 (zstd's default): about zlib's ratio on text, at several times
// its speed both ways. Encoding runs in the indexer's worker threads.
constexpr int kLevel = 3;

bool IsZstdFrame(std::string_view data) {
  return data.size() >= 4 && static_cast<unsigned char>(data[0]) == 0x28 &&
         static_cast<unsigned char>(data[1]) == 0xB5 && static_cast<unsigned char>(data[2]) == 0x2F &&
         static_cast<unsigned char>(data[3]) == 0xFD;
}

}  // namespace

std::string EncodeStoredText(std::string_view text) {
  if (text.empty()) return std::string();
  std::string data(ZSTD_compressBound(text.size()), '\0');
  size_t size = ZSTD_compress(data.data(), data.size(), text.data(), text.size(), kLevel);
  if (ZSTD_isError(size)) return std::string(text);  // plain text is valid data too
  data.resize(size);
  return data;
}

StatusOr<std::string> DecodeStoredText(std::string_view data, size_t max_bytes) {
  if (!IsZstdFrame(data)) return std::string(TruncateUtf8(data, max_bytes));
  unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  // The indexer caps texts; a larger claimed size means damage.
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > schema::kMaxStoredTextBytes) {
    return DataLossError("a document's stored text is damaged");
  }
  const Status damaged = DataLossError("a document's stored text is damaged");
  if (size <= max_bytes) {
    std::string text(static_cast<size_t>(size), '\0');
    size_t got = ZSTD_decompress(text.data(), text.size(), data.data(), data.size());
    if (ZSTD_isError(got) || got != text.size()) return damaged;
    return text;
  }
  // Only the start: stream until the output is full.
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!context) return damaged;
  // A few bytes more than asked, to see whether the last character is whole.
  std::string text(max_bytes + 4, '\0');
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  ZSTD_outBuffer out{text.data(), text.size(), 0};
  while (out.pos < out.size) {
    size_t status = ZSTD_decompressStream(context.get(), &out, &in);
    if (ZSTD_isError(status)) return damaged;
    if (status == 0 || (in.pos == in.size && out.pos < out.size)) break;  // frame or input ended
  }
  text.resize(out.pos);
  text.resize(TruncateUtf8(text, max_bytes).size());
  return text;
}

}  // namespace quarry
