#include "tests/support/shard_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace quarry::testing {

namespace {

sockaddr_in Loopback(unsigned port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  return address;
}

bool Accepts(unsigned port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address = Loopback(port);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

unsigned FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address = Loopback(0);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind a loopback port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

ShardServer::ShardServer(std::string db_path) : db_path_(std::move(db_path)) {
  // Another process may take the port between FreeLoopbackPort() and the
  // server's bind(); then the server exits and we try another port.
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (TryStart(FreeLoopbackPort())) return;
  }
  throw std::runtime_error("cannot start xapian-tcpsrv for " + db_path_ +
                           " (is the xapian-tools package installed?)");
}

bool ShardServer::TryStart(unsigned port) {
  std::string port_text = std::to_string(port);
  std::vector<std::string> argv = {QUARRY_SHARD_SERVER_SCRIPT, "--interface", "127.0.0.1",
                                   "--port", port_text, db_path_};
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork() failed");
  if (pid == 0) {
    // Its own process group, so Stop() also ends the per-connection children.
    ::setpgid(0, 0);
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    std::vector<char*> args;
    for (std::string& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    _exit(127);
  }
  ::setpgid(pid, pid);
  pid_ = pid;
  port_ = port;
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid, nullptr, WNOHANG) == pid) {
      pid_ = -1;
      return false;
    }
    if (Accepts(port)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Stop();
  return false;
}

ShardServer::~ShardServer() { Stop(); }

std::string ShardServer::Address() const { return "127.0.0.1:" + std::to_string(port_); }

void ShardServer::Stop() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  ::kill(-pid_, SIGCONT);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void ShardServer::Freeze() {
  if (pid_ > 0) ::kill(-pid_, SIGSTOP);
}

void ShardServer::Thaw() {
  if (pid_ > 0) ::kill(-pid_, SIGCONT);
}

}  // namespace quarry::testing
