#include "common/text/stop_words.h"

#include <span>
#include <utility>

namespace quarry {

namespace {

// Written for Quarry from the most frequent function words of each
// language (articles, pronouns, auxiliaries, prepositions, conjunctions).
// Changing a list changes which terms get stems: it means reindexing, so
// bump AnalysisConfig::kVersion.
constexpr std::pair<std::string_view, std::string_view> kLists[] = {
    {"english",
     "a an and are as at be but by for from had has have he her his i if in into is it its of "
     "on or our she so that the their them then there these they this to was we were which who "
     "will with you your"},
    {"french",
     "au aux avec c ce ces d dans de des du elle en est et il ils j je l la le les leur lui m "
     "mais me n ne nous on ou par pas pour qu que qui s sa se ses son sur t te tu un une vous y "
     "à"},
    {"german",
     "aber als am an auch auf aus bei bin bis da das dass dem den der des die du ein eine "
     "einem einen einer eines er es für hat ich ihr im in ist mit nach nicht noch oder sich "
     "sie sind und uns von vor war was wie wir zu zum zur über"},
    {"spanish",
     "a al como con de del el en es esta este la las lo los mas no o para pero por que se sin "
     "su sus un una y"},
    {"italian", "a al alla che con da dal dei del della di e il in la le lo ma non per si su un una uno è"},
    {"portuguese",
     "a ao aos as com da das de do dos e em mas na nas no nos o os para por que se sem um uma é"},
    {"dutch", "aan al bij dat de der die dit een en er het in is je met naar niet of om op te van voor was wat ze zijn"},
    {"swedish", "att av de den det en ett för har i inte jag med men och om på som till var är"},
    {"russian",
     "а в во да для до же за и из к как ко на не но о об от по с со так то ты что я он она "
     "они мы вы его её их"},
};

// Query side only (see QueryStopWordList): general English function words
// beyond the index list, never words picked from a test collection's
// queries. Dropping them from long queries raised nDCG@10 on every
// collection of eval/ (bench/README.md). No reindexing needed to change.
constexpr std::pair<std::string_view, std::string_view> kQueryOnlyLists[] = {
    {"english",
     "about above across after again against all along already also although always am "
     "among amongst another any anybody anyone anything anyway anywhere around became "
     "because become becomes been before being below beside besides between beyond both "
     "can cannot could despite did do does doing down during each either else elsewhere "
     "enough etc even ever every everybody everyone everything everywhere few further "
     "having hence here hers herself him himself how however indeed instead itself just "
     "least less many may maybe me might more most much must my myself neither never "
     "nevertheless no nobody none nor not nothing nowhere off often once only onto other "
     "others otherwise ought ours ourselves out over own per perhaps please quite rather "
     "same shall should since some somebody someone something sometimes somewhat still "
     "such than theirs themselves therefore those though through thus together too toward "
     "towards under unless until up upon us very via what whatever when whenever where "
     "whereas wherever whether while whoever whom whose why within without would yet "
     "yours yourself yourselves"},
};

using Lists = std::span<const std::pair<std::string_view, std::string_view>>;

void AppendWords(Lists lists, std::string_view language, std::vector<std::string_view>& words) {
  for (const auto& [name, list] : lists) {
    if (name != language) continue;
    size_t start = 0;
    while (start < list.size()) {
      size_t space = list.find(' ', start);
      if (space == std::string_view::npos) space = list.size();
      if (space > start) words.push_back(list.substr(start, space - start));
      start = space + 1;
    }
  }
}

}  // namespace

std::vector<std::string_view> StopWordList(std::string_view language) {
  std::vector<std::string_view> words;
  AppendWords(kLists, language, words);
  return words;
}

std::vector<std::string_view> QueryStopWordList(std::string_view language) {
  std::vector<std::string_view> words = StopWordList(language);
  AppendWords(kQueryOnlyLists, language, words);
  return words;
}

}  // namespace quarry
