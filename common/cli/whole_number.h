// File: common/cli/whole_number.h
// Parsing the whole numbers given to command-line options (--limit,
// --batch-size, ...), checked against the option's range, so that "-5",
// "4294967297" or "ten" are refused with a message rather than wrapped,
// truncated or misread.
#ifndef QUARRY_COMMON_CLI_WHOLE_NUMBER_H_
#define QUARRY_COMMON_CLI_WHOLE_NUMBER_H_

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace quarry {

// `text` as a number of plain decimal digits (no sign, no blanks, no
// fraction) from `min` to `max`. InvalidArgument otherwise, naming
// `option` and the range: "--limit takes a whole number from 0 to
// 1000000000, not '-5'".
StatusOr<uint64_t> ParseWholeNumber(std::string_view option, std::string_view text, uint64_t min,
                                    uint64_t max);

}  // namespace quarry

#endif  // QUARRY_COMMON_CLI_WHOLE_NUMBER_H_
