// Property-style test: for words picked at random from each document of the
// multilingual fixture corpus, every form a keyboard may produce (upper and
// lower case, full-width, decomposed, curly or straight apostrophes) finds
// that document through the term builder's query side.
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "common/text/encoding.h"
#include "tests/unit/common/memory_index.h"

namespace quarry {
namespace {

using ::quarry::testing::MemoryIndexTest;
using ::testing::Contains;

// Fixed, so that a failure can be reproduced; change it to explore.
constexpr unsigned kSeed = 20261126;
constexpr int kWordsPerDocument = 6;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString FromUtf8(const std::string& s) { return icu::UnicodeString::fromUTF8(s); }

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// ASCII letters and digits as their full-width forms (U+FF01..U+FF5E).
std::string FullWidth(const std::string& word) {
  std::string out;
  for (unsigned char c : word) {
    if (c > 0x20 && c < 0x7F) {
      char32_t wide = 0xFF01 + (c - 0x21);
      out += static_cast<char>(0xE0 | (wide >> 12));
      out += static_cast<char>(0x80 | ((wide >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (wide & 0x3F));
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Variants(const std::string& word) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString u = FromUtf8(word);
  std::vector<std::pair<std::string, std::string>> variants = {
      {"as written", word},
      {"upper case", ToUtf8(icu::UnicodeString(u).toUpper(icu::Locale::getRoot()))},
      {"lower case", ToUtf8(icu::UnicodeString(u).toLower(icu::Locale::getRoot()))},
      {"title case", ToUtf8(icu::UnicodeString(u).toTitle(nullptr, icu::Locale::getRoot()))},
      {"decomposed (NFD)", ToUtf8(nfd->normalize(u, err))},
      {"full-width", FullWidth(word)},
      {"curly apostrophe", Replace(word, "'", "\xE2\x80\x99")},
      {"straight apostrophe", Replace(word, "\xE2\x80\x99", "'")},
  };
  EXPECT_TRUE(U_SUCCESS(err));
  return variants;
}

class VariantFormsTest : public MemoryIndexTest {};

TEST_F(VariantFormsTest, EveryFormOfARandomWordFindsItsDocument) {
  namespace fs = std::filesystem;
  fs::path root = fs::path(QUARRY_TESTDATA_DIR) / "multilingual";
  std::mt19937 random(kSeed);
  int checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    std::string text = DecodeText(ReadFile(entry.path())).text;
    Xapian::docid id = Add(text);
    std::vector<Token> tokens = analyzer_.Tokenize(text);
    ASSERT_FALSE(tokens.empty()) << entry.path();
    for (int i = 0; i < kWordsPerDocument; ++i) {
      const Token& token = tokens[random() % tokens.size()];
      std::string word = text.substr(token.begin, token.end - token.begin);
      for (const auto& [form, variant] : Variants(word)) {
        EXPECT_THAT(Words(variant), Contains(id))
            << entry.path().filename() << ": \"" << word << "\" " << form << " \"" << variant
            << "\" (seed " << kSeed << ")";
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 500);
}

}  // namespace
}  // namespace quarry
