#include "searcher/searcher.h"

#include <chrono>

#include "common/index/database.h"
#include "searcher/search.h"
#include "searcher/session.h"

namespace quarry::searcher {

namespace {

// Session::Open, again while it finds the index in the middle of being
// exchanged for its compacted copy (RetryIfSwapped).
StatusOr<std::unique_ptr<Session>> OpenSession(const SearcherOptions& options) {
  return RetryIfSwapped<std::unique_ptr<Session>>([&] { return Session::Open(options); });
}

}  // namespace

class Searcher::Impl {
 public:
  Impl(SearcherOptions options, std::unique_ptr<Session> session)
      : options_(std::move(options)), session_(std::move(session)) {}

  StatusOr<ResultPage> Search(const SearchRequest& request) {
    auto start = std::chrono::steady_clock::now();
    // Every read of a search comes before its page is returned, so a
    // search the compaction exchange disturbed can simply run again over
    // the index opened anew.
    StatusOr<ResultPage> page = RetryIfSwapped<ResultPage>([&]() -> StatusOr<ResultPage> {
      if (session_ == nullptr) {
        QUARRY_ASSIGN_OR_RETURN(session_, Session::Open(options_));
      }
      StatusOr<ResultPage> result = RunSearch(*session_, request);
      if (!result.ok()) session_.reset();
      return result;
    });
    if (page.ok()) {
      page->elapsed_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
    return page;
  }

 private:
  SearcherOptions options_;
  std::unique_ptr<Session> session_;
};

StatusOr<Searcher> Searcher::Open(const SearcherOptions& options) {
  QUARRY_ASSIGN_OR_RETURN(std::unique_ptr<Session> session, OpenSession(options));
  return Searcher(std::make_unique<Impl>(options, std::move(session)));
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

StatusOr<ResultPage> Searcher::Search(const SearchRequest& request) { return impl_->Search(request); }

}  // namespace quarry::searcher
