#include "common/index/schema.h"

#include <limits>

#include "common/hash.h"
#include "common/text/utf8.h"

namespace quarry::schema {

std::string MakeTerm(std::string_view prefix, std::string_view term) {
  std::string out;
  out.reserve(prefix.size() + term.size());
  out.append(prefix);
  out.append(term);
  if (out.size() <= kMaxTermBytes) return out;
  std::string hash = HexFingerprint(Fingerprint64(out));
  std::string cut(TruncateUtf8(out, kMaxTermBytes - hash.size() - 1));
  cut += '#';
  cut += hash;
  return cut;
}

bool IsWordTerm(std::string_view term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

std::string UniqueIdTerm(std::string_view path, std::string_view record_id) {
  if (record_id.empty()) return MakeTerm(kUniqueIdPrefix, path);
  std::string key(path);
  key += '#';
  key += record_id;
  return MakeTerm(kUniqueIdPrefix, key);
}

std::vector<std::string> PathTerms(std::string_view path) {
  std::vector<std::string> terms;
  for (size_t slash = path.find('/', 1); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    terms.push_back(MakeTerm(kPathPrefix, path.substr(0, slash)));
  }
  return terms;
}

std::optional<std::string> FolderTerm(std::string_view folder) {
  while (folder.size() > 1 && folder.back() == '/') folder.remove_suffix(1);
  if (folder.empty() || folder == "/") return std::nullopt;
  return MakeTerm(kPathPrefix, folder);
}

std::optional<std::string> ExtensionTerm(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t hash = name.find('#');  // records: "data.jsonl#42"
  if (hash != std::string_view::npos) name = name.substr(0, hash);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) return std::nullopt;
  return ExtensionTermOf(name.substr(dot + 1));
}

std::optional<std::string> ExtensionTermOf(std::string_view extension) {
  if (!extension.empty() && extension.front() == '.') extension.remove_prefix(1);
  if (extension.empty()) return std::nullopt;
  std::string ext(extension);
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return MakeTerm(kExtensionPrefix, ext);
}

std::string EncodeUint64(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<size_t>(i)] = static_cast<char>(value & 0xFF);
    value >>= 8;
  }
  return out;
}

uint64_t DecodeUint64(std::string_view encoded) {
  uint64_t value = 0;
  for (unsigned char c : encoded.substr(0, 8)) value = (value << 8) | c;
  return value;
}

int64_t ModificationTimeNs(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

int64_t SecondsToNs(int64_t seconds) {
  constexpr int64_t kNsPerSecond = 1000000000LL;
  if (seconds <= 0) return 0;
  if (seconds > std::numeric_limits<int64_t>::max() / kNsPerSecond) {
    return std::numeric_limits<int64_t>::max() / kNsPerSecond * kNsPerSecond;
  }
  return seconds * kNsPerSecond;
}

std::string EncodeTime(int64_t ns_since_epoch) {
  return EncodeUint64(ns_since_epoch < 0 ? 0 : static_cast<uint64_t>(ns_since_epoch));
}

int64_t DecodeTime(std::string_view encoded) {
  return static_cast<int64_t>(DecodeUint64(encoded));
}

std::string SkippedKey(std::string_view path) {
  return std::string(kSkippedKeyPrefix) + HexFingerprint(Fingerprint64(path));
}

std::string EncodeSkipped(std::string_view path, int64_t mtime_ns, uint64_t size,
                          std::string_view reason) {
  std::string out = EncodeTime(mtime_ns) + EncodeUint64(size);
  out += path;
  out += '\n';
  out += reason;
  return out;
}

bool DecodeSkipped(std::string_view value, std::string* path, int64_t* mtime_ns,
                   uint64_t* size, std::string* reason) {
  if (value.size() < 16) return false;
  *mtime_ns = DecodeTime(value.substr(0, 8));
  *size = DecodeUint64(value.substr(8, 8));
  std::string_view rest = value.substr(16);
  size_t nl = rest.find('\n');
  if (nl == std::string_view::npos) return false;
  *path = std::string(rest.substr(0, nl));
  *reason = std::string(rest.substr(nl + 1));
  return true;
}

}  // namespace quarry::schema
