// Base64 for the exact bytes of a path in JSON (searcher/render/base64.h).
#include "searcher/render/base64.h"

#include <gtest/gtest.h>

namespace quarry::searcher {
namespace {

TEST(EncodeBase64Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},         {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [bytes, encoded] : cases) EXPECT_EQ(EncodeBase64(bytes), encoded) << bytes;
}

TEST(EncodeBase64Test, EveryByteValue) {
  EXPECT_EQ(EncodeBase64("bad\xff" "name"), "YmFk/25hbWU=");
  EXPECT_EQ(EncodeBase64(std::string("\0\xfb\xff", 3)), "APv/");
}

}  // namespace
}  // namespace quarry::searcher
