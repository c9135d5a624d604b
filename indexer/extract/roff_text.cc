#include "indexer/extract/roff_text.h"

#include <set>
#include <vector>

#include "common/text/ascii.h"
#include "common/text/utf8.h"
#include "indexer/extract/plain_text_extractor.h"
#include "indexer/extract/roff_escapes.h"

namespace quarry::indexer {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (IsBlank(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (IsBlank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool IsControl(std::string_view line) { return !line.empty() && (line[0] == '.' || line[0] == '\''); }

// The request or macro name of a control line and the rest of it.
void SplitControl(std::string_view line, std::string_view* name, std::string_view* rest) {
  size_t i = 1;
  while (i < line.size() && IsBlank(line[i])) ++i;
  size_t end = i;
  while (end < line.size() && !IsBlank(line[end]) && line[end] != '\\') ++end;
  *name = line.substr(i, end - i);
  *rest = line.substr(end);
  while (!rest->empty() && IsBlank(rest->front())) rest->remove_prefix(1);
}

// Occurrences of the escape `\{` (or `\}`) in `s`.
int CountEscape(std::string_view s, char brace) {
  int count = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '\\') continue;
    if (s[i + 1] == brace) ++count;
    ++i;  // an escaped character is not the start of another escape
  }
  return count;
}

// A macro's arguments: separated by blanks, grouped by double quotes (""
// inside quotes is a quote), escapes kept for expansion.
std::vector<std::string> SplitArguments(std::string_view rest) {
  std::vector<std::string> args;
  size_t i = 0;
  while (true) {
    while (i < rest.size() && IsBlank(rest[i])) ++i;
    if (i >= rest.size()) break;
    std::string arg;
    if (rest[i] == '"') {
      ++i;
      while (i < rest.size()) {
        if (rest[i] == '"') {
          if (i + 1 < rest.size() && rest[i + 1] == '"') {
            arg += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        // A comment starts even inside quotes.
        if (rest.substr(i, 2) == "\\\"") {
          args.push_back(std::move(arg));
          return args;
        }
        if (rest[i] == '\\' && i + 1 < rest.size()) arg += rest[i++];
        arg += rest[i++];
      }
    } else {
      while (i < rest.size() && !IsBlank(rest[i])) {
        if (rest[i] == '\\' && i + 1 < rest.size()) arg += rest[i++];
        arg += rest[i++];
      }
    }
    // A comment ends the arguments.
    if (arg.starts_with("\\\"")) break;
    args.push_back(std::move(arg));
  }
  return args;
}

// man(7) macros that take their text from their arguments, alternating
// fonts (the arguments are joined without spaces) or not.
bool IsAlternatingFontMacro(std::string_view name) {
  static const std::set<std::string_view> kAlternating = {"BI", "IB", "BR", "RB", "IR", "RI"};
  return kAlternating.count(name) != 0;
}

// mdoc(7) macros a line may call after the first: their names in the
// arguments are markup, not words.
bool IsMdocCallable(std::string_view name) {
  static const std::set<std::string_view> kCallable = {
      "Ac", "Ad", "An", "Ao", "Ap", "Aq", "Ar", "At", "Bc", "Bo", "Bq", "Brc", "Bro", "Brq", "Bsx",
      "Bx", "Cm", "Dc", "Do", "Dq", "Dv", "Dx", "Ec", "Em", "En", "Eo", "Er", "Es", "Ev", "Fa", "Fc",
      "Fl", "Fn", "Fo", "Fr", "Ft", "Fx", "Ic", "Li", "Lk", "Ms", "Mt", "Nm", "No", "Ns", "Nx", "Oc",
      "Oo", "Op", "Ot", "Ox", "Pa", "Pc", "Pf", "Po", "Pq", "Qc", "Ql", "Qo", "Qq", "Sc", "So", "Sq",
      "Sx", "Sy", "Ta", "Tn", "Ux", "Va", "Vt", "Xc", "Xo", "Xr", "%A", "%B", "%C", "%D", "%I", "%J",
      "%N", "%O", "%P", "%Q", "%R", "%T", "%U", "%V", "Cd", "Dl", "D1", "Em", "Ex", "In", "It", "Nd",
      "Rv", "St", "Bf", "Ef"};
  return kCallable.count(name) != 0;
}

// Punctuation an mdoc argument list attaches to the word before it, and
// the opening ones it attaches to the word after.
bool IsClosingDelimiter(std::string_view arg) {
  return arg == "." || arg == "," || arg == ";" || arg == ":" || arg == "?" || arg == "!" ||
         arg == ")" || arg == "]";
}
bool IsOpeningDelimiter(std::string_view arg) { return arg == "(" || arg == "["; }

// The enclosing pair of an mdoc quoting macro ("Dq" -> “ ”); nullptr when
// `name` is not one.
const std::pair<const char*, const char*>* Enclosure(std::string_view name) {
  static const std::pair<std::string_view, std::pair<const char*, const char*>> kPairs[] = {
      {"Dq", {"\u201C", "\u201D"}}, {"Do", {"\u201C", ""}}, {"Dc", {"", "\u201D"}},
      {"Qq", {"\"", "\""}},         {"Qo", {"\"", ""}},     {"Qc", {"", "\""}},
      {"Sq", {"\u2018", "\u2019"}}, {"So", {"\u2018", ""}}, {"Sc", {"", "\u2019"}},
      {"Pq", {"(", ")"}},           {"Po", {"(", ""}},      {"Pc", {"", ")"}},
      {"Bq", {"[", "]"}},           {"Bo", {"[", ""}},      {"Bc", {"", "]"}},
      {"Brq", {"{", "}"}},          {"Bro", {"{", ""}},     {"Brc", {"", "}"}},
      {"Aq", {"\u27E8", "\u27E9"}}, {"Ao", {"\u27E8", ""}}, {"Ac", {"", "\u27E9"}},
      {"Op", {"[", "]"}},           {"Oo", {"[", ""}},      {"Oc", {"", "]"}},
      {"Ql", {"\u2018", "\u2019"}},
  };
  for (const auto& [macro, pair] : kPairs) {
    if (macro == name) return &pair;
  }
  return nullptr;
}

// Names of the BSD systems mdoc macros print.
std::string_view SystemName(std::string_view macro) {
  if (macro == "Ux") return "UNIX";
  if (macro == "Bx") return "BSD";
  if (macro == "Nx") return "NetBSD";
  if (macro == "Fx") return "FreeBSD";
  if (macro == "Ox") return "OpenBSD";
  if (macro == "Dx") return "DragonFly";
  if (macro == "Bsx") return "BSD/OS";
  if (macro == "At") return "AT&T UNIX";
  return {};
}

// A description is a line: longer ones are cut at a word, with "…".
constexpr size_t kMaxDescriptionBytes = 160;

std::string ShortLine(std::string_view text) {
  if (text.size() <= kMaxDescriptionBytes) return std::string(text);
  std::string_view head = TruncateUtf8(text, kMaxDescriptionBytes);
  const size_t space = head.rfind(' ');
  if (space != std::string_view::npos && space > kMaxDescriptionBytes / 2) head = head.substr(0, space);
  return std::string(head) + "\u2026";
}

class RoffConverter {
 public:
  explicit RoffConverter(std::string_view source) {
    size_t pos = 0;
    for (std::string_view line; indexer::NextLine(source, &pos, &line);) lines_.push_back(line);
    // Predefined strings (man(7) and groff's).
    defs_.strings = {{"lq", "\u201C"}, {"rq", "\u201D"}, {"R", "\u00AE"}, {"Tm", "\u2122"},
                     {"S", ""},        {"HF", ""},       {"Aq", "'"},     {"C+", "C++"},
                     {"PI", "pi"},     {"--", "--"},     {"C`", "\""},    {"C'", "\""},
                     {"L\"", "\""},    {"R\"", "\""}};
  }

  RoffPage Run() {
    std::string line;
    while (NextLine(line)) Line(line);
    EndSection();
    while (!out_.empty() && out_.back() == '\n') out_.pop_back();
    page_.text = std::move(out_);
    if (page_.name.empty()) page_.name = title_name_;
    page_.section = AsciiLower(page_.section);
    return std::move(page_);
  }

 private:
  // The next logical line: a line ending in an unescaped backslash goes on
  // with the next one.
  bool NextLine(std::string& line) {
    if (next_ >= lines_.size()) return false;
    line.assign(lines_[next_++]);
    while (EndsWithContinuation(line) && next_ < lines_.size()) {
      line.pop_back();
      line.append(lines_[next_++]);
    }
    return true;
  }

  static bool EndsWithContinuation(std::string_view line) {
    size_t backslashes = 0;
    while (backslashes < line.size() && line[line.size() - 1 - backslashes] == '\\') ++backslashes;
    return backslashes % 2 == 1;
  }

  void Line(std::string_view line) {
    if (skip_depth_ > 0) {
      skip_depth_ += CountEscape(line, '{') - CountEscape(line, '}');
      return;
    }
    if (table_) return TableLine(line);
    if (IsControl(line)) return Control(line);
    Text(line);
  }

  // ---------------------------------------------------------------- text
  std::string Expand(std::string_view raw, RoffLineEnd* end = nullptr) {
    return ExpandRoffEscapes(raw, defs_, end);
  }

  // A line of text (after escapes), on its own output line unless the one
  // before ended with \c.
  void Emit(std::string_view text, bool joins_next) {
    if (!join_next_ && !out_.empty() && out_.back() != '\n') out_ += '\n';
    out_ += text;
    if (in_name_section_) {
      if (!join_next_ && !name_text_.empty()) name_text_ += ' ';
      name_text_ += text;
    }
    join_next_ = joins_next;
  }

  void Text(std::string_view raw) {
    if (pending_heading_) {
      pending_heading_ = false;
      return Heading(Expand(raw));
    }
    RoffLineEnd end;
    const std::string text = Expand(raw, &end);
    if (mdoc_ && text.empty()) return;
    Emit(text, end.joins_next);
  }

  void Paragraph() {
    // The NAME section's line is its first paragraph (a page that never
    // starts another section must not make the rest its description).
    if (in_name_section_ && !name_text_.empty()) EndSection();
    if (out_.empty()) return;
    if (out_.back() != '\n') out_ += '\n';
    if (!out_.ends_with("\n\n")) out_ += '\n';
    join_next_ = false;
  }

  // A section heading (.SH, .Sh): the first one after the title is NAME,
  // whatever its language calls it.
  void Heading(const std::string& heading) {
    EndSection();
    Paragraph();
    Emit(heading, false);
    out_ += '\n';
    in_name_section_ = sections_++ == 0;
  }

  void EndSection() {
    if (!in_name_section_) return;
    in_name_section_ = false;
    ReadNameSection(name_text_);
  }

  // "mount \- mount a filesystem" (escapes expanded): the first name and
  // the description.
  void ReadNameSection(std::string_view text) {
    text = TrimBlanks(text);
    size_t dash = std::string_view::npos, dash_size = 0;
    for (std::string_view sep : {" - ", " -- ", " \u2014 ", " \u2013 "}) {
      const size_t at = text.find(sep);
      if (at != std::string_view::npos && at < dash) dash = at, dash_size = sep.size();
    }
    // A description may be missing after the dash ("gcloud beta app \-").
    for (std::string_view sep : {" -", " --", " \u2014", " \u2013"}) {
      if (dash == std::string_view::npos && text.ends_with(sep)) {
        dash = text.size() - sep.size();
        dash_size = sep.size();
      }
    }
    std::string_view names = dash == std::string_view::npos ? text : text.substr(0, dash);
    if (dash != std::string_view::npos && page_.description.empty()) {
      page_.description = ShortLine(TrimBlanks(text.substr(dash + dash_size)));
    }
    names = names.substr(0, names.find(','));
    if (dash == std::string_view::npos) names = names.substr(0, names.find(' '));
    if (page_.name.empty()) page_.name = std::string(TrimBlanks(names));
  }

  // ------------------------------------------------------------- control
  void Control(std::string_view line) {
    std::string_view name, rest;
    SplitControl(line, &name, &rest);
    if (name.empty()) return;  // ".", or a comment (.\")
    if (Request(name, rest)) return;
    if (mdoc_ || IsMdocOnly(name)) {
      mdoc_ = true;
      if (Mdoc(name, rest)) return;
    }
    Man(name, rest);
  }

  static bool IsMdocOnly(std::string_view name) { return name == "Dd" || name == "Dt" || name == "Sh"; }

  // roff requests; false when `name` is none of those handled.
  bool Request(std::string_view name, std::string_view rest) {
    if (name == "if" || name == "ie" || name == "el" || name == "while") {
      Conditional(name, rest);
    } else if (name == "de" || name == "de1" || name == "dei" || name == "am" || name == "am1" ||
               name == "ami" || name == "ig") {
      const std::vector<std::string> args = SplitArguments(rest);
      const size_t end_at = name == "ig" ? 0 : 1;
      SkipUntil(args.size() > end_at ? args[end_at] : ".");
    } else if (name == "ds" || name == "ds1" || name == "as" || name == "as1") {
      DefineString(rest, name.starts_with("as"));
    } else if (name == "rm") {
      for (const std::string& arg : SplitArguments(rest)) defs_.strings.erase(arg);
    } else if (name == "tr") {
      Translate(rest);
    } else if (name == "so") {
      if (out_.empty()) page_.included_page = std::string(TrimBlanks(rest));
    } else if (name == "TS") {
      StartTable();
    } else if (name == "EQ") {
      SkipUntil("EN");
    } else if (name == "PS") {
      SkipUntil("PE");
    } else if (name == "[") {
      SkipUntil("]");
    } else if (name == "br" || name == "sp" || name == "bp") {
      if (name != "br") Paragraph();
      join_next_ = false;
    } else {
      return IsIgnoredRequest(name);
    }
    return true;
  }

  // Requests of layout and typesetting state: nothing to read.
  static bool IsIgnoredRequest(std::string_view name) {
    static const std::set<std::string_view> kIgnored = {
        "ad", "na", "fi", "nf", "hy", "nh", "hw", "hc", "hla", "hlm", "hpf", "hym", "in", "ti",
        "ll", "pl", "po", "ne", "ft", "fp", "ps", "vs", "ss", "cs", "bd", "ul", "cu", "uf", "lg",
        "mk", "rt", "ns", "rs", "ce", "rj", "nr", "rr", "rn", "als", "aln", "cc", "c2", "ec", "eo",
        "em", "ev", "tm", "tm1", "tmc", "ab", "lf", "nm", "nn", "kern", "warn", "do", "pc", "ta",
        "tc", "lc", "fc", "fam", "fschar", "fspecial", "ftr", "itc", "char", "chop", "substring",
        "length", "index", "asciify", "unformat", "open", "close", "write", "writec", "writem",
        "mso", "pso", "sy", "return", "shift", "blm", "lsm", "wh", "ch", "dt", "it", "itc", "sv",
        "os", "vpt", "fl", "pm", "pn", "mc", "lt", "tl", "ec", "cp", "hcode", "nx", "rd", "ex",
        "pev", "pnr", "ptr", "psbb", "trf", "cf", "break", "continue", "troff", "nroff",
        "di", "da", "box", "boxa", "T&", "TE", "EN", "PE", "]", "ig", "..", "\\}", "Vb", "Ve",
        "IX", "UC", "PD", "DT", "AT", "hm", "ht", "TQ"};
    return kIgnored.count(name) != 0;
  }

  // Skips lines until a control line whose name is `end` (".." by default).
  void SkipUntil(std::string_view end) {
    while (next_ < lines_.size()) {
      const std::string_view line = lines_[next_++];
      if (!IsControl(line)) continue;
      std::string_view name, rest;
      SplitControl(line, &name, &rest);
      if (name == end || (end == "." && name == ".")) return;
      if (end == "." && line.substr(0, 2) == "..") return;
    }
  }

  void DefineString(std::string_view rest, bool append) {
    size_t i = 0;
    while (i < rest.size() && !IsBlank(rest[i])) ++i;
    const std::string name(rest.substr(0, i));
    if (name.empty()) return;
    std::string_view value = rest.substr(i);
    while (!value.empty() && IsBlank(value.front())) value.remove_prefix(1);
    if (value.starts_with('"')) value.remove_prefix(1);
    if (append) {
      defs_.strings[name] += std::string(value);
    } else {
      defs_.strings[name] = std::string(value);
    }
  }

  // .tr: pairs of characters (each a character or a special character).
  void Translate(std::string_view rest) {
    std::vector<std::string> chars;
    for (size_t i = 0; i < rest.size() && !IsBlank(rest[i]);) {
      if (rest[i] == '\\' && i + 1 < rest.size() && (rest[i + 1] == '(' || rest[i + 1] == '[')) {
        const size_t end = rest[i + 1] == '(' ? std::min(rest.size(), i + 4) : rest.find(']', i);
        const size_t stop = end == std::string_view::npos ? rest.size() : end + (rest[i + 1] == '[');
        chars.push_back(RoffSpecialCharacter(
            rest[i + 1] == '(' ? rest.substr(i + 2, 2) : rest.substr(i + 2, stop - i - 3)));
        i = stop;
      } else {
        const size_t length = CharacterLength(rest, i);
        chars.push_back(std::string(rest.substr(i, length)));
        i += length;
      }
    }
    for (size_t k = 0; k + 1 < chars.size(); k += 2) {
      // Only special characters: translating ASCII would change words.
      if (chars[k].size() > 1) defs_.translations[chars[k]] = chars[k + 1] == " " ? "" : chars[k + 1];
    }
  }

  // .if COND BODY, .ie COND BODY, .el BODY: the body is read when nroff
  // would read it; a \{ ... \} body spans lines.
  void Conditional(std::string_view name, std::string_view rest) {
    bool take;
    if (name == "el") {
      take = !last_ie_;
    } else {
      take = Condition(rest);
      if (name == "ie") last_ie_ = take;
      if (name == "while") take = false;  // loops are never run
    }
    while (!rest.empty() && IsBlank(rest.front())) rest.remove_prefix(1);
    if (!take) {
      skip_depth_ = CountEscape(rest, '{') - CountEscape(rest, '}');
      return;
    }
    if (rest.starts_with("\\{")) rest.remove_prefix(2);
    while (!rest.empty() && IsBlank(rest.front())) rest.remove_prefix(1);
    if (rest.empty()) return;
    Line(rest);
  }

  // Reads and evaluates a condition at the front of `rest`, as nroff
  // (groff's) would, and drops it from `rest`.
  bool Condition(std::string_view& rest) {
    bool negate = false;
    while (!rest.empty() && (rest.front() == '!' || IsBlank(rest.front()))) {
      negate ^= rest.front() == '!';
      rest.remove_prefix(1);
    }
    if (rest.empty()) return false;
    bool result = false;
    const char c = rest.front();
    const bool ends_letter = rest.size() == 1 || IsBlank(rest[1]) || rest[1] == '\\';
    if ((c == 'n' || c == 't' || c == 'e' || c == 'o' || c == 'v') && ends_letter) {
      result = c == 'n' || c == 'o';
      rest.remove_prefix(1);
    } else if ((c == 'd' || c == 'r' || c == 'c' || c == 'm' || c == 'F' || c == 'S') &&
               rest.size() > 1 && IsBlank(rest[1])) {
      rest.remove_prefix(2);
      size_t end = 0;
      while (end < rest.size() && !IsBlank(rest[end])) ++end;
      result = c == 'd' && defs_.strings.count(rest.substr(0, end)) != 0;
      rest.remove_prefix(end);
    } else if (c == '\'' || c == '"' || c == '|' || c == '/') {
      // 'string1'string2': compared after expansion.
      const size_t mid = rest.find(c, 1);
      const size_t close = mid == std::string_view::npos ? mid : rest.find(c, mid + 1);
      if (close == std::string_view::npos) {
        rest = {};
        return negate;
      }
      result = Expand(rest.substr(1, mid - 1)) == Expand(rest.substr(mid + 1, close - mid - 1));
      rest.remove_prefix(close + 1);
    } else {
      // A numeric expression, up to a blank outside parentheses: true for
      // groff's own register (\n(.g, \n[.g]) and non-zero numbers.
      size_t end = 0;
      int depth = 0;
      while (end < rest.size() && (depth > 0 || !IsBlank(rest[end]))) {
        if (rest[end] == '\\' && end + 1 < rest.size() && rest[end + 1] == '{') break;
        depth += rest[end] == '(' ? 1 : rest[end] == ')' ? -1 : 0;
        ++end;
      }
      const std::string_view expr = rest.substr(0, end);
      if (expr == "\\n(.g" || expr == "\\n[.g]") {
        result = true;
      } else if (!expr.empty() && expr.find_first_not_of("0123456789") == std::string_view::npos) {
        result = expr.find_first_not_of('0') != std::string_view::npos;
      }
      rest.remove_prefix(end);
    }
    return result != negate;
  }

  // ----------------------------------------------------------------- man
  void Man(std::string_view name, std::string_view rest) {
    const std::vector<std::string> args = SplitArguments(rest);
    if (name == "TH") {
      if (!args.empty()) title_name_ = Expand(args[0]);
      if (args.size() > 1) page_.section = Expand(args[1]);
    } else if (name == "SH" || name == "SS") {
      if (args.empty()) {
        pending_heading_ = true;
      } else if (name == "SH") {
        Heading(Expand(Joined(args, " ")));
      } else {
        Paragraph();
        Emit(Expand(Joined(args, " ")), false);
      }
    } else if (name == "B" || name == "I" || name == "SM" || name == "SB") {
      if (!args.empty()) Emit(Expand(Joined(args, " ")), false);
    } else if (IsAlternatingFontMacro(name)) {
      RoffLineEnd end;
      const std::string text = Expand(Joined(args, ""), &end);
      Emit(text, end.joins_next);
    } else if (name == "TP" || name == "TQ" || name == "PP" || name == "LP" || name == "P" ||
               name == "HP" || name == "Sp") {
      Paragraph();
    } else if (name == "IP") {
      Paragraph();
      if (!args.empty()) Emit(Expand(args[0]), false);
    } else if (name == "UR" || name == "MT") {
      link_ = args.empty() ? std::string() : Expand(args[0]);
    } else if (name == "UE" || name == "ME") {
      if (!link_.empty()) Emit("<" + link_ + ">", false);
      link_.clear();
    } else if (name == "SY") {
      Paragraph();
      if (!args.empty()) Emit(Expand(Joined(args, " ")), false);
    } else if (name == "OP") {
      if (!args.empty()) Emit("[" + Expand(Joined(args, " ")) + "]", false);
    } else if (name == "RS" || name == "RE" || name == "EX" || name == "EE" || name == "YS" ||
               name == "PD" || name == "AT" || name == "UC" || name == "DT") {
      // Indentation and layout.
    }
    // Anything else is a request or a user macro that is not run.
  }

  static std::string Joined(const std::vector<std::string>& args, std::string_view separator) {
    std::string joined;
    for (size_t i = 0; i < args.size(); ++i) {
      if (i > 0) joined += separator;
      joined += args[i];
    }
    return joined;
  }

  // ---------------------------------------------------------------- mdoc
  // False when `name` is no mdoc macro (the man macros then get a look).
  bool Mdoc(std::string_view name, std::string_view rest) {
    const std::vector<std::string> args = SplitArguments(rest);
    if (name == "Dd" || name == "Os") return true;
    if (name == "Dt") {
      if (!args.empty()) title_name_ = Expand(args[0]);
      if (args.size() > 1) page_.section = Expand(args[1]);
      return true;
    }
    if (name == "Sh") {
      Heading(Expand(Joined(args, " ")));
      return true;
    }
    if (name == "Ss") {
      Paragraph();
      Emit(Expand(Joined(args, " ")), false);
      return true;
    }
    if (name == "Nm" && in_name_section_ && !args.empty() && mdoc_name_.empty()) {
      mdoc_name_ = Expand(args[0]);
      if (page_.name.empty()) page_.name = mdoc_name_;
    }
    if (name == "Nd") {
      const std::string description = Expand(Joined(args, " "));
      if (page_.description.empty()) page_.description = ShortLine(description);
      Emit(description, false);
      return true;
    }
    if (name == "Pp" || name == "Lp" || name == "Bl" || name == "El" || name == "Bd" ||
        name == "Ed" || name == "Rs" || name == "Re") {
      Paragraph();
      return true;
    }
    if (name == "Ex" || name == "Rv") {
      const std::string who = mdoc_name_.empty() ? "The utility" : "The " + mdoc_name_ + " utility";
      Emit(name == "Ex" ? who + " exits 0 on success, and >0 if an error occurs."
                        : "The function returns the value 0 if successful; otherwise the value -1 "
                          "is returned and the global variable errno is set to indicate the error.",
           false);
      return true;
    }
    if (name == "It" || name == "D1" || name == "Dl" || IsMdocCallable(name) || name == "Fd" ||
        name == "Bf" || name == "Ef" || name == "Db" || name == "Lb" || name == "Ud" ||
        name == "Bk" || name == "Ek" || name == "Sm" || name == "Xc" || name == "Xo") {
      if (name == "Bk" || name == "Ek" || name == "Sm" || name == "Db" || name == "Bf" ||
          name == "Ef") {
        return true;
      }
      if (name == "It") Paragraph();
      std::vector<std::string> line = {std::string(name)};
      line.insert(line.end(), args.begin(), args.end());
      const std::string text = MdocLine(line, name == "It" || name == "D1" || name == "Dl" ? 1 : 0);
      if (!text.empty()) Emit(text, false);
      return true;
    }
    return false;
  }

  // The text of an mdoc line of macros and words, from `args[start]` on;
  // args[0] is the line's macro.
  std::string MdocLine(const std::vector<std::string>& args, size_t start) {
    std::string out;
    bool glue = false;              // no space before the next word (Ns, opening delimiter)
    std::vector<std::string> closes;  // closers of open enclosures, to emit at the end
    // Where the punctuation ending the line starts: enclosures close before
    // it (".Dq egret ," is “egret”,).
    size_t trailing_punctuation = std::string::npos;
    auto add = [&](std::string_view word) {
      if (word.empty()) return;
      const bool closing = IsClosingDelimiter(word);
      if (closing && trailing_punctuation == std::string::npos) trailing_punctuation = out.size();
      if (!closing) trailing_punctuation = std::string::npos;
      if (!out.empty() && !glue && !closing) out += ' ';
      out += word;
      glue = IsOpeningDelimiter(word);
    };
    for (size_t i = start; i < args.size(); ++i) {
      const std::string& arg = args[i];
      const std::string_view macro = (i == 0 || IsMdocCallable(arg)) ? std::string_view(arg) : "";
      if (macro.empty()) {
        add(Expand(arg));
        continue;
      }
      if (macro == "Ns") {
        glue = true;
      } else if (macro == "Ap") {
        out += '\'';
        glue = true;
      } else if (macro == "Fl") {
        // -flag, or "-" alone.
        std::string flag = "-";
        if (i + 1 < args.size() && !IsMdocCallable(args[i + 1]) && !IsClosingDelimiter(args[i + 1])) {
          flag += Expand(args[++i]);
        }
        add(flag);
      } else if (macro == "Xr") {
        std::string ref = i + 1 < args.size() ? Expand(args[++i]) : "";
        if (i + 1 < args.size() && !IsMdocCallable(args[i + 1]) && !IsClosingDelimiter(args[i + 1])) {
          ref += "(" + Expand(args[++i]) + ")";
        }
        add(ref);
      } else if (macro == "Nm") {
        if (i + 1 >= args.size() || IsMdocCallable(args[i + 1]) || IsClosingDelimiter(args[i + 1])) {
          add(mdoc_name_);
        }
      } else if (const auto* pair = Enclosure(macro)) {
        if (*pair->first) {
          add(pair->first);
          glue = true;
        }
        if (*pair->second) {
          // A one-line enclosure (Dq, Op...) closes at the end of the line,
          // an explicit closer (Dc, Oc...) where it stands.
          if (*pair->first) {
            closes.push_back(pair->second);
          } else {
            out += pair->second;
          }
        }
      } else if (!SystemName(macro).empty()) {
        add(SystemName(macro));
      } else if (macro == "Ta") {
        out += '\t';
        glue = true;
      } else if (macro == "Pf") {
        if (i + 1 < args.size()) {
          add(Expand(args[++i]));
          glue = true;
        }
      }
      // Any other macro (Ar, Cm, Pa, Em...) only marks up its words.
    }
    std::string closers;
    for (auto it = closes.rbegin(); it != closes.rend(); ++it) closers += *it;
    out.insert(trailing_punctuation == std::string::npos ? out.size() : trailing_punctuation, closers);
    return out;
  }

  // ----------------------------------------------------------------- tbl
  void StartTable() {
    table_ = true;
    table_format_done_ = false;
    table_tab_ = '\t';
    table_block_.clear();
    in_table_block_ = false;
    Paragraph();
  }

  void TableLine(std::string_view line) {
    if (IsControl(line)) {
      std::string_view name, rest;
      SplitControl(line, &name, &rest);
      if (name == "TE") {
        table_ = false;
        Paragraph();
        return;
      }
      if (name == "T&") {
        table_format_done_ = false;
        return;
      }
      if (!in_table_block_) return Control(line);
    }
    if (!table_format_done_) {
      // Options (ending with ';', the first line only), then format lines
      // until one ending with '.'.
      const std::string_view trimmed = TrimBlanks(line);
      if (trimmed.ends_with(';')) {
        const size_t tab = trimmed.find("tab(");
        // An ASCII separator only: any other byte could be part of a character.
        if (tab != std::string_view::npos && tab + 4 < trimmed.size() &&
            static_cast<unsigned char>(trimmed[tab + 4]) < 0x80) {
          table_tab_ = trimmed[tab + 4];
        }
        return;
      }
      if (trimmed.ends_with('.')) table_format_done_ = true;
      return;
    }
    if (in_table_block_) {
      // A T{ ... T} block: text lines of one cell.
      if (line.starts_with("T}")) {
        in_table_block_ = false;
        table_row_ += Expand(table_block_);
        table_block_.clear();
        return TableCells(line.substr(2));
      }
      if (IsControl(line)) return;
      if (!table_block_.empty()) table_block_ += ' ';
      table_block_ += line;
      return;
    }
    table_row_.clear();
    TableCells(line);
  }

  // The cells of a table data line, added to the row (after a T} block,
  // the line's first piece ends the block's cell).
  void TableCells(std::string_view line) {
    size_t at = 0;
    for (bool first = true;; first = false) {
      const size_t end = line.find(table_tab_, at);
      const std::string_view cell =
          line.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
      if (!first) table_row_ += '\t';
      if (cell == "T{") {
        in_table_block_ = true;
        return;
      }
      // Rules (_, =, \_) draw lines, not text.
      if (cell != "_" && cell != "=" && cell != "\\_" && cell != "\\^") table_row_ += Expand(cell);
      if (end == std::string_view::npos) break;
      at = end + 1;
    }
    while (!table_row_.empty() && (table_row_.back() == '\t' || table_row_.back() == ' ')) {
      table_row_.pop_back();
    }
    if (!table_row_.empty()) Emit(table_row_, false);
    table_row_.clear();
  }

  std::vector<std::string_view> lines_;
  size_t next_ = 0;
  RoffDefinitions defs_;
  RoffPage page_;
  std::string out_;
  std::string title_name_;   // .TH or .Dt name
  std::string name_text_;    // the text of the NAME section
  std::string mdoc_name_;    // mdoc's .Nm
  std::string link_;         // .UR/.MT target
  bool mdoc_ = false;
  bool join_next_ = false;
  bool pending_heading_ = false;
  bool in_name_section_ = false;
  int sections_ = 0;
  bool last_ie_ = true;
  int skip_depth_ = 0;
  // tbl state
  bool table_ = false;
  bool table_format_done_ = false;
  bool in_table_block_ = false;
  char table_tab_ = '\t';
  std::string table_block_;
  std::string table_row_;
};

}  // namespace

RoffPage ConvertRoff(std::string_view source) { return RoffConverter(source).Run(); }

// A text line that prints nothing a reader would call text: a comment
// (\" or \#), or only escapes and blanks ("\t", "\&").
bool IsCommentOrEscapesOnly(std::string_view line) {
  if (line.starts_with("\\\"") || line.starts_with("\\#")) return true;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      ++i;
    } else if (!IsBlank(line[i])) {
      return false;
    }
  }
  return true;
}

bool LooksLikeManPage(std::string_view sample) {
  bool seen_so = false;
  bool in_definition = false;  // between .de (or .ig) and ".."
  bool continued = false;      // the line before ended with a backslash
  size_t pos = 0;
  for (std::string_view raw; NextLine(sample, &pos, &raw);) {
    const std::string_view line = TrimBlanks(raw);
    const bool was_continued = continued;
    continued = !line.empty() && line.back() == '\\';
    if (line.empty() || was_continued) continue;
    if (in_definition) {
      in_definition = !line.starts_with("..");
      continue;
    }
    if (IsCommentOrEscapesOnly(line)) continue;
    if (!IsControl(line)) return false;
    std::string_view name, rest;
    SplitControl(line, &name, &rest);
    if (name == "TH" || name == "Dd") return true;
    // A page without .TH: its first section is NAME (other macro sets
    // have .SH too, but no NAME section first).
    if ((name == "SH" || name == "Sh") && (rest == "NAME" || rest == "\"NAME\"")) return true;
    if (name == "so") seen_so = true;
    in_definition = name == "de" || name == "de1" || name == "am" || name == "ig";
  }
  return seen_so;
}

}  // namespace quarry::indexer
