#include "indexer/extract/tex_extractor.h"

#include <cctype>
#include <map>
#include <vector>

#include "common/text/utf8.h"
#include "indexer/extract/document_date.h"
#include "indexer/extract/plain_text_extractor.h"
#include "indexer/extract/text_collector.h"

namespace quarry::indexer {

namespace {

// Where the text of a brace group goes.
enum class Sink { kText, kDrop, kTitle, kAuthor, kDate, kHeading };

// Commands whose brace arguments are no text: how many they take (an
// optional [argument] before them is always dropped).
int DroppedArguments(std::string_view command) {
  static const std::map<std::string_view, int, std::less<>> kDropped = {
      {"label", 1}, {"ref", 1}, {"pageref", 1}, {"eqref", 1}, {"autoref", 1}, {"cref", 1},
      {"Cref", 1}, {"cite", 1}, {"citep", 1}, {"citet", 1}, {"nocite", 1}, {"usepackage", 1},
      {"RequirePackage", 1}, {"documentclass", 1}, {"documentstyle", 1}, {"includegraphics", 1},
      {"input", 1}, {"include", 1}, {"includeonly", 1}, {"bibliography", 1},
      {"bibliographystyle", 1}, {"newcommand", 2}, {"renewcommand", 2}, {"providecommand", 2},
      {"newenvironment", 3}, {"renewenvironment", 3}, {"newtheorem", 2}, {"setlength", 2},
      {"addtolength", 2}, {"setcounter", 2}, {"addtocounter", 2}, {"vspace", 1}, {"hspace", 1},
      {"hypersetup", 1}, {"pagestyle", 1}, {"thispagestyle", 1}, {"pagenumbering", 1},
      {"geometry", 1}, {"definecolor", 3}, {"color", 1}, {"colorbox", 1},
      {"thanks", 1}, {"bibitem", 1}, {"graphicspath", 1}, {"DeclareMathOperator", 2},
      {"newlength", 1}, {"newcounter", 1}, {"makeatletter", 0}, {"setuptoc", 2},
      {"lstset", 1}, {"hyphenation", 1}, {"fontsize", 2}, {"selectfont", 0}, {"linespread", 1},
      {"pgfplotsset", 1}, {"tikzset", 1}, {"usetikzlibrary", 1}, {"mathbf", 1}, {"mathrm", 1}};
  auto it = kDropped.find(command);
  return it == kDropped.end() ? -1 : it->second;
}

bool IsHeading(std::string_view command) {
  return command == "part" || command == "chapter" || command == "section" ||
         command == "subsection" || command == "subsubsection" || command == "paragraph" ||
         command == "subparagraph";
}

// What a command that takes no argument stands for; nullptr when unknown.
const char* CommandText(std::string_view command) {
  static const std::map<std::string_view, const char*, std::less<>> kText = {
      {"LaTeX", "LaTeX"}, {"TeX", "TeX"}, {"LaTeXe", "LaTeX2e"}, {"ldots", "\u2026"},
      {"dots", "\u2026"}, {"ss", "\u00DF"}, {"ae", "\u00E6"}, {"AE", "\u00C6"}, {"oe", "\u0153"},
      {"OE", "\u0152"}, {"o", "\u00F8"}, {"O", "\u00D8"}, {"aa", "\u00E5"}, {"AA", "\u00C5"},
      {"l", "\u0142"}, {"L", "\u0141"}, {"i", "i"}, {"j", "j"}, {"S", "\u00A7"}, {"P", "\u00B6"},
      {"copyright", "\u00A9"}, {"textbackslash", "\\"}, {"textasciitilde", "~"},
      {"textendash", "\u2013"}, {"textemdash", "\u2014"}, {"textbullet", "\u2022"},
      {"quad", " "}, {"qquad", " "}, {"and", ", "}, {"today", ""}, {"euro", "\u20AC"}};
  auto it = kText.find(command);
  return it == kText.end() ? nullptr : it->second;
}

// The combining mark of an accent command (\'e, \"o, \c{c}); 0 if none.
char32_t AccentMark(std::string_view command) {
  if (command.size() != 1) return 0;
  switch (command[0]) {
    case '\'': return 0x301;
    case '`': return 0x300;
    case '^': return 0x302;
    case '"': return 0x308;
    case '~': return 0x303;
    case '=': return 0x304;
    case '.': return 0x307;
    case 'c': return 0x327;
    case 'v': return 0x30C;
    case 'u': return 0x306;
    case 'H': return 0x30B;
    case 'k': return 0x328;
    case 'r': return 0x30A;
    default: return 0;
  }
}

bool IsMathEnvironment(std::string_view env) {
  if (env.ends_with('*')) env.remove_suffix(1);
  return env == "equation" || env == "align" || env == "eqnarray" || env == "displaymath" ||
         env == "math" || env == "gather" || env == "multline" || env == "flalign" ||
         env == "alignat" || env == "split" || env == "tikzpicture" || env == "picture";
}

bool IsVerbatimEnvironment(std::string_view env) {
  return env == "verbatim" || env == "verbatim*" || env == "lstlisting" || env == "Verbatim" ||
         env == "minted" || env == "alltt";
}

class TexReader {
 public:
  explicit TexReader(std::string_view tex)
      : tex_(tex), in_preamble_(tex.find("\\begin{document}") != std::string_view::npos) {
    groups_.push_back(Sink::kText);
  }

