#include "indexer/extract/roff_escapes.h"

#include <cstdlib>

#include "common/text/utf8.h"

namespace quarry::indexer {

namespace {

struct SpecialCharacter {
  std::string_view name, utf8;
};

// groff_char(7)'s characters that man pages use, as a terminal shows them.
constexpr SpecialCharacter kSpecialCharacters[] = {
    {"em", "\u2014"}, {"en", "\u2013"}, {"hy", "-"},      {"mi", "-"},      {"pl", "+"},
    {"mu", "\u00D7"}, {"di", "\u00F7"}, {"eq", "="},      {"->", "\u2192"}, {"<-", "\u2190"},
    {"<>", "\u2194"}, {"ua", "\u2191"}, {"da", "\u2193"}, {"=>", "\u21D2"}, {">=", "\u2265"},
    {"<=", "\u2264"}, {"!=", "\u2260"}, {"==", "\u2261"}, {"~~", "\u2248"}, {"~=", "\u2245"},
    {"+-", "\u00B1"}, {"bu", "\u2022"}, {"co", "\u00A9"}, {"rg", "\u00AE"}, {"tm", "\u2122"},
    {"lq", "\u201C"}, {"rq", "\u201D"}, {"oq", "\u2018"}, {"cq", "\u2019"}, {"aq", "'"},
    {"dq", "\""},     {"ga", "`"},      {"aa", "\u00B4"}, {"ti", "~"},      {"ha", "^"},
    {"a^", "^"},      {"a~", "~"},      {"sl", "/"},      {"rs", "\\"},     {"ba", "|"},
    {"bv", "|"},      {"br", "|"},      {"ul", "_"},      {"ru", "_"},      {"lB", "["},
    {"rB", "]"},      {"lC", "{"},      {"rC", "}"},      {"la", "\u27E8"}, {"ra", "\u27E9"},
    {"Fo", "\u00AB"}, {"Fc", "\u00BB"}, {"fo", "\u2039"}, {"fc", "\u203A"}, {"Bq", "\u201E"},
    {"bq", "\u201A"}, {"ci", "\u25CB"}, {"sq", "\u25A1"}, {"de", "\u00B0"}, {"dg", "\u2020"},
    {"dd", "\u2021"}, {"sc", "\u00A7"}, {"ps", "\u00B6"}, {"ct", "\u00A2"}, {"Po", "\u00A3"},
    {"Eu", "\u20AC"}, {"eu", "\u20AC"}, {"Ye", "\u00A5"}, {"fm", "\u2032"}, {"sd", "\u2033"},
    {"OK", "\u2713"}, {"lh", "\u261C"}, {"rh", "\u261E"}, {"at", "@"},      {"sh", "#"},
    {"Do", "$"},      {"ss", "\u00DF"}, {"ff", "ff"},     {"fi", "fi"},     {"fl", "fl"},
    {"AE", "\u00C6"}, {"ae", "\u00E6"}, {"OE", "\u0152"}, {"oe", "\u0153"}, {"/O", "\u00D8"},
    {"/o", "\u00F8"}, {"%", ""},        {"r!", "\u00A1"}, {"r?", "\u00BF"}, {"12", "\u00BD"},
    {"14", "\u00BC"}, {"34", "\u00BE"}, {"no", "\u00AC"}, {"if", "\u221E"}, {"pd", "\u2202"},
    {"sr", "\u221A"}, {"is", "\u222B"}, {"es", "\u2205"}, {"mo", "\u2208"}, {"nm", "\u2209"},
    {"sb", "\u2282"}, {"sp", "\u2283"}, {"ca", "\u2229"}, {"cu", "\u222A"}, {"fa", "\u2200"},
    {"te", "\u2203"}, {"tf", "\u2234"}, {"pt", "\u221D"}, {"ap", "~"},      {"**", "*"},
    {"Sd", "\u00F0"}, {"TP", "\u00DE"}, {"Tp", "\u00FE"}, {"-D", "\u00D0"}, {"IJ", "\u0132"},
    {"ij", "\u0133"}, {"bs", "\u260E"},
};

// Greek letters by their roff names: "*a" -> "α", "*A" -> "Α".
constexpr std::string_view kGreekLatin = "abgdezyhiklmncoprstufxqw";
constexpr char32_t kGreekLower[] = {0x3B1, 0x3B2, 0x3B3, 0x3B4, 0x3B5, 0x3B6, 0x3B7, 0x3B8,
                                    0x3B9, 0x3BA, 0x3BB, 0x3BC, 0x3BD, 0x3BE, 0x3BF, 0x3C0,
                                    0x3C1, 0x3C3, 0x3C4, 0x3C5, 0x3C6, 0x3C7, 0x3C8, 0x3C9};

// Composites: the mark, then the base letter ("'e", ":u", "~n", ",c").
std::string Composite(std::string_view name) {
  if (name.size() != 2) return {};
  const char mark = name[0], letter = name[1];
  // Unicode's combining marks, composed with the letter where Latin-1 has
  // it; the analyzer folds either form the same way.
  struct Mark {
    char roff;
    char32_t combining;
  };
  static constexpr Mark kMarks[] = {{'\'', 0x301}, {'`', 0x300}, {'^', 0x302}, {':', 0x308},
                                    {'~', 0x303},  {',', 0x327}, {'o', 0x30A}, {'v', 0x30C}};
  for (const Mark& m : kMarks) {
    if (m.roff != mark) continue;
    if (!((letter >= 'a' && letter <= 'z') || (letter >= 'A' && letter <= 'Z'))) return {};
    std::string out(1, letter);
    AppendUtf8(out, m.combining);
    return out;
  }
  return {};
}

// The value of a hex or decimal number, or -1.
long ParseNumber(std::string_view digits, int base) {
  if (digits.empty() || digits.size() > 8) return -1;
  char* end = nullptr;
  const std::string s(digits);
  const long value = std::strtol(s.c_str(), &end, base);
  return end == s.c_str() + s.size() ? value : -1;
}

// Reads the argument of an escape at `line[*i]`: one character, "(xx",
// or "[name]"; moves `*i` past it. Empty at the end of the line. A
// character is never split (\fé takes the whole é).
std::string_view TakeName(std::string_view line, size_t* i) {
  if (*i >= line.size()) return {};
  if (line[*i] == '(') {
    size_t end = *i + 1;
    for (int k = 0; k < 2 && end < line.size(); ++k) end += CharacterLength(line, end);
    const std::string_view name = line.substr(*i + 1, end - *i - 1);
    *i = end;
    return name;
  }
  if (line[*i] == '[') {
    const size_t close = line.find(']', *i + 1);
    const size_t end = close == std::string_view::npos ? line.size() : close;
    const std::string_view name = line.substr(*i + 1, end - *i - 1);
    *i = close == std::string_view::npos ? line.size() : close + 1;
    return name;
  }
  const size_t length = CharacterLength(line, *i);
  const std::string_view name = line.substr(*i, length);
  *i += length;
  return name;
}

// Reads a delimited argument ('...', or between any two of one character)
// at `line[*i]`; moves `*i` past it. The delimiter is a whole character.
std::string_view TakeDelimited(std::string_view line, size_t* i) {
  if (*i >= line.size()) return {};
  const std::string_view delimiter = line.substr(*i, CharacterLength(line, *i));
  const size_t start = *i + delimiter.size();
  const size_t close = line.find(delimiter, start);
  const size_t end = close == std::string_view::npos ? line.size() : close;
  const std::string_view inside = line.substr(start, end - start);
  *i = close == std::string_view::npos ? line.size() : close + delimiter.size();
  return inside;
}

// Skips a size change's argument: "0", "+2", "-1", "12", "(12", "+(12",
// "[12]", "'12'".
void SkipSize(std::string_view line, size_t* i) {
  if (*i < line.size() && (line[*i] == '+' || line[*i] == '-')) ++*i;
  if (*i >= line.size()) return;
  if (line[*i] == '(' || line[*i] == '[') {
    TakeName(line, i);
  } else if (line[*i] == '\'') {
    TakeDelimited(line, i);
  } else if (line[*i] >= '0' && line[*i] <= '9') {
    // One digit, or two when the first is 1 to 3 (sizes 10 to 39).
    const bool two = line[*i] >= '1' && line[*i] <= '3' && *i + 1 < line.size() &&
                     line[*i + 1] >= '0' && line[*i + 1] <= '9';
    *i += two ? 2 : 1;
  }
}

class Expander {
 public:
  Expander(const RoffDefinitions& definitions, RoffLineEnd* end) : defs_(definitions), end_(end) {}

