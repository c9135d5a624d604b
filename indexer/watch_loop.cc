#include "indexer/watch_loop.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

#include "common/index/index_folder.h"
#include "indexer/pipeline.h"

namespace quarry::indexer {

namespace {

using Clock = WatchClock;
using std::chrono::milliseconds;

// The longest wait for events between two looks at `should_stop`: a
// signal that arrives just before the wait starts is seen this late.
constexpr milliseconds kLongestWait{1000};

// The lock retry delay grows to this many times WatchSettings::locked_retry.
constexpr int kLockedBackoff = 16;

double SecondsBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// "60 s", "0.5 s".
std::string SecondsText(milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", static_cast<double>(duration.count()) / 1000);
  return text;
}

class WatchLoop {
 public:
  WatchLoop(const IndexerConfig& config, const WatchSettings& settings, IndexObserver& runs,
            WatchObserver& batches, const std::function<bool()>& should_stop)
      : config_(config),
        settings_(settings),
        runs_(runs),
        batches_(batches),
        should_stop_(should_stop),
        watcher_(settings.limits),
        locked_delay_(settings.locked_retry) {
    // The walks of the plans set the watches: exactly the folders walked.
    config_.walk.on_folder = [this](const std::string& folder) { watcher_.Watch(folder); };
  }

  Status Run() {
    pending_.WalkEverything("first run");
    kind_ = BatchSummary::Kind::kFirstRun;
    while (!should_stop_()) {
      const Clock::time_point now = Clock::now();
      // A root may be unmounted or mounted anew without any event.
      if (now >= next_blind_check_ && kind_ != BatchSummary::Kind::kFirstRun) {
        UpdateBlindness();
        next_blind_check_ = now + kLongestWait;
      }
      if (!blind_.empty() && now >= next_walk_ && pending_.walk_everything.empty()) {
        pending_.WalkEverything(blind_);
        kind_ = BatchSummary::Kind::kPeriodicWalk;
      }
      const Clock::time_point due = DueAt();
      if (now >= due) {
        QUARRY_RETURN_IF_ERROR(ApplyPending());
        continue;
      }
      watcher_.Poll(std::min(std::chrono::duration_cast<milliseconds>(due - now) + milliseconds(1),
                             kLongestWait),
                    pending_);
      if (pending_.paths.size() > settings_.max_batch_paths) {
        pending_.WalkEverything("more than " + std::to_string(settings_.max_batch_paths) +
                                " paths changed at once");
      }
      if (!pending_.walk_everything.empty() && kind_ == BatchSummary::Kind::kChanges) {
        kind_ = BatchSummary::Kind::kWalk;
      }
    }
    return Status::Ok();
  }

 private:
  // When the pending batch is to be planned: at once for a walk the loop
  // decided on, else once the changes settle; never before a retry is due.
  Clock::time_point DueAt() const {
    if (pending_.empty()) return Clock::time_point::max();
    const bool event_driven = kind_ == BatchSummary::Kind::kChanges || kind_ == BatchSummary::Kind::kWalk;
    const Clock::time_point settled =
        event_driven ? std::min(pending_.last + settings_.quiet, pending_.first + settings_.max_delay)
                     : Clock::time_point::min();
    return std::max(settled, retry_at_);
  }

  // Plans and applies the pending batch. An error only when the watch
  // cannot go on (see RunWatch).
  Status ApplyPending() {
    const Clock::time_point start = Clock::now();
    BatchSummary summary;
    summary.kind = kind_;
    summary.reason = pending_.walk_everything;
    summary.paths = pending_.paths.size();
    if (!pending_.paths.empty()) summary.first_path = *pending_.paths.begin();
    summary.waited = kind_ == BatchSummary::Kind::kChanges ? SecondsBetween(pending_.first, start) : 0;
    // Events from now on make the next batch, also those the walk causes.
    const WatchBatch batch = std::exchange(pending_, WatchBatch{});
    const BatchSummary::Kind kind = std::exchange(kind_, BatchSummary::Kind::kChanges);

    RunReport report(runs_);
    bool refused = false;
    StatusOr<RunOutcome> outcome = PlanAndApply(batch, kind, report, refused);
    summary.seconds = SecondsBetween(start, Clock::now());
    summary.counts = report.counts();
    summary.watched_folders = watcher_.watched_folders();
    if (!outcome.ok()) return Failed(outcome.status(), refused, batch, kind, summary);
    if (locked_delay_ != settings_.locked_retry) {
      runs_.OnNote("the index is free again: the changes that waited are applied");
      locked_delay_ = settings_.locked_retry;
    }
    summary.nothing_to_do = *outcome == RunOutcome::kNothingToDo;
    summary.interrupted = *outcome == RunOutcome::kInterrupted;
    batches_.OnBatch(summary);
    UpdateBlindness();
    return Status::Ok();
  }

