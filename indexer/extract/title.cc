#include "indexer/extract/title.h"

#include <cctype>

#include "common/text/ascii.h"
#include "indexer/extract/decompressor.h"

namespace quarry::indexer {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A letter in any script: ASCII letters, and any non-ASCII character
// (UTF-8 lead and continuation bytes): good enough to tell words from
// punctuation, numbers and drawings.
bool HasLetter(std::string_view s) {
  for (char c : s) {
    if (IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (s.starts_with(p)) return true;
  }
  return false;
}

// A line of code or markup by its first characters: a shebang or a
// directive (#include, #define; "# Heading" is a heading), braces,
// brackets, tags, comments of C, Pascal, TeX, Lisp, SQL and roff, diffs.
bool StartsLikeCode(std::string_view line) {
  if (line.size() >= 2 && line[0] == '#' && (IsAsciiLetter(line[1]) || line[1] == '!')) return true;
  if (StartsWithAny(line, {"{", "}", "]", "<", "%", ";", "//", "/*", "*/", "(*", "*)", "--",
                           "@@", "\\", "'\\\"", ".\\\"", "..", "=begin", "=head", "=pod", "dnl ", "#!"})) {
    return true;
  }
  // An INI section ("[Desktop Entry]") or a JSON array; not "[1] A note."
  if (line.starts_with('[') && line.ends_with(']')) return true;
  // A roff request (".ig", ".TH", ".PP").
  if (line.size() >= 2 && line[0] == '.' && IsAsciiLetter(line[1])) {
    size_t i = 1;
    while (i < line.size() && IsAsciiLetter(line[i])) ++i;
    if (i <= 3 && (i == line.size() || line[i] == ' ')) return true;
  }
  return false;
}

// Code by its last character: an opened block or list, a statement's end.
bool EndsLikeCode(std::string_view line) {
  const char last = line.back();
  return last == '{' || last == ';' || last == '(' || last == '\\' || last == '=' || last == '[';
}

// A URL alone, or a label and a URL ("Format: https://..." heads Debian's
// copyright files).
bool IsUrlLine(std::string_view line) {
  const size_t colon = line.find(": ");
  if (colon != std::string_view::npos && line.find("://") > colon) line = Trim(line.substr(colon + 2));
  return line.find("://") != std::string_view::npos && line.find(' ') == std::string_view::npos;
}

// "vim (2:9.0.1378-2) bookworm; urgency=high": a Debian changelog entry.
bool IsDebianChangelogEntry(std::string_view line) {
  const size_t open = line.find(" (");
  return open != std::string_view::npos && open > 0 && line.find(')', open) != std::string_view::npos &&
         line.find("; urgency=") != std::string_view::npos;
}

// "2023-01-14  Nick Clifton  <nickc@redhat.com>", "Thu Jan 22 2015  A B
// <a@b>": a ChangeLog entry; "commit 18b845e6...": a git log.
bool IsLogHeader(std::string_view line) {
  if (line.starts_with("commit ") && line.size() >= 47) return true;
  const size_t lt = line.find('<');
  const bool email = lt != std::string_view::npos && line.find('@', lt) != std::string_view::npos &&
                     line.back() == '>';
  if (!email) return false;
  static constexpr std::string_view kDays[] = {"Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "};
  for (std::string_view day : kDays) {
    if (line.starts_with(day)) return true;
  }
  return IsDigit(line[0]);
}

// Folder names that say what a file is for, not what it is about.
bool IsGenericFolder(std::string_view name) {
  const std::string lower = AsciiLower(name);
  static constexpr std::string_view kGeneric[] = {
      "examples", "example", "doc", "docs", "src", "source", "sources", "test", "tests", "sample",
      "samples", "demo", "demos", "contrib", "misc", "data", "html", "txt", "text", "scripts",
      "lib", "include", "bin", "files", "extra", "extras", "util", "utils", "tools", "share"};
  for (std::string_view g : kGeneric) {
    if (lower == g) return true;
  }
  return false;
}

}  // namespace

bool ReadsAsTitle(std::string_view line) {
  line = Trim(line);
  if (line.empty() || !HasLetter(line)) return false;
  return !StartsLikeCode(line) && !EndsLikeCode(line) && !IsUrlLine(line) &&
         !IsDebianChangelogEntry(line) && !IsLogHeader(line);
}

std::string FileNameTitle(std::string_view path) {
  path = WithoutCompressionSuffix(path);
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::string_view folder;
  // The parent folder, or the one above a generic one.
  for (int up = 0; up < 2 && slash != std::string_view::npos && slash > 0; ++up) {
    const std::string_view parent_path = path.substr(0, slash);
    slash = parent_path.rfind('/');
    folder = slash == std::string_view::npos ? parent_path : parent_path.substr(slash + 1);
    if (!IsGenericFolder(folder)) break;
  }
  std::string title(name);
  if (!folder.empty()) title.append(" (").append(folder).append(")");
  return title;
}

void TitleUntitledByFileName(std::vector<ExtractedDocument>& docs, std::string_view path) {
  for (ExtractedDocument& doc : docs) {
    if (doc.title.empty() && doc.record_id.empty()) doc.title = FileNameTitle(path);
  }
}

}  // namespace quarry::indexer
