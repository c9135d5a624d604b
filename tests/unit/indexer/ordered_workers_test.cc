#include "indexer/ordered_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>

namespace quarry::indexer {
namespace {

TEST(RunOrderedTest, ConsumesEveryResultInInputOrder) {
  for (size_t jobs : {1, 2, 4}) {
    for (size_t window : {1, 3, 64}) {
      std::vector<size_t> seen;
      bool done = RunOrdered<std::string>(
          100, jobs, window,
          [](size_t i, size_t) {
            // Uneven work, so that later items often finish first.
            if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
            return std::to_string(i * i);
          },
          [&](size_t i, std::string& r) {
            EXPECT_EQ(r, std::to_string(i * i));
            seen.push_back(i);
            return true;
          });
      EXPECT_TRUE(done);
      ASSERT_EQ(seen.size(), 100u) << jobs << "/" << window;
      for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], i);
    }
  }
}

TEST(RunOrderedTest, NeverRunsMoreThanTheWindowAhead) {
  std::atomic<size_t> consumed{0};
  std::atomic<size_t> worst_lead{0};
  RunOrdered<int>(
      200, 3, 4,
      [&](size_t i, size_t) {
        size_t lead = i - std::min(i, consumed.load());
        size_t prev = worst_lead.load();
        while (lead > prev && !worst_lead.compare_exchange_weak(prev, lead)) {
        }
        return 0;
      },
      [&](size_t, int&) {
        ++consumed;
        return true;
      });
  EXPECT_LT(worst_lead.load(), 4u);
}

TEST(RunOrderedTest, UsesSeveralWorkersEachWithItsOwnIndex) {
  std::mutex mu;
  std::set<size_t> workers;
  RunOrdered<int>(
      50, 2, 8,
      [&](size_t, size_t worker) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        std::lock_guard lock(mu);
        workers.insert(worker);
        return 0;
      },
      [](size_t, int&) { return true; });
  for (size_t w : workers) EXPECT_LT(w, 2u);
  EXPECT_EQ(workers.size(), 2u);
}

TEST(RunOrderedTest, StopsWhenTheConsumerSaysSo) {
  for (size_t jobs : {1, 2}) {
    std::atomic<size_t> produced{0};
    size_t consumed = 0;
    bool done = RunOrdered<int>(
        1000, jobs, 4,
        [&](size_t, size_t) {
          ++produced;
          return 0;
        },
        [&](size_t i, int&) {
          ++consumed;
          return i < 9;
        });
    EXPECT_FALSE(done);
    EXPECT_EQ(consumed, 10u);
    EXPECT_LE(produced.load(), 10u + 4u) << jobs;
  }
}

TEST(RunOrderedTest, NoItems) {
  bool called = false;
  EXPECT_TRUE(RunOrdered<int>(
      0, 2, 4, [&](size_t, size_t) { called = true; return 0; },
      [&](size_t, int&) { called = true; return true; }));
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace quarry::indexer
