// The term builder through a real (in-memory) Xapian index: what a
// document's text indexes, and which typed words and phrases find it.
#include "common/index/term_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/index/schema.h"
#include "tests/unit/common/memory_index.h"

namespace quarry {
namespace {

using ::quarry::testing::MemoryIndexTest;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class TermBuilderTest : public MemoryIndexTest {};

TEST_F(TermBuilderTest, IndexesWordsStemsAndParts) {
  Xapian::docid id = Add("Acquisitions of copy_from_user");
  EXPECT_TRUE(HasTerm(id, "acquisitions"));
  EXPECT_TRUE(HasTerm(id, "Zacquisit"));
  EXPECT_TRUE(HasTerm(id, "copy_from_user"));
  EXPECT_TRUE(HasTerm(id, "Zcopy_from_user"));
  EXPECT_TRUE(HasTerm(id, "user"));
  EXPECT_TRUE(HasTerm(id, "Zuser"));
  // Stop words keep their unstemmed, positional term only.
  EXPECT_TRUE(HasTerm(id, "of"));
  EXPECT_FALSE(HasTerm(id, "Zof"));
  EXPECT_TRUE(HasTerm(id, "from"));
  EXPECT_FALSE(HasTerm(id, "Zfrom"));
  // No n-grams for Latin text.
  for (const std::string& term : Terms(id)) EXPECT_NE(term.substr(0, 2), "XG") << term;
}

TEST_F(TermBuilderTest, IndexesCharacterNgramsOfChinese) {
  Xapian::docid id = Add("\xE5\x8C\x97\xE4\xBA\xAC\xE5\xA4\xA7\xE5\xAD\xA6");  // 北京大学
  std::vector<std::string> ngrams;
  for (const std::string& term : Terms(id)) {
    if (term.substr(0, 2) == "XG") ngrams.push_back(term.substr(2));
  }
  EXPECT_THAT(ngrams, UnorderedElementsAre("\xE5\x8C\x97", "\xE4\xBA\xAC", "\xE5\xA4\xA7",
                                           "\xE5\xAD\xA6", "\xE5\x8C\x97\xE4\xBA\xAC",
                                           "\xE4\xBA\xAC\xE5\xA4\xA7", "\xE5\xA4\xA7\xE5\xAD\xA6"));
}

TEST_F(TermBuilderTest, NgramsDoNotCrossSpacesOrLatinWords) {
  // 서울에는 많은: two Korean words separated by a space.
  Xapian::docid id = Add("\xEC\x84\x9C\xEC\x9A\xB8 \xEB\xA7\x8E\xEC\x9D\x80");
  EXPECT_TRUE(HasTerm(id, "XG\xEC\x84\x9C\xEC\x9A\xB8"));
  EXPECT_FALSE(HasTerm(id, "XG\xEC\x9A\xB8\xEB\xA7\x8E"));
}

TEST_F(TermBuilderTest, ReturnsThePositionAfterWordsAndNgrams) {
  Xapian::Document doc;
  EXPECT_EQ(IndexText(analyzer_, doc, "one two", 1, {}), 3u);
  // Four Han characters: n-gram positions 1..4 plus a gap, beyond the words.
  Xapian::Document cjk;
  EXPECT_EQ(IndexText(analyzer_, cjk, "\xE5\x8C\x97\xE4\xBA\xAC\xE5\xA4\xA7\xE5\xAD\xA6", 1, {}),
            6u);
  Xapian::Document empty;
  EXPECT_EQ(IndexText(analyzer_, empty, " ... ", 7, {}), 7u);
}

TEST_F(TermBuilderTest, NumbersHaveNoStemTermAsInXapiansOwnTools) {
  Xapian::docid id = Add("Linux 2.6.32 runs on 64 cores of x86_64, see RFC 1918 and ext4.");
  EXPECT_TRUE(HasTerm(id, "2.6.32"));
  EXPECT_FALSE(HasTerm(id, "Z2.6.32"));
  EXPECT_TRUE(HasTerm(id, "64"));
  EXPECT_FALSE(HasTerm(id, "Z64"));
  // Words that start with a letter keep theirs, digits inside or not.
  EXPECT_TRUE(HasTerm(id, "Zx86_64"));
  EXPECT_TRUE(HasTerm(id, "Zext4"));
  EXPECT_TRUE(HasTerm(id, "Zlinux"));
  // Typed, a number finds its unstemmed term.
  Xapian::docid other = Add("Only 63 cores here.");
  EXPECT_THAT(Words("64"), ElementsAre(id));
  EXPECT_THAT(Words("1918"), ElementsAre(id));
  EXPECT_THAT(Words("2.6.32"), ElementsAre(id));
  EXPECT_THAT(Words("63 cores"), ElementsAre(other));
}

TEST(HasStemTermTest, OnlyWordsThatStartWithALetter) {
  EXPECT_TRUE(HasStemTerm("memory"));
  EXPECT_TRUE(HasStemTerm("x86"));
  EXPECT_TRUE(HasStemTerm("\xC3\xA9t\xC3\xA9"));          // été
  EXPECT_TRUE(HasStemTerm("\xD0\xBC\xD0\xB8\xD1\x80"));  // мир
  EXPECT_TRUE(HasStemTerm("\xE5\xA4\xA7\xE5\xAD\xA6"));  // 大学
  EXPECT_FALSE(HasStemTerm("64"));
  EXPECT_FALSE(HasStemTerm("1.4.22"));
  EXPECT_FALSE(HasStemTerm("_start"));
  EXPECT_FALSE(HasStemTerm("\xD9\xA3"));  // Arabic-Indic digit three
  EXPECT_FALSE(HasStemTerm(""));
  EXPECT_FALSE(HasStemTerm("\xFF"));       // not UTF-8
}

TEST_F(TermBuilderTest, ChineseWordFoundAcrossDifferentSegmentation) {
  Xapian::docid word = Add("\xE4\xBB\x96\xE5\x9C\xA8\xE4\xB8\x9C\xE4\xBA\xAC\xE5\xA4\xA7\xE5\xAD\xA6"
                           "\xE5\xAD\xA6\xE4\xB9\xA0");           // 他在东京大学学习: 大学 is a word
  Xapian::docid inside = Add("\xE6\x88\x91\xE6\x98\xAF\xE5\xA4\xA7\xE5\xAD\xA6\xE7\x94\x9F");  // 我是大学生
  Add("\xE5\xAD\xA6\xE4\xB9\xA0\xE4\xB8\xAD\xE6\x96\x87");       // 学习中文: neither
  // 大学: the document with the word itself ranks above the n-gram-only one.
  EXPECT_THAT(Words("\xE5\xA4\xA7\xE5\xAD\xA6"), ElementsAre(word, inside));
}

TEST_F(TermBuilderTest, SingleCharacterFindsItInsideWords) {
  Xapian::docid id = Add("\xE5\x8C\x97\xE4\xBA\xAC\xE5\xA4\xA7\xE5\xAD\xA6\xE5\x9B\xBE"
                         "\xE4\xB9\xA6\xE9\xA6\x86");  // 北京大学图书馆
  EXPECT_THAT(Words("\xE4\xB9\xA6"), ElementsAre(id));  // 书
  EXPECT_THAT(Words("\xE5\x8D\x97"), IsEmpty());        // 南
}

TEST_F(TermBuilderTest, QuotedChinesePhraseMatchesTheRunOnly) {
  Xapian::docid id = Add("\xE5\x8C\x97\xE4\xBA\xAC\xE5\xA4\xA7\xE5\xAD\xA6\xE5\x9B\xBE"
                         "\xE4\xB9\xA6\xE9\xA6\x86");  // 北京大学图书馆
  Add("\xE5\xA4\xA7\xE5\xAD\xA6\xE5\x9C\xA8\xE5\x8C\x97\xE4\xBA\xAC");  // 大学在北京: same words, other order
  EXPECT_THAT(Phrase("\xE5\xA4\xA7\xE5\xAD\xA6\xE5\x9B\xBE\xE4\xB9\xA6"), ElementsAre(id));  // 大学图书
  EXPECT_THAT(Phrase("\xE5\x8C\x97\xE4\xBA\xAC\xE5\xA4\xA7\xE5\xAD\xA6"), ElementsAre(id));  // 北京大学
}

TEST_F(TermBuilderTest, ThaiWordFoundInsideLongerText) {
  // ภาษาไทยเป็นภาษาราชการ: "ราชการ" (government) as typed alone.
  Xapian::docid id = Add("\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB9\x84\xE0\xB8\x97"
                         "\xE0\xB8\xA2\xE0\xB9\x80\xE0\xB8\x9B\xE0\xB9\x87\xE0\xB8\x99\xE0\xB8\xA0"
                         "\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB8\xA3\xE0\xB8\xB2\xE0\xB8\x8A"
                         "\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3");
  EXPECT_THAT(Words("\xE0\xB8\xA3\xE0\xB8\xB2\xE0\xB8\x8A\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3"),
              ElementsAre(id));
  EXPECT_THAT(Words("\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2"), ElementsAre(id));  // ไทย
}

TEST_F(TermBuilderTest, KoreanWordFoundWithParticleAttached) {
  Xapian::docid id = Add("\xEB\x8F\x84\xEC\x84\x9C\xEA\xB4\x80\xEC\x97\x90\xEC\x84\x9C");  // 도서관에서
  EXPECT_THAT(Words("\xEB\x8F\x84\xEC\x84\x9C\xEA\xB4\x80"), ElementsAre(id));  // 도서관
}

TEST_F(TermBuilderTest, HyphenatedAndJoinedFormsFindEachOther) {
  Xapian::docid hyphen = Add("send an e-mail address");
  Xapian::docid joined = Add("send an email today");
  Xapian::docid spaced = Add("an e mail");
  EXPECT_THAT(Words("email"), UnorderedElementsAre(hyphen, joined));
  EXPECT_THAT(Words("e-mail"), UnorderedElementsAre(hyphen, joined, spaced));
  EXPECT_THAT(Words("E-Mail"), UnorderedElementsAre(hyphen, joined, spaced));
  EXPECT_THAT(Phrase("email address"), ElementsAre(hyphen));
  EXPECT_THAT(Phrase("an e-mail"), UnorderedElementsAre(hyphen, spaced));
}

TEST_F(TermBuilderTest, IdentifiersFoundWholeAndByParts) {
  Xapian::docid kernel = Add("Call copy_from_user() when CONFIG_DEBUG_FS is set.");
  Xapian::docid prose = Add("We copy data from the user.");
  EXPECT_THAT(Words("copy_from_user"), ElementsAre(kernel));
  EXPECT_THAT(Words("CONFIG_DEBUG_FS"), ElementsAre(kernel));
  EXPECT_THAT(Words("debug"), ElementsAre(kernel));
  EXPECT_THAT(Phrase("copy from user"), ElementsAre(kernel));
  EXPECT_THAT(Words("copy user"), UnorderedElementsAre(kernel, prose));
}

TEST_F(TermBuilderTest, SymbolsVersionsAndAddresses) {
  Xapian::docid cpp = Add("We write C++ and C# code.");
  Xapian::docid c = Add("Plain C code.");
  Xapian::docid version = Add("Release v1.4.22 supports IPv6 on fe80::1");
  EXPECT_THAT(Words("C++"), ElementsAre(cpp));
  EXPECT_THAT(Words("c#"), ElementsAre(cpp));
  EXPECT_THAT(Words("C"), ElementsAre(c));
  EXPECT_THAT(Words("1.4.22"), ElementsAre(version));
  EXPECT_THAT(Words("1.4.2"), IsEmpty());
  EXPECT_THAT(Words("ipv6"), ElementsAre(version));
  EXPECT_THAT(Words("FE80::1"), ElementsAre(version));
}

TEST_F(TermBuilderTest, PossessivesAndElisions) {
  Xapian::docid meta = Add("Meta\xE2\x80\x99s acquisition of Scale");
  Xapian::docid homme = Add("L\xE2\x80\x99homme est l\xC3\xA0");
  EXPECT_THAT(Words("Meta"), ElementsAre(meta));
  EXPECT_THAT(Words("Meta's"), ElementsAre(meta));
  EXPECT_THAT(Phrase("meta acquisition"), ElementsAre(meta));
  EXPECT_THAT(Words("homme"), ElementsAre(homme));
  EXPECT_THAT(Words("l'homme"), ElementsAre(homme));
}

TEST_F(TermBuilderTest, StopWordsStillWorkInPhrasesAndAlone) {
  Xapian::docid hamlet = Add("To be, or not to be: that is the question.");
  Xapian::docid other = Add("The question is to see.");
  EXPECT_THAT(Phrase("to be or not to be"), ElementsAre(hamlet));
  EXPECT_THAT(Words("the"), UnorderedElementsAre(hamlet, other));
  EXPECT_THAT(Words("THE question"), UnorderedElementsAre(hamlet, other));
}

TEST_F(TermBuilderTest, FieldPrefixGetsWordsAndParts) {
  Xapian::Document doc;
  uint32_t next = IndexText(analyzer_, doc, "The e-mail Guide", 1, {schema::kTitlePrefix, 3});
  EXPECT_EQ(next, 5u);
  Xapian::docid id = db_.add_document(doc);
  EXPECT_TRUE(HasTerm(id, "Semail"));
  EXPECT_TRUE(HasTerm(id, "Smail"));
  EXPECT_TRUE(HasTerm(id, "Sguide"));
  std::vector<Token> tokens = analyzer_.Tokenize("email");
  EXPECT_THAT(Run(WordQuery(analyzer_, tokens[0], schema::kTitlePrefix)), ElementsAre(id));
}

TEST_F(TermBuilderTest, NearQueryFindsWordsCloseTogether) {
  Xapian::docid close = Add("alpha beta gamma");
  Add("alpha one two three four five six seven eight nine ten gamma");
  EXPECT_THAT(Run(NearQuery(analyzer_, analyzer_.Tokenize("gamma alpha"), 2)), ElementsAre(close));
}

TEST(IsSpellingWordTest, FourCharactersAndNoDigits) {
  EXPECT_TRUE(IsSpellingWord("meta"));
  EXPECT_TRUE(IsSpellingWord("acquisition"));
  EXPECT_FALSE(IsSpellingWord("big"));
  EXPECT_FALSE(IsSpellingWord("ipv6"));
  EXPECT_FALSE(IsSpellingWord("2025"));
  EXPECT_FALSE(IsSpellingWord(""));
  // Characters, not bytes: three Greek letters are six bytes.
  EXPECT_FALSE(IsSpellingWord("\xCE\xB1\xCE\xB2\xCE\xB3"));
  EXPECT_TRUE(IsSpellingWord("\xCE\xB1\xCE\xB2\xCE\xB3\xCE\xB4"));
}

}  // namespace
}  // namespace quarry
