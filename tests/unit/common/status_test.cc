#include "common/status.h"

#include <gtest/gtest.h>

#include <cerrno>

namespace quarry {
namespace {

TEST(StatusTest, ErrnoErrorsSayWhichFileAndWhy) {
  const struct {
    int err;
    StatusCode code;
  } cases[] = {
      {EACCES, StatusCode::kPermissionDenied},
      {EPERM, StatusCode::kPermissionDenied},
      {ENOENT, StatusCode::kNotFound},
      {ENOTDIR, StatusCode::kNotFound},
      {EIO, StatusCode::kIoError},
      {EMFILE, StatusCode::kIoError},
  };
  for (const auto& c : cases) {
    Status status = ErrnoError(c.err, "/notes/a.txt");
    EXPECT_EQ(status.code(), c.code) << c.err;
    EXPECT_EQ(status.message().rfind("/notes/a.txt: ", 0), 0u) << status.message();
  }
  EXPECT_EQ(ErrnoError(ENOENT, "/x").message(), "/x: No such file or directory");
}

TEST(StatusTest, ContextGoesInFrontAndOkStaysOk) {
  EXPECT_EQ(IoError("disk full").WithContext("cannot write").message(), "cannot write: disk full");
  EXPECT_TRUE(Status::Ok().WithContext("anything").ok());
}

}  // namespace
}  // namespace quarry
