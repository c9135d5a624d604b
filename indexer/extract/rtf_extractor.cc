#include "indexer/extract/rtf_extractor.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <vector>

#include "common/text/encoding.h"
#include "common/text/utf8.h"
#include "indexer/extract/document_date.h"
#include "indexer/extract/text_collector.h"

namespace quarry::indexer {

namespace {

// What a group's text is.
enum class Destination {
  kBody,     // the document's text
  kSkipped,  // no text: a table, a picture, an ignorable destination
  kInfo,     // the \info group: no text of its own
  kTitle,
  kAuthor,
  kRevised,  // \revtim
  kCreated,  // \creatim
  kNote,     // a footnote or endnote: read after the text
};

struct Group {
  Destination destination = Destination::kBody;
  int unicode_skip = 1;  // \ucN: characters that stand for each \uN
};

// Destinations whose groups hold no text of the document.
bool IsSkippedDestination(std::string_view word) {
  static const std::set<std::string_view> kSkipped = {
      "fonttbl", "colortbl", "stylesheet", "listtable", "listoverridetable", "rsidtbl",
      "generator", "xmlnstbl", "themedata", "colorschememapping", "latentstyles", "datastore",
      "pict", "object", "objdata", "fldinst", "filetbl", "revtbl", "pgdsctbl", "bkmkstart",
      "bkmkend", "nonshppict", "userprops", "docvar", "mmathPr", "wgrffmtfilter", "template",
      "passwordhash", "xe", "tc", "pntext", "pntxta", "pntxtb", "listtext", "fontemb", "fontfile",
      "falt", "panose", "private", "keywords", "comment", "doccomm", "operator", "subject",
      "company", "category", "manager", "hlinkbase", "ftnsep", "ftnsepc", "ftncn", "aftnsep",
      "aftnsepc", "aftncn", "defchp", "defpap", "blipuid", "shpinst", "sp", "sn", "sv"};
  return kSkipped.count(word) != 0;
}

// The ICU name of Windows code page `cp` (\ansicpgN).
std::string CodePageName(int cp) {
  if (cp == 65001) return "UTF-8";
  if (cp == 10000) return "macintosh";
  if (cp == 437 || cp == 850 || cp == 852 || cp == 866) return "ibm-" + std::to_string(cp);
  return "windows-" + std::to_string(cp);
}

class RtfReader {
 public:
  RtfReader() { groups_.push_back(Group{}); }

  ExtractedDocument Read(std::string_view rtf) {
    for (size_t i = 0; i < rtf.size();) i = Step(rtf, i);
    Flush();
    ExtractedDocument doc;
    const std::string notes = notes_.Take();
    if (!notes.empty()) {
      body_.BreakParagraph();
      body_.AddVerbatim(notes);
    }
    doc.body = body_.Take();
    doc.title = OneLine(title_);
    doc.fields.author = OneLine(author_);
    doc.fields.date = revised_.empty() ? ParseIsoDate(created_) : ParseIsoDate(revised_);
    if (!doc.fields.date && !revised_.empty()) doc.fields.date = ParseIsoDate(created_);
    return doc;
  }

 private:
  // Groups nested deeper than this count as one level (a hostile file
  // cannot make the stack grow without bound).
  static constexpr size_t kMaxDepth = 512;

  Group& Top() { return groups_.back(); }

  size_t Step(std::string_view rtf, size_t i) {
    const char c = rtf[i];
    if (c == '{') {
      Flush();
      if (groups_.size() < kMaxDepth) {
        groups_.push_back(Top());
      } else {
        ++overflow_;
      }
      return i + 1;
    }
    if (c == '}') {
      Flush();
      if (overflow_ > 0) {
        --overflow_;
      } else if (groups_.size() > 1) {
        EndGroup();
      }
      return i + 1;
    }
    if (c == '\\') return Control(rtf, i + 1);
    if (c == '\r' || c == '\n') return i + 1;
    AddByte(c);
    return i + 1;
  }

  void EndGroup() {
    const Destination ending = Top().destination;
    groups_.pop_back();
    if (ending == Destination::kRevised || ending == Destination::kCreated) {
      (ending == Destination::kRevised ? revised_ : created_) = DateOf(date_parts_);
      std::fill(std::begin(date_parts_), std::end(date_parts_), 0);
    }
  }

