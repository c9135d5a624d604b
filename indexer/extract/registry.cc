#include "indexer/extract/registry.h"

#include "indexer/extract/data_text_extractor.h"
#include "indexer/extract/epub_extractor.h"
#include "indexer/extract/html_extractor.h"
#include "indexer/extract/man_extractor.h"
#include "indexer/extract/markdown_extractor.h"
#include "indexer/extract/odf_extractor.h"
#include "indexer/extract/ooxml_extractor.h"
#include "indexer/extract/pdf_extractor.h"
#include "indexer/extract/plain_text_extractor.h"
#include "indexer/extract/roff_text.h"
#include "indexer/extract/rtf_extractor.h"
#include "indexer/extract/rst_extractor.h"
#include "indexer/extract/subtitle_extractor.h"
#include "indexer/extract/tex_extractor.h"
#include "indexer/extract/yaml_extractor.h"

namespace quarry::indexer {

std::string FileExtension(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// The keys a file's extension may be registered under, in the order they
// win: a two-part extension first ("rst.txt": Sphinx's copies of reST
// sources), then the last one. None without an extension.
std::vector<std::string> ExtensionKeys(std::string_view path) {
  std::vector<std::string> keys;
  const std::string ext = FileExtension(path);
  if (ext.empty()) return keys;
  const std::string inner = FileExtension(path.substr(0, path.size() - ext.size() - 1));
  if (!inner.empty()) keys.push_back(inner + "." + ext);
  keys.push_back(ext);
  return keys;
}

ExtractorRegistry::ExtractorRegistry() : content_types_(std::make_unique<ContentTypeDetector>()) {}

ExtractorRegistry ExtractorRegistry::Default(const JsonlFieldMapping& jsonl,
                                             const ExtractLimits& limits) {
  ExtractorRegistry registry;
  auto text = std::make_shared<PlainTextExtractor>();
  for (const char* ext : {"txt", "text"}) registry.Register(ext, text);
  auto records = std::make_shared<JsonlExtractor>(jsonl);
  for (const char* ext : {"jsonl", "ndjson"}) registry.Register(ext, records);
  registry.SetTextFallback(text);

  auto data = std::make_shared<DataTextExtractor>();
  for (const char* ext : {"json", "csv", "tsv"}) registry.Register(ext, data);
  auto subtitles = std::make_shared<SubtitleExtractor>();
  for (const char* ext : {"srt", "vtt"}) registry.Register(ext, subtitles);

  auto markdown = std::make_shared<MarkdownExtractor>();
  for (const char* ext : {"md", "markdown", "mdown", "mkd"}) registry.Register(ext, markdown);

  auto rst = std::make_shared<RstExtractor>();
  for (const char* ext : {"rst", "rest", "rst.txt"}) registry.Register(ext, rst);

  auto yaml = std::make_shared<YamlExtractor>();
  for (const char* ext : {"yaml", "yml"}) registry.Register(ext, yaml);

  auto html = std::make_shared<HtmlExtractor>();
  for (const char* ext : {"html", "htm", "xhtml", "xht", "shtml"}) registry.Register(ext, html);
  for (const char* mime : {"text/html", "application/xhtml+xml"}) {
    registry.RegisterContentType(mime, html);
  }

  auto svg = std::make_shared<SvgExtractor>();
  registry.Register("svg", svg);
  registry.RegisterContentType("image/svg+xml", svg);

  auto pdf = std::make_shared<PdfExtractor>();
  registry.Register("pdf", pdf);
  registry.RegisterContentType("application/pdf", pdf);

  auto ooxml = std::make_shared<OoxmlExtractor>(limits.max_expanded_bytes);
  for (const char* ext : kOoxmlExtensions) registry.Register(ext, ooxml);
  for (const char* kind : {"wordprocessingml.document", "wordprocessingml.template",
                           "spreadsheetml.sheet", "spreadsheetml.template",
                           "presentationml.presentation", "presentationml.slideshow",
                           "presentationml.template"}) {
    registry.RegisterContentType(std::string("application/vnd.openxmlformats-officedocument.") + kind,
                                 ooxml);
  }
  auto odf = std::make_shared<OdfExtractor>(limits.max_expanded_bytes);
  for (const char* ext : kOdfExtensions) registry.Register(ext, odf);
  for (const char* kind : {"text", "spreadsheet", "presentation", "graphics", "text-template",
                           "spreadsheet-template", "presentation-template", "graphics-template"}) {
    registry.RegisterContentType(std::string("application/vnd.oasis.opendocument.") + kind, odf);
  }
  auto man = std::make_shared<ManExtractor>();
  registry.Register("man", man);
  registry.RegisterSignature("man", LooksLikeManPage, man);

  auto rtf = std::make_shared<RtfExtractor>();
  registry.Register("rtf", rtf);
  registry.RegisterSignature("rtf", LooksLikeRtf, rtf);

  auto tex = std::make_shared<TexExtractor>();
  for (const char* ext : {"tex", "ltx", "latex"}) registry.Register(ext, tex);
  registry.RegisterSignature("latex", LooksLikeLatex, tex);

  auto epub = std::make_shared<EpubExtractor>(limits.max_expanded_bytes);
  registry.Register("epub", epub);
  registry.RegisterContentType("application/epub+zip", epub);
  return registry;
}

void ExtractorRegistry::Register(const std::string& ext, std::shared_ptr<const Extractor> extractor) {
  by_extension_[ext] = std::move(extractor);
}

void ExtractorRegistry::RegisterContentType(const std::string& mime,
                                            std::shared_ptr<const Extractor> extractor) {
  markup_types_only_ =
      markup_types_only_ && (IsMarkupOrPdfMimeType(mime) || IsZipPackageMimeType(mime));
  by_content_type_[mime] = std::move(extractor);
}

void ExtractorRegistry::RegisterSignature(const std::string& label,
                                          bool (*matches)(std::string_view sample),
                                          std::shared_ptr<const Extractor> extractor) {
  signatures_.push_back({label, matches, std::move(extractor)});
}

void ExtractorRegistry::SetTextFallback(std::shared_ptr<const Extractor> extractor) {
  text_fallback_ = std::move(extractor);
}

const Extractor* ExtractorRegistry::Choose(std::string_view path, std::string_view sample,
                                           std::string* why) const {
  for (const std::string& key : ExtensionKeys(path)) {
    auto it = by_extension_.find(key);
    if (it != by_extension_.end()) return it->second.get();
  }
  for (const Signature& signature : signatures_) {
    if (signature.matches(sample)) return signature.extractor.get();
  }
  // libmagic costs 1 to 2 ms a file. When every type it could choose an
  // extractor by is markup or PDF, UTF-8 text that cannot be either is
  // plain text without asking it.
  if (text_fallback_ && markup_types_only_ && !MayBeMarkupOrPdf(sample)) {
    return text_fallback_.get();
  }
  std::string mime = content_types_->MimeType(sample);
  auto by_type = by_content_type_.find(mime);
  if (by_type != by_content_type_.end()) return by_type->second.get();
  if (text_fallback_ && (LooksLikeText(sample) || IsTextMimeType(mime))) {
    return text_fallback_.get();
  }
  if (why != nullptr) *why = "binary (" + (mime.empty() ? "unknown type" : mime) + ")";
  return nullptr;
}

namespace {

// Calls visit(key, pair) for each "key:value" pair of a Formats() string
// (extractor labels hold no ':'), until it returns true.
template <typename Visit>
void ForEachPair(std::string_view formats, Visit visit) {
  for (size_t at = 0; at < formats.size();) {
    size_t end = formats.find(' ', at);
    if (end == std::string_view::npos) end = formats.size();
    const std::string_view pair = formats.substr(at, end - at);
    const size_t colon = pair.rfind(':');
    if (colon != std::string_view::npos && visit(pair.substr(0, colon), pair)) return;
    at = end + 1;
  }
}

// The value of the pair "key:value" in a Formats() string; empty when none.
std::string ValueIn(std::string_view formats, std::string_view key) {
  std::string value;
  ForEachPair(formats, [&](std::string_view pair_key, std::string_view pair) {
    if (pair_key != key) return false;
    value = pair.substr(key.size() + 1);
    return true;
  });
  return value;
}

// The key of the content-typing rule: no file extension holds a '/'.
constexpr std::string_view kContentTypingKey = "/typing";

}  // namespace

std::string ExtractorRegistry::ExtensionExtractorIn(std::string_view formats,
                                                    std::string_view path) {
  for (const std::string& key : ExtensionKeys(path)) {
    std::string name = ValueIn(formats, key);
    if (!name.empty()) return name;
  }
  return {};
}

std::string ExtractorRegistry::ContentTypingIn(std::string_view formats) {
  // The pairs that are not an extension's: a MIME type's (it holds a '/'),
  // the text fallback's ('*') and the rule's.
  std::string typing;
  ForEachPair(formats, [&](std::string_view key, std::string_view pair) {
    if (key == "*" || key.find('/') != std::string_view::npos) typing += std::string(pair) + " ";
    return false;
  });
  return typing;
}

std::string ExtractorLabel(const Extractor& extractor) {
  std::string label(extractor.name());
  if (extractor.version() != 1) {
    label += '@';
    label += std::to_string(extractor.version());
  }
  return label;
}

std::string ExtractorRegistry::Formats() const {
  const auto label = [](const Extractor& extractor) { return ExtractorLabel(extractor); };
  std::string formats;
  for (const auto& [ext, extractor] : by_extension_) formats += ext + ":" + label(*extractor) + " ";
  for (const auto& [mime, extractor] : by_content_type_)
    formats += mime + ":" + label(*extractor) + " ";
  // A signature's key holds a '/' (as a MIME type's does): it types content.
  for (const Signature& signature : signatures_)
    formats += "signature/" + signature.label + ":" + label(*signature.extractor) + " ";
  if (text_fallback_) formats += "*:" + label(*text_fallback_) + " ";
  formats += std::string(kContentTypingKey) + ":" + std::to_string(kContentTyping);
  return formats;
}

}  // namespace quarry::indexer
