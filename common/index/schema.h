// File: common/index/schema.h
// THE index schema: term prefixes, value slots, metadata keys and the rules
// that build terms from paths. Both tools refer to these by name only.
//
// Everything here is on-disk format: changing a prefix, a slot number, an
// encoding or kSchemaVersion means every existing index must be rebuilt.
// Never renumber a slot; add new ones at the end.
#ifndef QUARRY_COMMON_INDEX_SCHEMA_H_
#define QUARRY_COMMON_INDEX_SCHEMA_H_

#include <sys/stat.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quarry::schema {

// Bumped when the layout below changes so that an older build would read
// an index written by this one wrongly; the indexer records it at every run.
// Version 2: numbers have no Z term (term_builder.h HasStemTerm), and the
// document data of a text left in its file is a marker (stored_text.h).
// Version 3: document data starts with the fields a result shows
// (stored_text.h ShownFields).
// Version 4: the document data may hold the fields a document declares
// (document_fields.h; stored_text.h), and kDateSlot holds each document's
// date.
// An older build refuses such an index instead of missing numbers and
// printing markers or fields as text; this build still reads version 1,
// 2 and 3 indexes as they are (their extra Z terms, stored texts and value
// slots are ignored or read as before; a document without kDateSlot is
// dated by kMtimeSlot), and upgrades them in place as files change.
inline constexpr int kSchemaVersion = 4;
inline constexpr int kOldestReadableSchemaVersion = 1;

// Term prefixes, following Xapian/omega conventions (termprefixes.rst) so
// that xapian-delve and quest remain usable on a Quarry index.
inline constexpr std::string_view kStemPrefix = "Z";      // stemmed words, no positions
inline constexpr std::string_view kTitlePrefix = "S";     // title words, with positions
inline constexpr std::string_view kUniqueIdPrefix = "Q";  // one per document: its identity
inline constexpr std::string_view kPathPrefix = "XP";     // each ancestor folder, for path:
inline constexpr std::string_view kExtensionPrefix = "E"; // lower-case extension, for ext:
// Free-text fields a document declares about itself (HTML meta tags), with
// positions; omega's standard letters: B "aBstract or summary", K "Keyword".
inline constexpr std::string_view kDescriptionPrefix = "B";
inline constexpr std::string_view kKeywordsPrefix = "K";
// The author a document names (an office file's creator, an e-book's
// dc:creator); omega's letter A. Indexed like B and K.
inline constexpr std::string_view kAuthorPrefix = "A";
// Character n-grams of text in scripts without spaces (Han, kana, Hangul,
// Thai, Lao, Khmer, Myanmar): "XG" + one character (no positions) and
// "XG" + two characters (with positions, so n-gram phrases work). They
// find words the dictionary segmentation split differently. Built only by
// common/index/term_builder.
inline constexpr std::string_view kNgramPrefix = "XG";

// Xapian refuses terms over 245 bytes; longer ones are cut and suffixed
// with a hash of the whole, deterministically.
inline constexpr size_t kMaxTermBytes = 240;

// Body words start at position 1; title words are indexed before them too,
// and the body starts this far after the title so phrases never straddle.
inline constexpr uint32_t kBodyPositionGap = 100;

// Value slots. Encodings are noted per slot; all are sortable as strings.
enum Slot : unsigned {
  kMtimeSlot = 0,      // modification time: EncodeTime (ns since epoch)
  kSizeSlot = 1,       // file size in bytes: EncodeUint64
  kSignatureSlot = 2,  // content signature: EncodeUint64 of a 64-bit hash
  kPathSlot = 3,       // absolute path of the file, UTF-8 bytes
  kTitleSlot = 4,      // title as shown to users, UTF-8
  kEncodingSlot = 5,   // detected source encoding name, e.g. "UTF-8"
  kRecordSlot = 6,     // record id within a multi-record file (JSON Lines); unset otherwise
  // The document's date, for date: and --sort date: its own date when it
  // declares one (DocumentFields::date), else the file's modification time
  // (kMtimeSlot's value); EncodeTime. Unset in documents written before
  // schema version 4.
  kDateSlot = 7,
};

