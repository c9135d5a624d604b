// File: indexer/extract/file_reader.h
// Reads an entry's bytes for extraction, within a size limit.
#ifndef QUARRY_INDEXER_EXTRACT_FILE_READER_H_
#define QUARRY_INDEXER_EXTRACT_FILE_READER_H_

#include <cstdint>
#include <string>

#include "common/status.h"

namespace quarry::indexer {

// The whole content of the regular file at `path`. Unsupported ("too large")
// when it holds more than `max_bytes`; PermissionDenied, NotFound (vanished)
// or IoError otherwise, each naming the path.
StatusOr<std::string> ReadFileContent(const std::string& path, uint64_t max_bytes);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_FILE_READER_H_
