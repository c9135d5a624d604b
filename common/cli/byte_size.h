// File: common/cli/byte_size.h
// Parsing sizes such as "64M" or "1G" given on command lines.
#ifndef QUARRY_COMMON_CLI_BYTE_SIZE_H_
#define QUARRY_COMMON_CLI_BYTE_SIZE_H_

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace quarry {

// "4096", "512K", "64M", "1G" (binary multiples; a trailing "B"/"iB" is
// accepted). InvalidArgument for anything else or on overflow.
StatusOr<uint64_t> ParseByteSize(std::string_view text);

}  // namespace quarry

#endif  // QUARRY_COMMON_CLI_BYTE_SIZE_H_
