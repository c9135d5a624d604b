#include "common/cli/whole_number.h"

#include <charconv>
#include <string>

namespace quarry {

StatusOr<uint64_t> ParseWholeNumber(std::string_view option, std::string_view text, uint64_t min,
                                    uint64_t max) {
  uint64_t value = 0;
  // from_chars takes no '+' or blank, but does take a '-': refused first.
  const bool digits = !text.empty() && text.front() >= '0' && text.front() <= '9';
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!digits || error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    std::string message(option);
    message += " takes a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
               ", not '";
    message.append(text);
    message += '\'';
    return InvalidArgumentError(message);
  }
  return value;
}

}  // namespace quarry
