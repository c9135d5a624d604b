#include "common/text/rst_text.h"

#include <cctype>
#include <cstring>
#include <vector>

namespace quarry {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

// A line of at least 3 copies of one of reST's adornment characters.
bool IsAdornment(std::string_view line) {
  line = Trim(line);
  if (line.size() < 3 || std::strchr("=-~^*+#\"'`:._<>!$%&,;?@\\/|", line[0]) == nullptr) {
    return false;
  }
  for (char c : line) {
    if (c != line[0]) return false;
  }
  return true;
}

// Characters, not bytes, so that an underline under "Café" may be 4 long.
size_t CountChars(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// `line` is a section title: underlined, and when indented also overlined
// (an indented line without an overline is a block quote).
bool IsSectionTitle(std::string_view previous, std::string_view line, std::string_view next) {
  std::string_view text = Trim(line);
  return !text.empty() && !IsAdornment(line) && (line.front() != ' ' || IsAdornment(previous)) &&
         IsAdornment(next) && CountChars(Trim(next)) >= CountChars(text);
}

bool IsIndented(std::string_view line) {
  return !line.empty() && (line.front() == ' ' || line.front() == '\t');
}

// ".. name::" (a directive), as opposed to a comment or a target.
bool IsDirective(std::string_view line) {
  if (line.substr(0, 3) != ".. ") return false;
  size_t colons = line.find("::", 3);
  if (colons == std::string_view::npos) return false;
  for (char c : line.substr(3, colons - 3)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != ':') return false;
  }
  return true;
}

// Directives whose argument is prose a reader sees.
bool KeepsArgument(std::string_view line) {
  for (const char* name : {"note", "warning", "tip", "important", "caution", "attention",
                           "danger", "error", "hint", "admonition", "topic", "sidebar",
                           "rubric", "seealso", "title"}) {
    if (line.substr(3, std::strlen(name) + 2) == std::string(name) + "::") return true;
  }
  return false;
}

// Appends `line` to `out` without its inline markup: roles, backquotes and
// link targets go; their text stays. Most lines hold none.
void AppendWithoutInlineMarkup(std::string_view line, std::string& out) {
  if (line.find('`') == std::string_view::npos) {
    out += line;
    return;
  }
  for (size_t i = 0; i < line.size(); ++i) {
    // Plain text up to the next ':' or '`' goes as it is.
    size_t plain = i;
    while (plain < line.size() && line[plain] != ':' && line[plain] != '`') ++plain;
    out.append(line.substr(i, plain - i));
    i = plain;
    if (i == line.size()) break;
    char c = line[i];
    // ":role:`" -> "`": drop a role name right before a backquote.
    if (c == ':' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '(')) {
      size_t end = i + 1;
      while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) ||
                                   line[end] == ':' || line[end] == '-' || line[end] == '_')) {
        ++end;
      }
      if (end < line.size() && line[end] == '`' && line[end - 1] == ':' && end > i + 1) {
        i = end - 1;
        continue;
      }
    }
    if (c == '`') {
      size_t close = line.find('`', i + 1);
      if (close == std::string_view::npos) {
        out += c;
        continue;
      }
      size_t start = i + 1;
      while (close + 1 < line.size() && line[close + 1] == '`') ++close;  // ``literal``
      while (start < close && line[start] == '`') ++start;
      std::string_view inner = line.substr(start, close - start);
      while (!inner.empty() && inner.back() == '`') inner.remove_suffix(1);
      // `text <target>` keeps the text.
      size_t angle = inner.rfind(" <");
      if (angle != std::string_view::npos && !inner.empty() && inner.back() == '>') {
        inner = inner.substr(0, angle);
      }
      out += inner;
      i = close;
      while (i + 1 < line.size() && line[i + 1] == '_') ++i;  // `link`_ and `anon`__
      continue;
    }
    out += c;
  }
}

std::string StripInline(std::string_view line) {
  std::string out;
  AppendWithoutInlineMarkup(line, out);
  return out;
}

}  // namespace

std::string RstFirstSectionTitle(std::string_view rst) {
  std::vector<std::string_view> lines = SplitLines(rst);
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (IsSectionTitle(i > 0 ? lines[i - 1] : std::string_view(), lines[i], lines[i + 1])) {
      return StripInline(Trim(lines[i]));
    }
  }
  return {};
}

std::string RstPlainText(std::string_view rst) {
  std::string text;
  text.reserve(rst.size());
  // Lines inside a comment block, or a directive's option list, are dropped.
  bool dropping_indented = false, in_directive_options = false;
  for (size_t pos = 0; pos < rst.size();) {
    size_t line_end = rst.find('\n', pos);
    if (line_end == std::string_view::npos) line_end = rst.size();
    const std::string_view line = rst.substr(pos, line_end - pos);
    pos = line_end + 1;
    if (dropping_indented) {
      if (IsIndented(line) || Trim(line).empty()) continue;
      dropping_indented = false;
    }
    if (in_directive_options) {
      std::string_view t = Trim(line);
      if (IsIndented(line) && t.size() > 1 && t.front() == ':' && t.find(':', 1) != std::string_view::npos) continue;
      in_directive_options = false;
    }
    // Most lines start with a letter or digit: neither an adornment nor
    // markup that starts a line (the searcher runs this on every shown
    // hit's file).
    const auto first = line.empty() ? 0 : static_cast<unsigned char>(line[0]);
    if (first >= 0x80 || std::isalnum(first)) {
      AppendWithoutInlineMarkup(line, text);
      text += '\n';
      continue;
    }
    if (IsAdornment(line)) continue;
    if (line.substr(0, 3) == ".. " || Trim(line) == "..") {
      if (IsDirective(line)) {
        in_directive_options = true;
        if (KeepsArgument(line)) {
          AppendWithoutInlineMarkup(Trim(line.substr(line.find("::") + 2)), text);
          text += '\n';
        }
      } else if (line.substr(0, 4) != ".. [") {
        dropping_indented = true;  // a comment or a hyperlink target
      } else {
        AppendWithoutInlineMarkup(line.substr(3), text);  // a footnote or citation
        text += '\n';
      }
      continue;
    }
    AppendWithoutInlineMarkup(line, text);
    text += '\n';
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace quarry