  ExtractedDocument Read() {
    while (i_ < tex_.size() && !done_) Step();
    ExtractedDocument doc;
    doc.body = body_.Take();
    doc.title = OneLine(title_.empty() ? first_heading_ : title_);
    // "A \and B": "A , B" before the blanks around \and are tidied.
    std::string author = OneLine(author_);
    for (size_t at; (at = author.find(" ,")) != std::string::npos;) author.erase(at, 1);
    while (author.ends_with(',')) author.pop_back();
    doc.fields.author = std::move(author);
    doc.fields.date = ParseIsoDate(OneLine(date_));
    return doc;
  }

 private:
  static constexpr size_t kMaxDepth = 512;

  Sink Current() const { return groups_.back(); }

  void Step() {
    const char c = tex_[i_];
    if (c == '%') return SkipLine();
    if (c == '\\') return Command();
    if (c == '{') {
      ++i_;
      Sink sink = Current();
      if (!pending_.empty()) {
        sink = pending_.front();
        pending_.erase(pending_.begin());
      }
      if (groups_.size() < kMaxDepth) {
        groups_.push_back(sink);
      } else {
        ++overflow_;
      }
      return;
    }
    if (c == '}') {
      ++i_;
      if (overflow_ > 0) {
        --overflow_;
      } else if (groups_.size() > 1) {
        const Sink ended = groups_.back();
        groups_.pop_back();
        if (ended == Sink::kHeading) {
          if (first_heading_.empty()) first_heading_ = OneLine(heading_);
          heading_.clear();
          body_.BreakParagraph();
        }
      }
      return;
    }
    if (c == '$') return Math();
    pending_.clear();  // arguments come right after their command
    ++i_;
    if (c == '~') return Emit(" ");
    if (c == '&' && tabular_ > 0) return Emit("\t");
    if (c == '-' && tex_.substr(i_, 2) == "--") {
      i_ += 2;
      return Emit("\u2014");
    }
    if (c == '-' && tex_.substr(i_, 1) == "-") {
      i_ += 1;
      return Emit("\u2013");
    }
    if ((c == '`' || c == '\'') && i_ < tex_.size() && tex_[i_] == c) {
      ++i_;
      return Emit(c == '`' ? "\u201C" : "\u201D");
    }
    if (c == '\n' && i_ < tex_.size() && tex_[i_] == '\n') return Paragraph();
    if (c == '#' || c == '^' || c == '_') return;  // macro parameters, stray math
    Emit(std::string_view(&tex_[i_ - 1], 1));
  }

  void SkipLine() {
    const size_t end = tex_.find('\n', i_);
    i_ = end == std::string_view::npos ? tex_.size() : end + 1;
  }

  // $...$ and $$...$$: math, no text.
  void Math() {
    const bool display = tex_.substr(i_, 2) == "$$";
    i_ += display ? 2 : 1;
    SkipUntil(display ? "$$" : "$");
  }

  // Skips to just past `closer`, honouring backslash escapes.
  void SkipUntil(std::string_view closer) {
    while (i_ < tex_.size()) {
      if (tex_[i_] == '\\') {
        if (tex_.substr(i_, closer.size()) == closer) break;
        i_ += 2;
        continue;
      }
      if (tex_.substr(i_, closer.size()) == closer) break;
      ++i_;
    }
    i_ = std::min(tex_.size(), i_ + closer.size());
  }