  static std::string DateOf(const int (&parts)[5]) {
    if (parts[0] == 0) return {};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:00Z", parts[0],
                  parts[1] == 0 ? 1 : parts[1], parts[2] == 0 ? 1 : parts[2], parts[3], parts[4]);
    return buffer;
  }

  // A control word or symbol after a backslash at rtf[i]; returns where
  // the next token starts.
  size_t Control(std::string_view rtf, size_t i) {
    if (i >= rtf.size()) return i;
    const char c = rtf[i];
    if (!std::isalpha(static_cast<unsigned char>(c))) return Symbol(rtf, i);
    size_t end = i;
    while (end < rtf.size() && std::isalpha(static_cast<unsigned char>(rtf[end])) && end - i < 32) ++end;
    const std::string_view word = rtf.substr(i, end - i);
    bool has_param = false;
    long param = 0;
    bool negative = false;
    if (end < rtf.size() && rtf[end] == '-') {
      negative = true;
      ++end;
    }
    while (end < rtf.size() && std::isdigit(static_cast<unsigned char>(rtf[end])) && param < 100000000) {
      param = param * 10 + (rtf[end++] - '0');
      has_param = true;
    }
    if (negative) param = -param;
    if (end < rtf.size() && rtf[end] == ' ') ++end;  // the delimiter is part of the word
    return Word(word, has_param, param, rtf, end);
  }