  void Expand(std::string_view line, int depth) {
    for (size_t i = 0; i < line.size() && out_.size() < kMaxRoffLineBytes;) {
      const char c = line[i];
      if (c != '\\') {
        out_ += c;
        ++i;
        continue;
      }
      if (i + 1 >= line.size()) return;  // a continuation: the caller joins lines
      const char e = line[i + 1];
      i += 2;
      if (!Escape(e, line, &i, depth)) return;
    }
  }

  std::string Take() {
    if (out_.size() > kMaxRoffLineBytes) out_.resize(TruncateUtf8(out_, kMaxRoffLineBytes).size());
    return std::move(out_);
  }

 private:
  // Expands the escape `\e` whose argument starts at line[*i]; false when
  // it ends the line (a comment).
  bool Escape(char e, std::string_view line, size_t* i, int depth) {
    switch (e) {
      case '"':
      case '#':
        return false;
      case '\\':
      case 'e':
      case 'E':
        out_ += '\\';
        break;
      case '-':
        out_ += '-';
        break;
      case '.':
      case '\'':
      case '`':
        out_ += e;
        break;
      case ' ':
      case '~':
      case '0':
        out_ += ' ';
        break;
      case 't':
        out_ += '\t';
        break;
      case 'c':
        if (end_ != nullptr && *i >= line.size()) end_->joins_next = true;
        break;
      case 'f':
      case 'F':
      case 'g':
      case 'k':
      case 'm':
      case 'M':
      case 'n':
      case 'V':
      case 'Y':
      case '$':
        // Fonts, colours, registers, macro arguments: nothing to show.
        if (e == 'n' && *i < line.size() && (line[*i] == '+' || line[*i] == '-')) ++*i;
        TakeName(line, i);
        break;
      case 's':
        SkipSize(line, i);
        break;
      case 'h':
      case 'v':
      case 'w':
      case 'l':
      case 'L':
      case 'D':
      case 'X':
      case 'x':
      case 'b':
      case 'o':
      case 'H':
      case 'S':
      case 'R':
      case 'A':
      case 'B':
      case 'Z':
        // Motions, drawings, device controls, tests: their argument is no
        // text.
        TakeDelimited(line, i);
        break;
      case 'N': {
        // A glyph by its number in the font: Unicode for the terminal.
        const long code = ParseNumber(TakeDelimited(line, i), 10);
        if (code >= 32 && code < 0x110000) {
          std::string utf8;
          AppendUtf8(utf8, static_cast<char32_t>(code));
          AppendCharacter(utf8);
        }
        break;
      }
      case '(':
      case '[': {
        --*i;
        const std::string_view name = TakeName(line, i);
        AppendCharacter(RoffSpecialCharacter(name));
        break;
      }
      case 'C':
        AppendCharacter(RoffSpecialCharacter(TakeDelimited(line, i)));
        break;
      case '*': {
        std::string_view name = TakeName(line, i);
        // \*[name arguments]: the name is the first word.
        name = name.substr(0, name.find(' '));
        auto it = defs_.strings.find(name);
        if (it != defs_.strings.end() && depth < kMaxDepth) Expand(it->second, depth + 1);
        break;
      }
      case '|':
      case '^':
      case '&':
      case ')':
      case '%':
      case ':':
      case '/':
      case ',':
      case 'a':
      case 'd':
      case 'u':
      case 'r':
      case 'p':
      case '{':
      case '}':
      case 'z':
      case '!':
      case '?':
        // Spacing, hyphenation and break points, conditional braces (the
        // caller reads those from the raw line).
        break;
      default:
        out_ += e;  // an escaped character stands for itself
        break;
    }
    return true;
  }

