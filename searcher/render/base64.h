// File: searcher/render/base64.h
// Base64 (RFC 4648, standard alphabet, padded), for bytes that JSON strings
// cannot carry exactly: a file name that is not valid UTF-8.
#ifndef QUARRY_SEARCHER_RENDER_BASE64_H_
#define QUARRY_SEARCHER_RENDER_BASE64_H_

#include <string>
#include <string_view>

namespace quarry::searcher {

// "bad\xffname" -> "YmFk/25hbWU=". Decoded by any base64 tool
// (`base64 -d`, Python's base64.b64decode).
std::string EncodeBase64(std::string_view bytes);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RENDER_BASE64_H_
