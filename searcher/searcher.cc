#include "searcher/searcher.h"

#include <chrono>
#include <mutex>
#include <vector>

#include "common/index/database.h"
#include "searcher/search.h"
#include "searcher/session.h"

namespace quarry::searcher {

class Searcher::Impl {
 public:
  Impl(SearcherOptions options, std::unique_ptr<Session> first) : options_(std::move(options)) {
    PutBack(std::move(first));
  }

  StatusOr<ResultPage> Search(const SearchRequest& request) {
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<Session> session = Take();
    // Every read of a search comes before its page is returned, so a
    // search that an exchange of the index disturbed (DataLoss) can simply
    // run again, over the index opened anew.
    StatusOr<ResultPage> page = RetryIfSwapped<ResultPage>([&]() -> StatusOr<ResultPage> {
      if (session == nullptr) {
        QUARRY_ASSIGN_OR_RETURN(session, Session::Open(options_));
      } else if (Status refreshed = session->Refresh(); !refreshed.ok()) {
        session.reset();
        return refreshed;
      }
      StatusOr<ResultPage> result = RunSearch(*session, request);
      if (!result.ok() && result.status().code() == StatusCode::kDataLoss) session.reset();
      return result;
    });
    if (session != nullptr) PutBack(std::move(session));
    if (page.ok()) {
      page->elapsed_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
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

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

StatusOr<ResultPage> Searcher::Search(const SearchRequest& request) { return impl_->Search(request); }

}  // namespace quarry::searcher
