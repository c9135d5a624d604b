// File: indexer/extract/zip_package.h
// The members of a ZIP package (Office Open XML, OpenDocument, EPUB) read
// through libarchive from memory, by name, for the extractors of those
// formats: only the members they ask for, never more than a cap in all, so
// that a zip bomb costs at most the cap.
#ifndef QUARRY_INDEXER_EXTRACT_ZIP_PACKAGE_H_
#define QUARRY_INDEXER_EXTRACT_ZIP_PACKAGE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quarry::indexer {

class ZipPackage {
 public:
  // Reads the members of the ZIP data `bytes` whose names `wanted` accepts
  // (every member when it is empty). `path` names the file in messages.
  //  - Unsupported ("encrypted") when a wanted member is encrypted, or when
  //    the wanted members expand to more than `max_bytes` in all ("too
  //    large"), or the package holds more than kMaxMembers members: the
  //    file is skipped with that reason;
  //  - DataLoss when the data is not a ZIP archive or is damaged or cut.
  static StatusOr<ZipPackage> Read(std::string_view path, std::string_view bytes,
                                   const std::function<bool(std::string_view name)>& wanted,
                                   uint64_t max_bytes);

  // More members than any document package has (a spreadsheet of many
  // sheets has a few thousand); past this a package is refused unread.
  static constexpr size_t kMaxMembers = 100000;

  // The content of member `name` (as the archive spells it, e.g.
  // "word/document.xml"); nullptr when there is none or it was not wanted.
  const std::string* Find(std::string_view name) const;
  // The same, looked up without regard to ASCII case (ZIP writers differ on
  // "[Content_Types].xml" and the case of part names).
  const std::string* FindNoCase(std::string_view name) const;

  // Every member read, by name.
  const std::map<std::string, std::string, std::less<>>& members() const { return members_; }

 private:
  std::map<std::string, std::string, std::less<>> members_;
};

// A path inside a package from `base` (a member's folder, "word/" or "")
// and a relative reference `ref` (an OPC relationship target or an OPF
// href): "../" and "./" resolved, "%20"-style escapes decoded, a leading
// "/" meaning the package root; a fragment ("#...") dropped.
std::string ResolvePackagePath(std::string_view base, std::string_view ref);

// The folder part of a member name, with its trailing '/': "word/" for
// "word/document.xml", "" for "content.opf".
std::string_view PackageFolder(std::string_view member);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_ZIP_PACKAGE_H_
