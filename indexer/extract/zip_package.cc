#include "indexer/extract/zip_package.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <vector>

#include "common/text/ascii.h"

namespace quarry::indexer {

namespace {

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

StatusOr<ZipPackage> ZipPackage::Read(std::string_view path, std::string_view bytes,
                                      const std::function<bool(std::string_view name)>& wanted,
                                      uint64_t max_bytes) {
  const std::string name(path);
  std::unique_ptr<archive, ArchiveDeleter> a(archive_read_new());
  if (a == nullptr) return InternalError("libarchive: out of memory");
  // The seekable reader (libarchive picks it for data in memory) reads the
  // central directory, as ZIP readers should: entries written with data
  // descriptors have their sizes only there.
  archive_read_support_format_zip(a.get());
  auto damaged = [&](const char* stage) {
    const char* why = archive_error_string(a.get());
    return DataLossError(name + ": damaged ZIP package (" + stage + ": " +
                         (why ? why : "unknown error") + ")");
  };
  if (bytes.empty()) return DataLossError(name + ": empty file, not a ZIP package");
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return damaged("open");
  }
  ZipPackage package;
  uint64_t total = 0;
  size_t count = 0;
  std::vector<char> chunk(64 * 1024);
  for (;;) {
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) return damaged("member header");
    if (++count > kMaxMembers) {
      return UnsupportedError(name + ": more than " + std::to_string(kMaxMembers) +
                              " members in the package");
    }
    const char* member_name = archive_entry_pathname(entry);
    if (member_name == nullptr || archive_entry_filetype(entry) == AE_IFDIR) continue;
    if (wanted && !wanted(member_name)) continue;
    if (archive_entry_is_data_encrypted(entry)) {
      return UnsupportedError(name + ": encrypted (password-protected) member " + member_name);
    }
    std::string content;
    for (;;) {
      const la_ssize_t n = archive_read_data(a.get(), chunk.data(), chunk.size());
      if (n < 0) return damaged(member_name);
      if (n == 0) break;
      total += static_cast<uint64_t>(n);
      // Never past the cap: a bomb stops within one chunk of it.
      if (total > max_bytes) {
        return UnsupportedError(name + ": too large when decompressed (more than " +
                                std::to_string(max_bytes) + " bytes)");
      }
      content.append(chunk.data(), static_cast<size_t>(n));
    }
    package.members_.emplace(member_name, std::move(content));
  }
  return package;
}

const std::string* ZipPackage::Find(std::string_view name) const {
  auto it = members_.find(name);
  return it == members_.end() ? nullptr : &it->second;
}

const std::string* ZipPackage::FindNoCase(std::string_view name) const {
  if (const std::string* exact = Find(name)) return exact;
  for (const auto& [member, content] : members_) {
    if (EqualsIgnoringAsciiCase(member, name)) return &content;
  }
  return nullptr;
}

std::string_view PackageFolder(std::string_view member) {
  const size_t slash = member.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : member.substr(0, slash + 1);
}

std::string ResolvePackagePath(std::string_view base, std::string_view ref) {
  if (const size_t hash = ref.find('#'); hash != std::string_view::npos) ref = ref.substr(0, hash);
  std::string decoded;
  for (size_t i = 0; i < ref.size(); ++i) {
    if (ref[i] == '%' && i + 2 < ref.size() && HexValue(ref[i + 1]) >= 0 && HexValue(ref[i + 2]) >= 0) {
      decoded += static_cast<char>(HexValue(ref[i + 1]) * 16 + HexValue(ref[i + 2]));
      i += 2;
    } else {
      decoded += ref[i];
    }
  }
  std::string joined = decoded.starts_with('/') ? decoded.substr(1) : std::string(base) + decoded;
  // Resolve "." and ".." segments; ".." never climbs above the root.
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string part = joined.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(std::move(part));
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

}  // namespace quarry::indexer
