#include "searcher/rank/freshness.h"

#include <sys/stat.h>

#include <cerrno>

#include "common/index/schema.h"

namespace quarry::searcher {

Freshness CheckFreshness(const Hit& hit) {
  struct stat st;
  if (stat(hit.path.c_str(), &st) != 0) {
    // Only a file that is not there is "vanished"; a permission problem says
    // nothing about its content.
    return errno == ENOENT || errno == ENOTDIR ? Freshness::kVanished : Freshness::kUnknown;
  }
  return IsAsIndexed(st, hit) ? Freshness::kFresh : Freshness::kChanged;
}

bool IsAsIndexed(const struct stat& st, const Hit& hit) {
  return schema::ModificationTimeNs(st) == hit.mtime_ns &&
         static_cast<uint64_t>(st.st_size) == hit.size;
}

}  // namespace quarry::searcher
