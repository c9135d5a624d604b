#include "common/cli/byte_size.h"

#include <string>

namespace quarry {

StatusOr<uint64_t> ParseByteSize(std::string_view text) {
  std::string_view digits = text;
  size_t n = 0;
  while (n < digits.size() && digits[n] >= '0' && digits[n] <= '9') ++n;
  if (n == 0 || n > 18) return InvalidArgumentError("not a size: '" + std::string(text) + "'");
  uint64_t value = std::stoull(std::string(digits.substr(0, n)));
  std::string_view unit = digits.substr(n);
  if (unit.ends_with("iB")) unit.remove_suffix(2);
  else if (unit.ends_with("B") && unit.size() > 1) unit.remove_suffix(1);
  uint64_t multiplier = 1;
  if (unit.empty() || unit == "B") multiplier = 1;
  else if (unit == "K" || unit == "k") multiplier = 1ull << 10;
  else if (unit == "M") multiplier = 1ull << 20;
  else if (unit == "G") multiplier = 1ull << 30;
  else if (unit == "T") multiplier = 1ull << 40;
  else return InvalidArgumentError("not a size: '" + std::string(text) + "' (use e.g. 64M)");
  if (value > UINT64_MAX / multiplier) return InvalidArgumentError("size too large: '" + std::string(text) + "'");
  return value * multiplier;
}

}  // namespace quarry
