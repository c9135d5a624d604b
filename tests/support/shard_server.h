// File: tests/support/shard_server.h
// A real xapian-tcpsrv serving one database read-only on 127.0.0.1 (never
// any other interface) on a free port, for tests of remote shards, started
// through scripts/quarry-shard-server as a user would. Started by the
// constructor, always stopped by the destructor.
#ifndef QUARRY_TESTS_SUPPORT_SHARD_SERVER_H_
#define QUARRY_TESTS_SUPPORT_SHARD_SERVER_H_

#include <sys/types.h>

#include <string>

namespace quarry::testing {

class ShardServer {
 public:
  // Starts serving `db_path` and returns once the server accepts
  // connections. Throws std::runtime_error when it cannot be started
  // (xapian-tcpsrv missing, no free port) within a few seconds.
  explicit ShardServer(std::string db_path);
  ~ShardServer();
  ShardServer(const ShardServer&) = delete;
  ShardServer& operator=(const ShardServer&) = delete;

  unsigned port() const { return port_; }
  // "127.0.0.1:PORT", as a stub's remote line wants it.
  std::string Address() const;

  // Kills the server: connections are then refused.
  void Stop();
  // Stops the server without closing its socket: the kernel still accepts
  // connections, but nothing ever answers them (a hung machine).
  void Freeze();
  void Thaw();

 private:
  bool TryStart(unsigned port);

  std::string db_path_;
  unsigned port_ = 0;
  pid_t pid_ = -1;
};

// A loopback TCP port that nobody listened on a moment ago.
unsigned FreeLoopbackPort();

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_SUPPORT_SHARD_SERVER_H_
