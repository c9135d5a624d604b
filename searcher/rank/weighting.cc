#include "searcher/rank/weighting.h"

namespace quarry::searcher {

std::unique_ptr<Xapian::Weight> MakeWeighting() { return std::make_unique<Xapian::BM25Weight>(); }

}  // namespace quarry::searcher