// Metadata keys.
inline constexpr std::string_view kSchemaVersionKey = "quarry.schema_version";
inline constexpr std::string_view kAnalysisKey = "quarry.analysis";
inline constexpr std::string_view kRootsKey = "quarry.roots";        // newline-separated
inline constexpr std::string_view kLastRunKey = "quarry.last_run";  // format: common/index/last_run.h
// Files seen but not indexed (binary, unsupported) are remembered under
// kSkippedKeyPrefix + hex hash of the path, with value EncodeSkipped(...), so
// that a rerun does not read them again until they change.
inline constexpr std::string_view kSkippedKeyPrefix = "quarry.skipped:";
// The formats the build that wrote the index reads (ExtractorRegistry::
// Formats()); when a build reads others, the files it skipped are read again.
inline constexpr std::string_view kFormatsKey = "quarry.formats";
// "yes" when the index keeps a copy of every document's text, also of those
// the searcher can read from their files (quarry-index --store-text);
// absent otherwise. See common/index/stored_text.h.
inline constexpr std::string_view kStoreTextKey = "quarry.store_text";
// The database's size on disk and document count when it was last
// compacted ("bytes=N documents=M"), written into the compacted copy: the
// measure of how far updates have grown it since (common/index/compaction.h).
inline constexpr std::string_view kCompactedKey = "quarry.compacted";

std::string SkippedKey(std::string_view path);
std::string EncodeSkipped(std::string_view path, int64_t mtime_ns, uint64_t size,
                          std::string_view reason);
// REQUIRES: `value` came from EncodeSkipped. Returns false when malformed.
bool DecodeSkipped(std::string_view value, std::string* path, int64_t* mtime_ns,
                   uint64_t* size, std::string* reason);

// Document data holds the extracted text (UTF-8), capped at this many bytes;
// snippets are cut from it. Its encoding: common/index/stored_text.h.
inline constexpr size_t kMaxStoredTextBytes = 1 << 20;

// prefix + term, shortened to Xapian's limit when needed.
std::string MakeTerm(std::string_view prefix, std::string_view term);

// True for a word term (unprefixed: an analyzed word with positions), false
// for any prefixed term. Prefixes are capital ASCII letters and words are
// case-folded, so the first byte tells them apart.
bool IsWordTerm(std::string_view term);

// The unique-id term of the document for the file at `path` (absolute), or
// of record `record_id` within it when that is not empty.
std::string UniqueIdTerm(std::string_view path, std::string_view record_id = {});

// The path: filter terms of an absolute file path: one per ancestor folder,
// e.g. "/a/b/c.txt" -> {"XP/a", "XP/a/b"}.
std::vector<std::string> PathTerms(std::string_view path);

// The path: term of one absolute folder, which every file under it has:
// "/a/b" (or "/a/b/") -> "XP/a/b". The root "/" has none (nullopt).
std::optional<std::string> FolderTerm(std::string_view folder);

// The ext: term ("Emd"), or nullopt when the file name has no extension.
std::optional<std::string> ExtensionTerm(std::string_view path);

// The ext: term of an extension as a user types it ("md", ".MD" -> "Emd");
// nullopt when empty.
std::optional<std::string> ExtensionTermOf(std::string_view extension);

std::string EncodeUint64(uint64_t value);
uint64_t DecodeUint64(std::string_view encoded);

// Times are nanoseconds since the Unix epoch; pre-1970 times clamp to 0.
std::string EncodeTime(int64_t ns_since_epoch);

// A file's modification time as the index records it (kMtimeSlot): the
// indexer's walk and the searcher's freshness check both read it so.
int64_t ModificationTimeNs(const struct stat& st);
// `seconds` since the epoch in nanoseconds, clamped to what EncodeTime
// holds (1970 to 2262).
int64_t SecondsToNs(int64_t seconds);
int64_t DecodeTime(std::string_view encoded);

}  // namespace quarry::schema

#endif  // QUARRY_COMMON_INDEX_SCHEMA_H_
