// File: indexer/extract/decompressor.h
// Single-file compression (.gz, .bz2, .xz, .zst) undone as a stream through
// libarchive, never past a size cap, so that a compression bomb costs at
// most the cap in memory. (ZIP packages: zip_package.h.)
#ifndef QUARRY_INDEXER_EXTRACT_DECOMPRESSOR_H_
#define QUARRY_INDEXER_EXTRACT_DECOMPRESSOR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quarry::indexer {

// The compression a file name's suffix announces ("gzip", "bzip2", "xz",
// "zstd"), or "" when it announces none.
std::string_view CompressionOf(std::string_view path);

// `path` without its compression suffix ("a/page.html.gz" -> "a/page.html");
// `path` itself when it has none.
std::string_view WithoutCompressionSuffix(std::string_view path);

// The decompressed bytes of `data`. Data that turns out not to be
// compressed comes back unchanged; a valid stream of nothing comes back
// empty (an empty document, never a failure). Unsupported ("too large") when it
// decompresses to more than `max_bytes`, without holding more than that;
// DataLoss for damaged or truncated data. `path` names the file in messages.
StatusOr<std::string> Decompress(std::string_view path, std::string_view data, uint64_t max_bytes);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_DECOMPRESSOR_H_
