// File: indexer/extract/title.h
// Titles a person recognises, for documents whose format has none of its
// own (issue 18, item 7): a text's first line when it reads as a heading,
// else the file's name with its folder. Over /usr/share/doc, first lines
// were `Format: https://www.debian.org/doc/...` (copyright files),
// `#include <iostream>`, `{`, `#!/usr/bin/perl` or blank.
//
// The rule, as README states it:
//  - a first line is a title unless it is code or markup (starts with #!,
//    #include-like directives, { } [ < % ; // /* (* -- @@ or a roff
//    request; ends with { ; ( \ =), a bare URL or "Key: URL", a Debian
//    changelog entry, a ChangeLog or git log header, or has no letter;
//  - otherwise the document is titled by its file: "NAME (FOLDER)", the
//    file's name without a compression suffix and its folder's name
//    ("copyright (vim)", "changelog.Debian (vim)"), the folder above it
//    when the folder's name is generic ("enough.c (zlib1g-dev)" for
//    .../zlib1g-dev/examples/enough.c).
// Changing the rule changes indexed titles: bump the versions of the
// extractors that use it.
#ifndef QUARRY_INDEXER_EXTRACT_TITLE_H_
#define QUARRY_INDEXER_EXTRACT_TITLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "indexer/extract/extractor.h"

namespace quarry::indexer {

// True when `line` (one line, trimmed or not) reads as a heading rather
// than code, markup or a log entry.
bool ReadsAsTitle(std::string_view line);

// "NAME (FOLDER)" for the file at `path` (see above); NAME alone when the
// file has no folder.
std::string FileNameTitle(std::string_view path);

// Titles each whole-file document of the file at `path` that has no
// title by its file (records of a multi-record file keep theirs).
void TitleUntitledByFileName(std::vector<ExtractedDocument>& docs, std::string_view path);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_TITLE_H_
