#include "searcher/searcher.h"

#include <chrono>
#include <mutex>
#include <vector>

#include "common/index/database.h"
#include "searcher/search.h"
#include "searcher/session.h"

namespace quarry::searcher {

namespace {

// Runs `request` over `session`: opened here when null (it then reads the
// index as last committed), else brought up to date first. Every read of a
// search comes before its page is returned, so a search that an exchange
// of the index disturbed (DataLoss) simply runs again, over the index
// opened anew. `session` is left null when it must not be used again.
// Sets the page's elapsed_ms from `start`.
StatusOr<ResultPage> SearchSession(const SearcherOptions& options, const SearchRequest& request,
                                   std::chrono::steady_clock::time_point start,
                                   std::unique_ptr<Session>& session) {
  StatusOr<ResultPage> page = RetryIfSwapped<ResultPage>([&]() -> StatusOr<ResultPage> {
    if (session == nullptr) {
      QUARRY_ASSIGN_OR_RETURN(session, Session::Open(options));
    } else if (Status refreshed = session->Refresh(); !refreshed.ok()) {
      session.reset();
      return refreshed;
    }
    StatusOr<ResultPage> result = RunSearch(*session, request);
    if (!result.ok() && result.status().code() == StatusCode::kDataLoss) session.reset();
    return result;
  });
  if (page.ok()) {
    page->elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  return page;
}

}  // namespace

class Searcher::Impl {
 public:
  Impl(SearcherOptions options, std::unique_ptr<Session> first) : options_(std::move(options)) {
    PutBack(std::move(first));
  }

  StatusOr<ResultPage> Search(const SearchRequest& request) {
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<Session> session = Take();
    StatusOr<ResultPage> page = SearchSession(options_, request, start, session);
    if (session != nullptr) PutBack(std::move(session));
    return page;
  }

 private:
  // An idle session, or null when all are in use (the caller opens one).
  std::unique_ptr<Session> Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.empty()) return nullptr;
    std::unique_ptr<Session> session = std::move(idle_.back());
    idle_.pop_back();
    return session;
  }

  void PutBack(std::unique_ptr<Session> session) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (idle_.size() < options_.max_idle_sessions) {
        idle_.push_back(std::move(session));
        return;
      }
    }
    // One too many: closed here, outside the lock (closing remote shards
    // talks to their servers).
    session.reset();
  }

  const SearcherOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Session>> idle_;  // guarded by mutex_
};

StatusOr<Searcher> Searcher::Open(const SearcherOptions& options) {
  QUARRY_ASSIGN_OR_RETURN(
      std::unique_ptr<Session> session,
      RetryIfSwapped<std::unique_ptr<Session>>([&] { return Session::Open(options); }));
  return Searcher(std::make_unique<Impl>(options, std::move(session)));
}

StatusOr<ResultPage> Searcher::SearchOnce(const SearcherOptions& options,
                                          const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<Session> none;
  return SearchSession(options, request, start, none);
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

StatusOr<ResultPage> Searcher::Search(const SearchRequest& request) { return impl_->Search(request); }

}  // namespace quarry::searcher