  // PlanIndexRun over what `batch` touched (every root when it says so),
  // then ApplyIndexRun. `refused`: the mass-delete guard refused the plan.
  StatusOr<RunOutcome> PlanAndApply(const WatchBatch& batch, BatchSummary::Kind kind,
                                    RunReport& report, bool& refused) {
    const Clock::time_point start = Clock::now();
    const bool everything = !batch.walk_everything.empty();
    PlanScope scope;
    if (!everything) scope.paths.emplace(batch.paths.begin(), batch.paths.end());
    // A walk of every root watches every folder anew: after an overflow,
    // watches may name folders that moved.
    if (everything) watcher_.Restart();
    StatusOr<IndexPlan> plan = PlanIndexRun(config_, report, scope);
    if (everything) {
      // The next walk of every root (while some folder is not watched) is
      // a period away, whatever becomes of this one.
      if (plan.ok()) walk_seconds_ = SecondsBetween(start, Clock::now());
      next_walk_ = Clock::now() + WalkEvery();
    }
    if (!plan.ok()) return plan.status();
    if (kind == BatchSummary::Kind::kFirstRun) {
      // Later runs walk the folders this one walked, and rebuild nothing.
      config_.roots = plan->roots;
      config_.rebuild = false;
    }
    watcher_.Follow(plan->roots, plan->config.walk);
    refused = !plan->guard.ok();
    if (refused) return plan->guard;
    // ApplyIndexRun's requirement: files Xapian makes get no more access
    // than the index's folder gives (the watch owns the process).
    ::umask(UmaskFor(plan->access));
    return ApplyIndexRun(*plan, report, should_stop_);
  }

  // A batch that could not be applied: waits for the lock, is tried again
  // later, or dropped when refused; an error ends the watch when the first
  // run failed or the index is damaged.
  Status Failed(const Status& status, bool refused, const WatchBatch& batch,
                BatchSummary::Kind kind, BatchSummary& summary) {
    if (status.code() == StatusCode::kLocked) return WaitForLock(batch, kind, status);
    locked_delay_ = settings_.locked_retry;
    if (kind == BatchSummary::Kind::kFirstRun || status.code() == StatusCode::kDataLoss) {
      return status;
    }
    summary.status = status;
    if (!refused) {
      // Kept, and tried again (the disk may have room then).
      summary.retry_seconds = std::chrono::duration<double>(settings_.error_retry).count();
      Restore(batch, kind, settings_.error_retry);
    }
    batches_.OnBatch(summary);
    return Status::Ok();
  }

  // Another quarry-index holds the lock: the batch is kept, with what came
  // meanwhile, and tried again a little later each time.
  Status WaitForLock(const WatchBatch& batch, BatchSummary::Kind kind, const Status& locked) {
    if (locked_delay_ == settings_.locked_retry) {
      runs_.OnNote(locked.message() + "; the changes wait until it is free");
    }
    Restore(batch, kind, locked_delay_);
    locked_delay_ = std::min(locked_delay_ * 2, settings_.locked_retry * kLockedBackoff);
    return Status::Ok();
  }

  // Puts `batch` back in front of what came since, to be tried again
  // after `delay`.
  void Restore(const WatchBatch& batch, BatchSummary::Kind kind, milliseconds delay) {
    WatchBatch since = std::exchange(pending_, batch);
    if (!since.walk_everything.empty()) pending_.WalkEverything(since.walk_everything);
    for (const std::string& path : since.paths) pending_.Touch(path);
    pending_.events += since.events;
    if (!since.empty()) pending_.last = since.last;
    if (kind != BatchSummary::Kind::kChanges || kind_ == BatchSummary::Kind::kChanges) kind_ = kind;
    retry_at_ = Clock::now() + delay;
  }

  // How often every root is walked while some folder is not watched.
  milliseconds WalkEvery() const {
    return std::max(settings_.blind_walk_every,
                    milliseconds(static_cast<int64_t>(walk_seconds_ * 20 * 1000)));
  }

  // Tells when some folder stops or starts being watched; the first walk
  // of every root is due a period after that.
  void UpdateBlindness() {
    std::string blind = watcher_.Blind();
    if (blind == blind_) return;
    if (!blind.empty()) {
      runs_.OnWarning(blind + "; changes there are found by walking every folder every " +
                      SecondsText(WalkEvery()));
      if (blind_.empty()) next_walk_ = Clock::now() + WalkEvery();
    } else {
      runs_.OnNote("every folder is watched again");
    }
    blind_ = std::move(blind);
  }

  IndexerConfig config_;
  const WatchSettings& settings_;
  IndexObserver& runs_;
  WatchObserver& batches_;
  const std::function<bool()>& should_stop_;
  Watcher watcher_;
  WatchBatch pending_;
  BatchSummary::Kind kind_ = BatchSummary::Kind::kChanges;  // of the pending batch
  Clock::time_point retry_at_{};
  milliseconds locked_delay_;
  std::string blind_;  // what the watcher cannot see (empty: nothing)
  Clock::time_point next_blind_check_{};
  Clock::time_point next_walk_{};  // of every root, while blind_ is not empty
  double walk_seconds_ = 0;        // planning the last walk of every root took
};

}  // namespace

Status RunWatch(const IndexerConfig& config, const WatchSettings& settings, IndexObserver& runs,
                WatchObserver& batches, const std::function<bool()>& should_stop) {
  const std::function<bool()> stop = [&] { return should_stop && should_stop(); };
  WatchLoop loop(config, settings, runs, batches, stop);
  return loop.Run();
}

}  // namespace quarry::indexer
