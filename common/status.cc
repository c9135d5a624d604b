#include "common/status.h"

#include <cerrno>
#include <cstring>

namespace quarry {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kPermissionDenied: return "PermissionDenied";
    case StatusCode::kUnsupported: return "Unsupported";
    case StatusCode::kDataLoss: return "DataLoss";
    case StatusCode::kFailedPrecondition: return "FailedPrecondition";
    case StatusCode::kLocked: return "Locked";
    case StatusCode::kIoError: return "IoError";
    case StatusCode::kNoSpace: return "NoSpace";
    case StatusCode::kInternal: return "Internal";
  }
  return "Unknown";
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_);
}

Status ErrnoError(int err, const std::string& path) {
  std::string message = path + ": " + std::strerror(err);
  if (err == EACCES || err == EPERM) return PermissionDeniedError(std::move(message));
  if (err == ENOENT || err == ENOTDIR) return NotFoundError(std::move(message));
  if (err == ENOSPC || err == EDQUOT) return NoSpaceError(std::move(message));
  return IoError(std::move(message));
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

}  // namespace quarry
