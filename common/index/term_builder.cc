#include "common/index/term_builder.h"

#include <algorithm>
#include <unordered_map>

#include "common/index/schema.h"

namespace quarry {

namespace {

// N-gram alternatives count for half a word: a document holding the word
// itself (which also holds its n-grams) always ranks above one that only
// holds the characters.
constexpr double kNgramWeight = 0.5;

// The positional terms a token contributes to a phrase: its parts when it
// is a compound (they sit at consecutive positions in the index), else its
// term.
void AppendPositionalTerms(const Token& token, std::string_view field_prefix,
                           std::vector<Xapian::Query>& terms) {
  if (token.parts.size() >= 2) {
    for (const std::string& part : token.parts) terms.emplace_back(schema::MakeTerm(field_prefix, part));
  } else {
    terms.emplace_back(schema::MakeTerm(field_prefix, token.term));
  }
}

std::vector<Xapian::Query> PositionalTerms(const std::vector<Token>& tokens,
                                           std::string_view field_prefix) {
  std::vector<Xapian::Query> terms;
  terms.reserve(tokens.size());
  for (const Token& token : tokens) AppendPositionalTerms(token, field_prefix, terms);
  return terms;
}

Xapian::Query Phrase(std::vector<Xapian::Query>& terms) {
  if (terms.size() == 1) return terms[0];
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size()));
}

// The n-gram query for a run of characters: the character itself when there
// is one, else the phrase of its overlapping bigrams.
Xapian::Query NgramQuery(const std::vector<std::string_view>& chars) {
  if (chars.size() == 1) return Xapian::Query(schema::MakeTerm(schema::kNgramPrefix, chars[0]));
  std::vector<Xapian::Query> bigrams;
  bigrams.reserve(chars.size() - 1);
  for (size_t i = 0; i + 1 < chars.size(); ++i) {
    std::string bigram(chars[i]);
    bigram.append(chars[i + 1]);
    bigrams.emplace_back(schema::MakeTerm(schema::kNgramPrefix, bigram));
  }
  return Phrase(bigrams);
}

Xapian::Query WithNgramAlternative(Xapian::Query words, const std::vector<std::string_view>& chars) {
  if (chars.empty()) return words;
  return Xapian::Query(Xapian::Query::OP_OR, words,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, NgramQuery(chars), kNgramWeight));
}

// The unstemmed, unprefixed-or-field term of a word; stop words and field
// terms are matched this way.
Xapian::Query ExactWord(const Token& token, std::string_view field_prefix) {
  return Xapian::Query(schema::MakeTerm(field_prefix, token.term));
}

// Index side: the character n-grams of one run of adjacent n-gram tokens.
class NgramIndexer {
 public:
  NgramIndexer(Xapian::Document& doc, uint32_t first_position)
      : doc_(doc), next_position_(first_position) {}

  void Add(const Token& token) {
    if (!token.ngram || token.begin != run_end_) Flush();
    if (!token.ngram) return;
    run_.append(token.term);
    run_end_ = token.end;
  }

  // Ends the current run. Runs are separated by one unused position so that
  // an n-gram phrase never spans two runs.
  void Flush() {
    if (!run_.empty()) {
      std::vector<std::string_view> chars = TermCharacters(run_);
      for (size_t i = 0; i < chars.size(); ++i) {
        doc_.add_term(schema::MakeTerm(schema::kNgramPrefix, chars[i]));
        if (i + 1 < chars.size()) {
          std::string bigram(chars[i]);
          bigram.append(chars[i + 1]);
          doc_.add_posting(schema::MakeTerm(schema::kNgramPrefix, bigram),
                           next_position_ + static_cast<uint32_t>(i));
        }
      }
      next_position_ += static_cast<uint32_t>(chars.size()) + 1;
      run_.clear();
    }
    run_end_ = std::string_view::npos;
  }

  uint32_t next_position() const { return next_position_; }

 private:
  Xapian::Document& doc_;
  uint32_t next_position_;
  std::string run_;
  size_t run_end_ = std::string_view::npos;
};

}  // namespace