  void Command() {
    ++i_;
    if (i_ >= tex_.size()) return;
    std::string_view name;
    if (std::isalpha(static_cast<unsigned char>(tex_[i_])) || tex_[i_] == '@') {
      const size_t start = i_;
      while (i_ < tex_.size() && (std::isalpha(static_cast<unsigned char>(tex_[i_])) || tex_[i_] == '@')) ++i_;
      name = tex_.substr(start, i_ - start);
      // Blanks after a control word end it.
      while (i_ < tex_.size() && (tex_[i_] == ' ' || tex_[i_] == '\t')) ++i_;
    } else {
      // A control symbol: one character, whole (\é is not half of é).
      const size_t length = CharacterLength(tex_, i_);
      name = tex_.substr(i_, length);
      i_ += length;
    }
    pending_.clear();
    if (Symbol(name)) return;
    if (name == "begin" || name == "end") return Environment(name == "begin");
    if (name == "def" || name == "let") return Definition(name == "let");
    if (i_ < tex_.size() && tex_[i_] == '*') ++i_;  // \section*
    if (name == "item") {
      // An item starts a line, with its label if it has one.
      Break();
      return SkipOptionalArgument(Sink::kText);
    }
    SkipOptionalArgument(Sink::kDrop);
    if (const char32_t mark = AccentMark(name)) return Accent(mark);
    if (name == "title" || name == "author" || name == "date") {
      pending_ = {name == "title" ? Sink::kTitle : name == "author" ? Sink::kAuthor : Sink::kDate};
      return;
    }
    if (IsHeading(name)) {
      Paragraph();
      pending_ = {Sink::kHeading};
      return;
    }
    if (name == "par" || name == "newline" || name == "linebreak") return Break();
    if (name == "href") {
      pending_ = {Sink::kDrop, Sink::kText};
      return;
    }
    if (name == "textcolor") {
      pending_ = {Sink::kDrop, Sink::kText};
      return;
    }
    const int dropped = DroppedArguments(name);
    if (dropped >= 0) {
      pending_.assign(static_cast<size_t>(dropped), Sink::kDrop);
      return;
    }
    if (const char* text = CommandText(name)) Emit(text);
    // Any other command: its brace arguments are text (\emph{word}).
  }

  // Control symbols; false when `name` is a control word.
  bool Symbol(std::string_view name) {
    if (name.size() != 1 || std::isalpha(static_cast<unsigned char>(name[0]))) return false;
    switch (name[0]) {
      case '\\':
        Break();
        SkipOptionalArgument(Sink::kDrop);  // \\[2pt]
        return true;
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
      case '{':
      case '}':
        Emit(name);
        return true;
      case ' ':
      case ',':
      case ';':
      case ':':
        Emit(" ");
        return true;
      case '(':
        SkipUntil("\\)");
        return true;
      case '[':
        SkipUntil("\\]");
        return true;
      case '-':
      case '/':
      case '@':
      case '!':
        return true;
      default:
        if (const char32_t mark = AccentMark(name)) {
          Accent(mark);
          return true;
        }
        return true;
    }
  }

  // An accent on the next letter (or on the letter of the next group).
  void Accent(char32_t mark) {
    while (i_ < tex_.size() && (tex_[i_] == ' ' || tex_[i_] == '{')) ++i_;
    if (i_ < tex_.size() && tex_[i_] == '\\') {
      // \'{\i}: a dotless i.
      i_ = std::min(tex_.size(), i_ + 2);
      std::string letter = "i";
      AppendUtf8(letter, mark);
      Emit(letter);
    } else if (i_ < tex_.size()) {
      // The whole character, which may take several bytes (\'é).
      std::string letter(tex_.substr(i_, CharacterLength(tex_, i_)));
      i_ += letter.size();
      AppendUtf8(letter, mark);
      Emit(letter);
    }
    if (i_ < tex_.size() && tex_[i_] == '}') ++i_;
  }

  // [...] after a command: dropped (options), or text (\item[label]).
  void SkipOptionalArgument(Sink sink) {
    size_t j = i_;
    while (j < tex_.size() && (tex_[j] == ' ' || tex_[j] == '\n')) ++j;
    if (j >= tex_.size() || tex_[j] != '[') return;
    int depth = 0;
    size_t end = j;
    for (; end < tex_.size(); ++end) {
      if (tex_[end] == '[') ++depth;
      if (tex_[end] == ']' && --depth == 0) break;
    }
    if (sink == Sink::kText) Emit(tex_.substr(j + 1, std::min(end, tex_.size()) - j - 1));
    i_ = std::min(tex_.size(), end + 1);
  }

  // \def\name{...}, \let\a\b: definitions, no text.
  void Definition(bool let) {
    while (i_ < tex_.size() && tex_[i_] == ' ') ++i_;
    if (i_ < tex_.size() && tex_[i_] == '\\') {
      ++i_;
      while (i_ < tex_.size() && std::isalpha(static_cast<unsigned char>(tex_[i_]))) ++i_;
    }
    if (let) {
      while (i_ < tex_.size() && (tex_[i_] == ' ' || tex_[i_] == '=')) ++i_;
      if (i_ < tex_.size() && tex_[i_] == '\\') ++i_;
      while (i_ < tex_.size() && std::isalpha(static_cast<unsigned char>(tex_[i_]))) ++i_;
      return;
    }
    // Parameters (#1#2) up to the body.
    while (i_ < tex_.size() && tex_[i_] != '{' && tex_[i_] != '\n') ++i_;
    pending_ = {Sink::kDrop};
  }

