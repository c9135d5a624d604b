#include "searcher/rank/weighting.h"

#include "searcher/rank/ranking_config.h"

namespace quarry::searcher {

std::unique_ptr<Xapian::Weight> MakeWeighting() {
  return std::make_unique<Xapian::BM25Weight>(ranking::kBm25K1, /*k2=*/0.0, ranking::kBm25K3,
                                              ranking::kBm25B, ranking::kBm25MinNormLen);
}

}  // namespace quarry::searcher