uint32_t IndexText(Analyzer& analyzer, Xapian::Document& doc, std::string_view text,
                   uint32_t first_position, const FieldSpec& field) {
  uint32_t next = first_position;
  NgramIndexer ngrams(doc, first_position);
  // Each distinct word is stemmed and its stem added once, with the summed
  // frequency, after the text: stemming and Xapian's per-term lookup in the
  // document were a large share of indexing, and most words repeat.
  std::unordered_map<std::string, Xapian::termcount> stem_wdf;
  const auto add_word = [&](const std::string& term, uint32_t position, Xapian::termcount wdf) {
    doc.add_posting(schema::MakeTerm("", term), position, wdf);
    // Stop words keep their positions (phrases such as "to be or not to be"
    // work) but get no stem: a stemmed search for them is never useful.
    if (HasStemTerm(term) && !analyzer.IsStopWord(term)) stem_wdf[term] += wdf;
    if (!field.prefix.empty()) doc.add_posting(schema::MakeTerm(field.prefix, term), position, wdf);
  };
  analyzer.Tokenize(
      text,
      [&](const Token& token) {
        add_word(token.term, token.position, field.wdf);
        uint32_t span = token.span();
        if (span > 1) {
          // The whole compound also sits at its last part's position (adding
          // no frequency), so that a phrase continuing after it matches:
          // "email address" finds "e-mail address".
          uint32_t last = token.position + span - 1;
          doc.add_posting(schema::MakeTerm("", token.term), last, 0);
          if (!field.prefix.empty()) doc.add_posting(schema::MakeTerm(field.prefix, token.term), last, 0);
        }
        for (size_t i = 0; i < token.parts.size(); ++i) {
          add_word(token.parts[i], token.position + static_cast<uint32_t>(i), field.wdf);
        }
        ngrams.Add(token);
        next = token.position + span;
      },
      first_position);
  ngrams.Flush();
  for (const auto& [term, wdf] : stem_wdf) {
    doc.add_term(schema::MakeTerm(schema::kStemPrefix, analyzer.Stem(term)), wdf);
  }
  return std::max(next, ngrams.next_position());
}

bool HasStemTerm(std::string_view term) { return StartsWithLetter(term); }

bool IsSpellingWord(std::string_view word) {
  constexpr size_t kMinCharacters = 4;
  size_t characters = 0;
  for (char c : word) {
    if (c >= '0' && c <= '9') return false;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;
  }
  return characters >= kMinCharacters;
}

Xapian::Query WordQuery(Analyzer& analyzer, const Token& token, std::string_view field_prefix) {
  Xapian::Query query;
  if (!field_prefix.empty() || analyzer.IsStopWord(token.term) || !HasStemTerm(token.term)) {
    // Field terms are kept unstemmed (with positions for phrases), and so
    // are stop words and numbers.
    query = ExactWord(token, field_prefix);
  } else {
    query = Xapian::Query(schema::MakeTerm(schema::kStemPrefix, analyzer.Stem(token.term)));
  }
  if (token.parts.size() >= 2) {
    // "e-mail" also finds "e mail", "copy_from_user" also "copy from user".
    // As synonyms, the two forms count as one word: a document holding
    // "e-mail" (indexed as the whole word and as its parts) is not scored
    // for the word twice. An OR scored it twice and lowered nDCG@10 on
    // every collection of eval/ with such words (bench/README.md).
    std::vector<Xapian::Query> parts;
    AppendPositionalTerms(token, field_prefix, parts);
    query = Xapian::Query(Xapian::Query::OP_SYNONYM, query, Phrase(parts));
  }
  if (token.ngram && field_prefix.empty()) query = WithNgramAlternative(query, TermCharacters(token.term));
  return query;
}

Xapian::Query PhraseQuery(Analyzer& analyzer, const std::vector<Token>& tokens,
                          std::string_view field_prefix) {
  if (tokens.size() == 1) return WordQuery(analyzer, tokens[0], field_prefix);
  std::vector<Xapian::Query> terms = PositionalTerms(tokens, field_prefix);
  Xapian::Query words = Phrase(terms);
  // A quoted phrase in a script without spaces is one run of characters:
  // the dictionary may segment it differently inside the document.
  bool one_run = field_prefix.empty() && !tokens.empty();
  std::string run;
  for (size_t i = 0; i < tokens.size() && one_run; ++i) {
    one_run = tokens[i].ngram && (i == 0 || tokens[i].begin == tokens[i - 1].end);
    run += tokens[i].term;
  }
  if (!one_run) return words;
  return WithNgramAlternative(words, TermCharacters(run));
}

Xapian::Query NearQuery(Analyzer& analyzer, const std::vector<Token>& tokens, uint32_t distance,
                        std::string_view field_prefix) {
  if (tokens.size() == 1) return WordQuery(analyzer, tokens[0], field_prefix);
  std::vector<Xapian::Query> terms = PositionalTerms(tokens, field_prefix);
  // Xapian's window counts the words themselves as well as the gaps.
  return Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size() + distance));
}

Xapian::Query WildcardQuery(const Token& token, uint32_t max_terms, std::string_view field_prefix) {
  return Xapian::Query(Xapian::Query::OP_WILDCARD, WildcardTermPrefix(token, field_prefix),
                       max_terms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

std::string WildcardTermPrefix(const Token& token, std::string_view field_prefix) {
  return schema::MakeTerm(field_prefix, token.term);
}

}  // namespace quarry
