#include "indexer/progress_line.h"

#include <cmath>

namespace quarry::indexer {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

// "42 s", "3:07", "1:02:03".
std::string FormatDuration(double seconds) {
  long total = std::lround(seconds);
  char text[32];
  if (total < 60) {
    std::snprintf(text, sizeof text, "%ld s", total);
  } else if (total < 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  }
  return text;
}

}  // namespace

ProgressLine::ProgressLine(bool enabled, std::FILE* out) : enabled_(enabled), out_(out) {}

std::string ProgressLine::Format(size_t seen, size_t done, size_t total, double elapsed_seconds) {
  std::string line = "seen " + std::to_string(seen) + " files";
  if (total == 0) return line;
  line += ", indexed " + std::to_string(done) + "/" + std::to_string(total);
  if (done == 0 || elapsed_seconds <= 0) return line;
  double rate = static_cast<double>(done) / elapsed_seconds;
  char rate_text[32];
  std::snprintf(rate_text, sizeof rate_text, ", %.0f files/s", rate);
  line += rate_text;
  line += ", ETA " + FormatDuration(static_cast<double>(total - done) / rate);
  return line;
}

void ProgressLine::Walking(size_t seen) {
  seen_ = seen;
  Draw(false);
}

void ProgressLine::Planned(size_t seen, size_t total) {
  seen_ = seen;
  total_ = total;
  done_ = 0;
  apply_start_ = Clock::now();
  Draw(true);
}

void ProgressLine::Applied(size_t done) {
  done_ = done;
  Draw(false);
}

void ProgressLine::Clear() {
  if (!enabled_ || !shown_) return;
  // Carriage return, then erase to the end of the line (ANSI EL).
  std::fputs("\r\x1b[K", out_);
  std::fflush(out_);
  shown_ = false;
}

void ProgressLine::Draw(bool force) {
  if (!enabled_) return;
  Clock::time_point now = Clock::now();
  if (!force && shown_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  double elapsed = std::chrono::duration<double>(now - apply_start_).count();
  std::string line = "\r\x1b[Kquarry-index: " + Format(seen_, done_, total_, elapsed);
  std::fputs(line.c_str(), out_);
  std::fflush(out_);
  shown_ = true;
}

}  // namespace quarry::indexer
