// File: searcher/rank/hit_text.h
// Search flow, step 4, first half: the text a hit's snippet is cut from.
// The index keeps a copy of most texts (decoded here); for a plain text,
// YAML or reST file it keeps none, and the text is read from the file
// itself, derived as the indexer derived it (common/index/stored_text.h).
#ifndef QUARRY_SEARCHER_RANK_HIT_TEXT_H_
#define QUARRY_SEARCHER_RANK_HIT_TEXT_H_

#include <string>
#include <string_view>

#include "common/index/stored_text.h"
#include "common/status.h"
#include "searcher/search_result.h"
#include "searcher/rank/snippet.h"

namespace quarry::searcher {

// The start of a text, and whether it is the whole text.
struct TextStart {
  std::string text;
  bool whole = false;
  // Read from the hit's file, found as indexed when opened (its freshness
  // is then known without another stat).
  bool file_as_indexed = false;
};

// At most `max_bytes` of the text of `hit`, whose document data is `data`
// (cut at a character boundary; for reST at a line end, so that the start
// is exactly the start of the whole text; empty, and not whole, when a
// reST file's first `max_bytes` hold no line end). A text left in its
// file is read only while the file is as indexed: FailedPrecondition when
// it changed (its text would not be the one that matched), NotFound when
// it is gone or no longer a regular file, PermissionDenied or IoError
// otherwise; DataLoss for damaged data.
StatusOr<TextStart> ReadHitText(std::string_view data, const Hit& hit, size_t max_bytes);

struct HitSnippet {
  Snippet snippet;
  // The text was read from the hit's file, found as indexed (its freshness
  // then needs no stat of its own); false for a text the index keeps.
  bool file_as_indexed = false;
};

// The snippet of a hit whose document data (text data) is `data`, cut from
// the first 4 KiB of its text, then 16 KiB, then all of it, until a start
// is enough (SnippetMaker::MakeFromStart); empty when the text cannot be
// read (damaged data, a file changed, gone or unreadable: a snippet is
// never a reason to fail a search).
HitSnippet SnippetOfHit(std::string_view data, const Hit& hit, SnippetMaker& maker);

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_RANK_HIT_TEXT_H_