  // A character, as .tr translates it.
  void AppendCharacter(const std::string& utf8) {
    auto it = defs_.translations.find(utf8);
    out_ += it == defs_.translations.end() ? utf8 : it->second;
  }

  static constexpr int kMaxDepth = 8;
  const RoffDefinitions& defs_;
  RoffLineEnd* end_;
  std::string out_;
};

}  // namespace

std::string RoffSpecialCharacter(std::string_view name) {
  for (const SpecialCharacter& sc : kSpecialCharacters) {
    if (sc.name == name) return std::string(sc.utf8);
  }
  // \[u00E9], \[u0065_0301]: code points.
  if (name.size() >= 5 && name[0] == 'u') {
    std::string out;
    for (size_t at = 1; at < name.size();) {
      size_t end = name.find('_', at);
      if (end == std::string_view::npos) end = name.size();
      const long cp = ParseNumber(name.substr(at, end - at), 16);
      if (cp < 0) return {};
      AppendUtf8(out, static_cast<char32_t>(cp));
      at = end + 1;
    }
    return out;
  }
  // \[char233]
  if (name.starts_with("char")) {
    const long code = ParseNumber(name.substr(4), 10);
    if (code < 32 || code > 255) return {};
    std::string out;
    AppendUtf8(out, static_cast<char32_t>(code));
    return out;
  }
  // Greek: \(*a
  if (name.size() == 2 && name[0] == '*') {
    const char letter = name[1];
    const bool upper = letter >= 'A' && letter <= 'Z';
    const size_t at = kGreekLatin.find(upper ? static_cast<char>(letter - 'A' + 'a') : letter);
    if (at == std::string_view::npos) return {};
    std::string out;
    // Upper-case Greek is 0x20 below lower case (final sigma aside).
    AppendUtf8(out, kGreekLower[at] - (upper ? 0x20 : 0));
    return out;
  }
  return Composite(name);
}

std::string ExpandRoffEscapes(std::string_view line, const RoffDefinitions& definitions,
                              RoffLineEnd* end) {
  if (end != nullptr) *end = RoffLineEnd{};
  Expander expander(definitions, end);
  expander.Expand(line, 0);
  return expander.Take();
}

}  // namespace quarry::indexer
