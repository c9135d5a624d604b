#include "indexer/extract/decompressor.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <new>
#include <stdexcept>

#include "common/text/ascii.h"

namespace quarry::indexer {

namespace {

struct Suffix {
  std::string_view suffix, name;
};
constexpr Suffix kSuffixes[] = {
    {".gz", "gzip"}, {".bz2", "bzip2"}, {".xz", "xz"}, {".zst", "zstd"}};

const Suffix* FindSuffix(std::string_view path) {
  for (const Suffix& s : kSuffixes) {
    // A bare ".gz" is a hidden file's name, not a suffix.
    if (EndsWithIgnoringAsciiCase(path, s.suffix) && path.size() > s.suffix.size() &&
        path[path.size() - s.suffix.size() - 1] != '/') {
      return &s;
    }
  }
  return nullptr;
}

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};

}  // namespace

std::string_view CompressionOf(std::string_view path) {
  const Suffix* s = FindSuffix(path);
  return s == nullptr ? std::string_view() : s->name;
}

std::string_view WithoutCompressionSuffix(std::string_view path) {
  const Suffix* s = FindSuffix(path);
  return s == nullptr ? path : path.substr(0, path.size() - s->suffix.size());
}

StatusOr<std::string> Decompress(std::string_view path, std::string_view data, uint64_t max_bytes) {
  if (data.empty()) return std::string();  // libarchive refuses to open nothing
  std::unique_ptr<archive, ArchiveDeleter> a(archive_read_new());
  if (a == nullptr) return InternalError("libarchive: out of memory");
  // Only the filters we announce, and the "raw" format: one stream, no
  // archive members (a .tar.gz decompresses to a tar, skipped as binary).
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_bzip2(a.get());
  archive_read_support_filter_xz(a.get());
  archive_read_support_filter_zstd(a.get());
  archive_read_support_format_raw(a.get());
  // The raw format cannot bid on nothing: a compressed empty file is read
  // as an empty archive.
  archive_read_support_format_empty(a.get());
  const std::string name(path);
  auto damaged = [&](const char* stage) {
    const char* why = archive_error_string(a.get());
    return DataLossError(name + ": damaged " + std::string(CompressionOf(path)) + " data (" +
                         stage + ": " + (why ? why : "unknown error") + ")");
  };
  if (archive_read_open_memory(a.get(), data.data(), data.size()) != ARCHIVE_OK) {
    return damaged("open");
  }
  archive_entry* entry = nullptr;
  int r = archive_read_next_header(a.get(), &entry);
  if (r == ARCHIVE_EOF) return std::string();
  if (r != ARCHIVE_OK) return damaged("header");

  std::string out;
  constexpr size_t kChunk = 256 * 1024;
  // Address space for the largest allowed output, reserved once so that
  // growing never copies (a copy would hold two buffers at the peak). The
  // kernel backs pages only as they are written, so a small file costs
  // what it holds. Without that much address space, grow as needed.
  try {
    out.reserve(max_bytes + kChunk);
  } catch (const std::bad_alloc&) {
  } catch (const std::length_error&) {
  }
  while (true) {
    // Never grow past the cap plus one chunk: a bomb stops here.
    if (out.size() > max_bytes) {
      return UnsupportedError(name + ": too large when decompressed (more than " +
                              std::to_string(max_bytes) + " bytes)");
    }
    size_t before = out.size();
    out.resize(before + kChunk);
    la_ssize_t n = archive_read_data(a.get(), out.data() + before, kChunk);
    if (n < 0) return damaged("data");
    out.resize(before + static_cast<size_t>(n));
    if (n == 0) return out;
  }
}

}  // namespace quarry::indexer
