// File: tests/support/status_matchers.h
// GoogleTest helpers for Status and StatusOr: tests say which error they
// expect, never just "not OK".
//
//   ASSERT_OK(writer.Commit());
//   ASSERT_OK_AND_ASSIGN(auto config, ParseAnalysisConfig(text));
//   EXPECT_THAT(status, StatusIs(StatusCode::kNotFound));
#ifndef QUARRY_TESTS_SUPPORT_STATUS_MATCHERS_H_
#define QUARRY_TESTS_SUPPORT_STATUS_MATCHERS_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/status.h"

namespace quarry::testing {

inline const Status& GetStatus(const Status& s) { return s; }
template <typename T>
const Status& GetStatus(const StatusOr<T>& s) { return s.status(); }

MATCHER_P(StatusIs, code, std::string("has status code ") + StatusCodeName(code)) {
  const Status& status = GetStatus(arg);
  *result_listener << "whose status is " << status.ToString();
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const Status& status = GetStatus(arg);
  *result_listener << "whose status is " << status.ToString();
  return status.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, status.message(), result_listener);
}

}  // namespace quarry::testing

#define ASSERT_OK(expr)                                                  \
  do {                                                                   \
    const ::quarry::Status quarry_s_ = ::quarry::testing::GetStatus(expr);         \
    ASSERT_TRUE(quarry_s_.ok()) << #expr << ": " << quarry_s_.ToString(); \
  } while (0)

#define EXPECT_OK(expr)                                                  \
  do {                                                                   \
    const ::quarry::Status quarry_s_ = ::quarry::testing::GetStatus(expr);         \
    EXPECT_TRUE(quarry_s_.ok()) << #expr << ": " << quarry_s_.ToString(); \
  } while (0)

#define QUARRY_TEST_CONCAT_INNER_(a, b) a##b
#define QUARRY_TEST_CONCAT_(a, b) QUARRY_TEST_CONCAT_INNER_(a, b)
#define ASSERT_OK_AND_ASSIGN(lhs, rexpr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(QUARRY_TEST_CONCAT_(quarry_sor_, __LINE__), lhs, rexpr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, rexpr)                   \
  auto tmp = (rexpr);                                                 \
  ASSERT_TRUE(tmp.ok()) << #rexpr << ": " << tmp.status().ToString(); \
  lhs = std::move(tmp).value()

#endif  // QUARRY_TESTS_SUPPORT_STATUS_MATCHERS_H_