  // The name of the environment in braces at i_.
  std::string_view EnvironmentName() {
    while (i_ < tex_.size() && tex_[i_] == ' ') ++i_;
    if (i_ >= tex_.size() || tex_[i_] != '{') return {};
    const size_t close = tex_.find('}', i_);
    if (close == std::string_view::npos) return {};
    const std::string_view name = tex_.substr(i_ + 1, close - i_ - 1);
    i_ = close + 1;
    return name;
  }

  void Environment(bool begin) {
    const std::string_view env = EnvironmentName();
    if (env == "document") {
      if (begin) {
        in_preamble_ = false;
      } else {
        done_ = true;
      }
      return;
    }
    if (!begin) {
      if (env.starts_with("tabular") && tabular_ > 0) --tabular_;
      return Break();
    }
    const std::string end = "\\end{" + std::string(env) + "}";
    if (IsMathEnvironment(env) || env == "comment") {
      const size_t at = tex_.find(end, i_);
      i_ = at == std::string_view::npos ? tex_.size() : at + end.size();
      return;
    }
    if (IsVerbatimEnvironment(env)) {
      const size_t at = tex_.find(end, i_);
      const size_t stop = at == std::string_view::npos ? tex_.size() : at;
      // Options of lstlisting and minted's language come first.
      if (i_ < stop && tex_[i_] == '[') SkipOptionalArgument(Sink::kDrop);
      if (env == "minted" && i_ < stop && tex_[i_] == '{') i_ = tex_.find('}', i_) + 1;
      Break();
      if (Current() == Sink::kText && !in_preamble_) body_.AddVerbatim(tex_.substr(i_, stop - i_));
      Break();
      i_ = at == std::string_view::npos ? tex_.size() : at + end.size();
      return;
    }
    Break();
    SkipOptionalArgument(Sink::kDrop);
    if (env.starts_with("tabular") || env == "array" || env == "longtable" || env == "tabularx") {
      ++tabular_;
      // The column specification (and the width of tabular* and tabularx).
      pending_.assign(env == "tabular" || env == "longtable" || env == "array" ? 1 : 2, Sink::kDrop);
    }
  }

  void Emit(std::string_view text) {
    switch (Current()) {
      case Sink::kText:
        if (in_preamble_) break;
        if (text == "\t") {
          body_.EndCell();  // a table's column
        } else {
          body_.AddText(text);
        }
        break;
      case Sink::kHeading:
        heading_ += text;
        body_.AddText(text);
        break;
      case Sink::kTitle:
        title_ += text;
        break;
      case Sink::kAuthor:
        author_ += text;
        break;
      case Sink::kDate:
        date_ += text;
        break;
      case Sink::kDrop:
        break;
    }
  }

  void Break() {
    if (Current() == Sink::kText && !in_preamble_) body_.Break();
    if (Current() == Sink::kTitle) title_ += ' ';
    if (Current() == Sink::kAuthor) author_ += ' ';
  }

  void Paragraph() {
    if (Current() == Sink::kText && !in_preamble_) body_.BreakParagraph();
  }

  std::string_view tex_;
  size_t i_ = 0;
  bool in_preamble_;
  bool done_ = false;
  std::vector<Sink> groups_;
  size_t overflow_ = 0;
  std::vector<Sink> pending_;  // where the next brace groups go
  int tabular_ = 0;
  TextCollector body_;
  std::string title_, author_, date_, heading_, first_heading_;
};

}  // namespace

bool LooksLikeLatex(std::string_view sample) {
  size_t pos = 0;
  for (std::string_view line; NextLine(sample, &pos, &line);) {
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.starts_with("\\documentclass") || line.starts_with("\\documentstyle")) return true;
  }
  return false;
}

StatusOr<std::vector<ExtractedDocument>> TexExtractor::Extract(std::string_view path,
                                                               std::string_view content) const {
  QUARRY_ASSIGN_OR_RETURN(DecodedText decoded, DecodeTextContent(path, content));
  std::vector<ExtractedDocument> docs;
  docs.push_back(TexReader(decoded.text).Read());
  docs.back().encoding = std::move(decoded.encoding);
  return docs;
}

}  // namespace quarry::indexer
