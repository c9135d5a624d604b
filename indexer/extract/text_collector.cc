#include "indexer/extract/text_collector.h"

namespace quarry::indexer {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

void TextCollector::AddText(std::string_view text) {
  for (char c : text) {
    if (IsBlank(c)) {
      pending_space_ = true;
    } else {
      // No space at a line's start or after a tab (a cell's end).
      if (!out_.empty() && out_.back() != '\n' && out_.back() != '\t' && pending_space_) out_ += ' ';
      pending_space_ = false;
      out_ += c;
    }
  }
}

void TextCollector::AddVerbatim(std::string_view text) {
  if (text.empty()) return;
  if (!out_.empty() && out_.back() != '\n' && pending_space_) out_ += ' ';
  pending_space_ = false;
  out_ += text;
}

void TextCollector::EndCell() {
  if (!out_.empty() && out_.back() != '\n' && out_.back() != '\t') out_ += '\t';
  pending_space_ = false;
}

void TextCollector::Break() {
  while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
  if (!out_.empty() && out_.back() != '\n') out_ += '\n';
  pending_space_ = false;
}

void TextCollector::BreakParagraph() {
  Break();
  if (!out_.empty() && !out_.ends_with("\n\n")) out_ += '\n';
}

std::string TextCollector::Take() {
  while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ' || out_.back() == '\t')) {
    out_.pop_back();
  }
  pending_space_ = false;
  return std::move(out_);
}

std::string OneLine(std::string_view s) {
  TextCollector text;
  text.AddText(s);
  return text.Take();
}

}  // namespace quarry::indexer
