// File: indexer/extract/registry.h
// Chooses the extractor for an entry: by extension first, then by content
// (UTF-8 text without a line of markup is plain text at once, else
// libmagic's MIME type of the first bytes decides; any text without NUL
// bytes is plain text). "No extractor" is a normal outcome (a binary file), not an
// error. To add a format: one extractor file, and one Register() line per
// extension (and RegisterContentType() per MIME type) in Default().
#ifndef QUARRY_INDEXER_EXTRACT_REGISTRY_H_
#define QUARRY_INDEXER_EXTRACT_REGISTRY_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/extract/content_type.h"
#include "indexer/extract/extractor.h"
#include "indexer/extract/jsonl_extractor.h"

namespace quarry::indexer {

class ExtractorRegistry {
 public:
  ExtractorRegistry();

  // Every format this build supports; JSON Lines records are read with
  // `jsonl` (the default mapping when not given), container formats within
  // `limits`.
  static ExtractorRegistry Default(const JsonlFieldMapping& jsonl = {},
                                   const ExtractLimits& limits = {});

  // Registers `extractor` for files ending in ".ext" (lower case, without
  // the leading dot; may have two parts, e.g. "rst.txt").
  void Register(const std::string& ext, std::shared_ptr<const Extractor> extractor);
  // Registers `extractor` for content of MIME type `mime` whose extension
  // is not registered (e.g. "text/html" for an "index" file).
  void RegisterContentType(const std::string& mime, std::shared_ptr<const Extractor> extractor);
  // Registers `extractor` for content that `matches` (given a file's first
  // bytes) whose extension is not registered, before libmagic or the text
  // fallback are asked: formats libmagic does not tell from text (roff,
  // RTF, TeX), which a cheap look at the first bytes does. `label` names
  // the signature in Formats(). Tried in the order registered.
  void RegisterSignature(const std::string& label, bool (*matches)(std::string_view sample),
                         std::shared_ptr<const Extractor> extractor);
  // The extractor used for unknown extensions whose content looks like text.
  void SetTextFallback(std::shared_ptr<const Extractor> extractor);

  // The extractor for the file at `path` (for a compressed file: its name
  // without the compression suffix), given the first bytes of its content;
  // nullptr when the file should be skipped as binary, and then `why` (if
  // not null) says what it is, e.g. "binary (image/png)". The result is
  // owned by the registry.
  const Extractor* Choose(std::string_view path, std::string_view sample,
                          std::string* why = nullptr) const;

  // What this registry reads, as one line ("ext:extractor ... type:extractor
  // ... /typing:N"): it changes whenever a format, extension or content type
  // is added, or the way files are typed by content (kContentTyping), so
  // an index can tell that files it skipped may be readable now.
  std::string Formats() const;

  // How a Formats() string types files by content: its content types'
  // extractors, the text fallback and the content-typing rule (builds that
  // recorded no rule typed with libmagic alone). When it differs from this
  // build's, a file typed by its content may be read otherwise now.
  static std::string ContentTypingIn(std::string_view formats);

  // The name of the extractor that `formats` (a Formats() string) chooses
  // by the extension of `path` (compression suffix removed), as Choose
  // does; empty when the extension is not in it (the file is typed by its
  // content).
  static std::string ExtensionExtractorIn(std::string_view formats, std::string_view path);

 private:
  // Bumped when Choose types content differently: 2, UTF-8 text that
  // cannot be markup or PDF (MayBeMarkupOrPdf) is text without asking
  // libmagic. Recorded in every index (Formats()): changing it makes every
  // index read its files typed by content again, once.
  static constexpr int kContentTyping = 2;

  std::map<std::string, std::shared_ptr<const Extractor>, std::less<>> by_extension_;
  std::map<std::string, std::shared_ptr<const Extractor>, std::less<>> by_content_type_;
  struct Signature {
    std::string label;
    bool (*matches)(std::string_view sample);
    std::shared_ptr<const Extractor> extractor;
  };
  std::vector<Signature> signatures_;
  std::shared_ptr<const Extractor> text_fallback_;
  // Every content type registered is one that UTF-8 text ruled out by
  // MayBeMarkupOrPdf() cannot have (IsMarkupOrPdfMimeType(), or
  // IsZipPackageMimeType()).
  bool markup_types_only_ = true;
  std::unique_ptr<ContentTypeDetector> content_types_;
};

// How Formats() names `extractor`: its name, with "@VERSION" from version 2
// on (so that the formats of indexes written before versions existed still
// match), e.g. "text@2".
std::string ExtractorLabel(const Extractor& extractor);

// The lower-case extension of the file name in `path`, without the dot;
// empty when there is none.
std::string FileExtension(std::string_view path);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_REGISTRY_H_
