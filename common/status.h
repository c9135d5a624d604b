// File: common/status.h
// Errors as values for every stage of both pipelines: a Status carries a code
// and a message naming the thing concerned; StatusOr<T> is "a value or a reason".
#ifndef QUARRY_COMMON_STATUS_H_
#define QUARRY_COMMON_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace quarry {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // bad input from a user or a file: malformed query, bad option
  kNotFound,          // a file, database or record that does not exist
  kPermissionDenied,  // the OS refused access
  kUnsupported,       // a format we do not handle (a normal outcome, not a crash)
  kDataLoss,          // corrupt or unreadable content
  kFailedPrecondition,// e.g. an index written with an unknown schema version
  kLocked,            // another writer holds the database lock
  kIoError,           // read or write failed
  kNoSpace,           // the disk (or the user's quota) is full
  kInternal,          // a broken invariant or an unexpected library error
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message reads "context: message".
  Status WithContext(const std::string& context) const;

  // "NotFound: message", for logs and test failures.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgumentError(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFoundError(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status PermissionDeniedError(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
inline Status UnsupportedError(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
inline Status DataLossError(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status FailedPreconditionError(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status LockedError(std::string m) { return {StatusCode::kLocked, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status NoSpaceError(std::string m) { return {StatusCode::kNoSpace, std::move(m)}; }
inline Status InternalError(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// The Status of a failed system call on `path` with errno `err`: "path:
// reason", PermissionDenied for EACCES and EPERM, NotFound for ENOENT and
// ENOTDIR, NoSpace for ENOSPC and EDQUOT, IoError otherwise.
Status ErrnoError(int err, const std::string& path);

// A value of type T, or a non-OK Status explaining why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "StatusOr needs a value or an error");
  }
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace quarry

#define QUARRY_STATUS_CONCAT_INNER_(a, b) a##b
#define QUARRY_STATUS_CONCAT_(a, b) QUARRY_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` (a Status) is not OK.
#define QUARRY_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::quarry::Status quarry_status_ = (expr);        \
    if (!quarry_status_.ok()) return quarry_status_; \
  } while (0)

// Evaluates `rexpr` (a StatusOr<T>); on error returns its Status, otherwise
// moves the value into `lhs` (a declaration such as `auto x`).
#define QUARRY_ASSIGN_OR_RETURN(lhs, rexpr) \
  QUARRY_ASSIGN_OR_RETURN_IMPL_(QUARRY_STATUS_CONCAT_(quarry_statusor_, __LINE__), lhs, rexpr)
#define QUARRY_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                  \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()

#endif  // QUARRY_COMMON_STATUS_H_