  size_t Symbol(std::string_view rtf, size_t i) {
    const char c = rtf[i];
    switch (c) {
      case '\'': {
        // \'hh: a byte in the document's code page.
        if (i + 2 < rtf.size()) {
          const int hi = Hex(rtf[i + 1]), lo = Hex(rtf[i + 2]);
          if (hi >= 0 && lo >= 0) AddByte(static_cast<char>(hi * 16 + lo));
        }
        return std::min(rtf.size(), i + 3);
      }
      case '*':
        // An ignorable destination: this build reads none of them.
        Top().destination = Destination::kSkipped;
        return i + 1;
      case '~':
        AddByte(' ');
        return i + 1;
      case '_':
        AddByte('-');
        return i + 1;
      case '\\':
      case '{':
      case '}':
        AddByte(c);
        return i + 1;
      case '\n':
      case '\r':
        Flush();
        Break();
        return i + 1;
      default:
        return i + 1;  // \- (optional hyphen), \: (index), \| (formula)
    }
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  size_t Word(std::string_view word, bool has_param, long param, std::string_view rtf, size_t next) {
    Group& group = Top();
    if (word == "bin" && has_param) {
      // Binary data of `param` bytes follows: never text.
      return std::min(rtf.size(), next + static_cast<size_t>(std::max(0L, param)));
    }
    if (word == "u" && has_param) {
      Flush();
      char32_t cp = static_cast<char32_t>(param < 0 ? param + 65536 : param);
      if (IsText()) {
        std::string utf8;
        AppendUtf8(utf8, cp);
        Append(utf8);
      }
      skip_chars_ = group.unicode_skip;
      return next;
    }
    Flush();
    if (word == "uc" && has_param) {
      group.unicode_skip = static_cast<int>(std::clamp(param, 0L, 8L));
    } else if (word == "ansicpg" && has_param) {
      code_page_ = static_cast<int>(param);
    } else if (IsSkippedDestination(word)) {
      group.destination = Destination::kSkipped;
    } else if (word == "info") {
      group.destination = Destination::kInfo;
    } else if (word == "footnote") {
      group.destination = Destination::kNote;
      notes_.Break();
    } else if (group.destination == Destination::kInfo || InInfo()) {
      InfoWord(word, has_param, param);
    } else if (word == "par" || word == "line" || word == "sect" || word == "page" || word == "row") {
      Break();
    } else if (word == "cell" || word == "nestcell") {
      if (IsText()) body_.EndCell();
    } else if (word == "tab") {
      Append("\t");
    } else if (const char* special = Special(word)) {
      Append(special);
    }
    return next;
  }

  // Inside \info: which field a group holds, and a date's parts.
  void InfoWord(std::string_view word, bool has_param, long param) {
    Group& group = Top();
    if (word == "title") group.destination = Destination::kTitle;
    else if (word == "author") group.destination = Destination::kAuthor;
    else if (word == "revtim") group.destination = Destination::kRevised;
    else if (word == "creatim") group.destination = Destination::kCreated;
    else if (has_param && (group.destination == Destination::kRevised ||
                           group.destination == Destination::kCreated)) {
      static constexpr std::string_view kParts[] = {"yr", "mo", "dy", "hr", "min"};
      for (size_t k = 0; k < 5; ++k) {
        if (word == kParts[k]) date_parts_[k] = static_cast<int>(std::clamp(param, 0L, 9999L));
      }
    } else if (group.destination == Destination::kInfo) {
      group.destination = Destination::kSkipped;  // other \info fields
    }
  }

  bool InInfo() const {
    const Destination d = groups_.back().destination;
    return d == Destination::kTitle || d == Destination::kAuthor || d == Destination::kRevised ||
           d == Destination::kCreated;
  }

  static const char* Special(std::string_view word) {
    if (word == "emdash") return "\u2014";
    if (word == "endash") return "\u2013";
    if (word == "bullet") return "\u2022";
    if (word == "lquote") return "\u2018";
    if (word == "rquote") return "\u2019";
    if (word == "ldblquote") return "\u201C";
    if (word == "rdblquote") return "\u201D";
    if (word == "emspace" || word == "enspace" || word == "qmspace") return " ";
    return nullptr;
  }

  bool IsText() const {
    const Destination d = groups_.back().destination;
    return d == Destination::kBody || d == Destination::kNote || d == Destination::kTitle ||
           d == Destination::kAuthor;
  }

  void AddByte(char c) {
    if (skip_chars_ > 0) {
      --skip_chars_;
      return;
    }
    if (IsText()) pending_ += c;
  }

  // Text bytes collected so far, in the document's code page, to UTF-8.
  void Flush() {
    if (pending_.empty()) return;
    std::string bytes = std::move(pending_);
    pending_.clear();
    bool ascii = true;
    for (char c : bytes) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return Append(bytes);
    StatusOr<DecodedText> text = ConvertToUtf8(bytes, CodePageName(code_page_));
    if (!text.ok()) text = ConvertToUtf8(bytes, "windows-1252");
    Append(text.ok() ? text->text : SanitizeUtf8(bytes));
  }

  void Append(std::string_view text) {
    switch (groups_.back().destination) {
      case Destination::kBody:
        if (text == "\t") {
          body_.AddVerbatim("\t");
        } else {
          body_.AddText(text);
        }
        break;
      case Destination::kNote:
        notes_.AddText(text);
        break;
      case Destination::kTitle:
        title_ += text;
        break;
      case Destination::kAuthor:
        author_ += text;
        break;
      default:
        break;
    }
  }

  void Break() {
    if (groups_.back().destination == Destination::kBody) body_.Break();
    if (groups_.back().destination == Destination::kNote) notes_.Break();
  }

  std::vector<Group> groups_;
  size_t overflow_ = 0;
  std::string pending_;
  int skip_chars_ = 0;
  int code_page_ = 1252;
  TextCollector body_;
  TextCollector notes_;
  std::string title_, author_, revised_, created_;
  int date_parts_[5] = {0, 0, 0, 0, 0};
};

}  // namespace

bool LooksLikeRtf(std::string_view sample) {
  if (sample.starts_with("\xEF\xBB\xBF")) sample.remove_prefix(3);
  return sample.starts_with("{\\rtf");
}

StatusOr<std::vector<ExtractedDocument>> RtfExtractor::Extract(std::string_view path,
                                                               std::string_view content) const {
  if (!LooksLikeRtf(content)) {
    return UnsupportedError(std::string(path) + ": not RTF (no \"{\\rtf\" at the start)");
  }
  std::vector<ExtractedDocument> docs;
  docs.push_back(RtfReader().Read(content));
  return docs;
}

}  // namespace quarry::indexer
