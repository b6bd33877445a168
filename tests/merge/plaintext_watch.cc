// plaintext_watch: a test-only watcher proving that no file created during merges holds a
// plaintext secret (issue 4: "a test watches every file created during merges").
//
//   plaintext_watch [--inotify] READY_FILE DIR... < values   (one value per line, from a pipe)
//
// Two mechanisms, the first that works (--inotify forces the second, to test it):
//   * fanotify (needs CAP_SYS_ADMIN): every close-after-write on the file systems of the DIRs
//     arrives with a descriptor the kernel opened at that moment, so even a file deleted right
//     after it was written is read in full. Files outside the DIRs are ignored. Exact.
//   * inotify: every DIR is watched recursively (new sub-folders as they appear, what they
//     already hold read at once). A file is opened as soon as its creation is seen, so it can
//     still be read after deletion, and read again when closed after writing, moved into place
//     or deleted. A file created and deleted before the watcher opens it is listed as unread.
// Every read is searched for every value.
//
// READY_FILE (outside the watched folders) is created once the watches are in place. SIGTERM
// or SIGINT ends the watch: pending events are drained, then one line per file goes to stdout:
//   seen PATH          a file created or written during the watch, read, no value in it
//   hit PATH value#N   the file held value number N (1-based; values are never printed)
//   unread PATH        the file vanished before it could be opened (content unknown)
//   overflow           the kernel dropped events: the watch is incomplete
// preceded by "mode fanotify" or "mode inotify".
// Exit status: 0 no hit, no overflow; 1 a hit; 2 overflow or usage error.
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

class Watcher {
 public:
  explicit Watcher(std::vector<std::string> values) : values_(std::move(values)) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  }
  bool ok() const { return fd_ >= 0 || fan_ >= 0; }

  // Switches to fanotify on the mounts holding `dirs`; false when the kernel refuses.
  bool UseFanotify(const std::vector<std::string>& dirs) {
    fan_ = fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK | FAN_UNLIMITED_QUEUE,
                         O_RDONLY | O_CLOEXEC);
    if (fan_ < 0) return false;
    for (const std::string& dir : dirs) {
      char real[PATH_MAX];
      if (realpath(dir.c_str(), real) == nullptr ||
          fanotify_mark(fan_, FAN_MARK_ADD | FAN_MARK_MOUNT, FAN_CLOSE_WRITE, AT_FDCWD, real) !=
              0) {
        close(fan_);
        fan_ = -1;
        return false;
      }
      roots_.push_back(std::string(real) + "/");
    }
    return true;
  }

  // Watches `dir` and everything below it; reads the files already there when `initial` is
  // false (a folder that appeared during the watch).
  void AddTree(const std::string& dir, bool initial) {
    int wd = inotify_add_watch(fd_, dir.c_str(),
                               IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO |
                                   IN_DELETE | IN_ONLYDIR | IN_DONT_FOLLOW);
    if (wd < 0) return;  // vanished already
    dirs_[wd] = dir;
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) return;
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      std::string path = dir + "/" + name;
      struct stat st {};
      if (lstat(path.c_str(), &st) != 0) continue;
      if (S_ISDIR(st.st_mode)) {
        AddTree(path, initial);
      } else if (!initial && S_ISREG(st.st_mode)) {
        Read(path, /*close_after=*/true);
      }
    }
    closedir(d);
  }

  // Handles queued fanotify events: each carries a descriptor of the written file.
  void DrainFanotify() {
    alignas(fanotify_event_metadata) char buf[64 * 1024];
    while (true) {
      ssize_t n = read(fan_, buf, sizeof buf);
      if (n <= 0) return;
      auto* ev = reinterpret_cast<fanotify_event_metadata*>(buf);
      for (; FAN_EVENT_OK(ev, n); ev = FAN_EVENT_NEXT(ev, n)) {
        if (ev->mask & FAN_Q_OVERFLOW) overflow_ = true;
        if (ev->fd < 0) continue;
        char link[64], target[PATH_MAX + 1];
        std::snprintf(link, sizeof link, "/proc/self/fd/%d", ev->fd);
        ssize_t len = readlink(link, target, PATH_MAX);
        if (len > 0) {
          std::string path(target, static_cast<size_t>(len));
          for (const std::string& root : roots_) {
            if (path.starts_with(root)) {
              seen_.insert(path);
              Search(path, ev->fd);
              break;
            }
          }
        }
        close(ev->fd);
      }
    }
  }

  // Handles queued events; returns false on a read error.
  bool Drain() {
    if (fan_ >= 0) {
      DrainFanotify();
      return true;
    }
    alignas(inotify_event) char buf[64 * 1024];
    while (true) {
      ssize_t n = read(fd_, buf, sizeof buf);
      if (n <= 0) return n == 0 || errno == EAGAIN || errno == EINTR;
      for (char* p = buf; p < buf + n;) {
        auto* ev = reinterpret_cast<inotify_event*>(p);
        Handle(*ev);
        p += sizeof(inotify_event) + ev->len;
      }
    }
  }

  void Run() {
    pollfd pfd{fan_ >= 0 ? fan_ : fd_, POLLIN, 0};
    while (!g_stop) {
      if (poll(&pfd, 1, 20) > 0) Drain();
    }
    Drain();
    for (auto& [path, fd] : open_) {
      Search(path, fd);
      close(fd);
    }
    open_.clear();
  }

  int Report(std::ostream& out) const {
    out << "mode " << (fan_ >= 0 ? "fanotify" : "inotify") << "\n";
    for (const std::string& path : seen_) {
      if (hits_.count(path) == 0 && unread_.count(path) == 0) out << "seen " << path << "\n";
    }
    for (const auto& [path, n] : hits_) out << "hit " << path << " value#" << n << "\n";
    for (const std::string& path : unread_) out << "unread " << path << "\n";
    if (overflow_) out << "overflow\n";
    if (overflow_) return 2;
    return hits_.empty() ? 0 : 1;
  }

 private:
  void Handle(const inotify_event& ev) {
    if (ev.mask & IN_Q_OVERFLOW) {
      overflow_ = true;
      return;
    }
    auto dir = dirs_.find(ev.wd);
    if (dir == dirs_.end() || ev.len == 0) return;
    std::string path = dir->second + "/" + ev.name;
    if (ev.mask & IN_ISDIR) {
      if (ev.mask & (IN_CREATE | IN_MOVED_TO)) AddTree(path, /*initial=*/false);
      return;
    }
    if (ev.mask & IN_CREATE) {
      Open(path);
    } else if (ev.mask & IN_MOVED_FROM) {
      moved_from_[ev.cookie] = path;
    } else if (ev.mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
      Read(path, /*close_after=*/true);
      // A file renamed before it could be opened (a temporary file moved into place) was read
      // under its new name: the same content.
      auto from = moved_from_.find(ev.cookie);
      if ((ev.mask & IN_MOVED_TO) && from != moved_from_.end()) {
        if (searched_.count(path) != 0 && unread_.erase(from->second) != 0) {
          searched_.insert(from->second);
        }
        moved_from_.erase(from);
      }
    } else if (ev.mask & IN_DELETE) {
      // The file is gone from the folder; a descriptor opened at its creation still reads it.
      auto it = open_.find(path);
      if (it != open_.end()) {
        Search(path, it->second);
        close(it->second);
        open_.erase(it);
      }
    }
  }

  void Open(const std::string& path) {
    seen_.insert(path);
    if (open_.count(path) != 0) return;
    int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      unread_.insert(path);
      return;
    }
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      close(fd);
      return;
    }
    unread_.erase(path);
    open_[path] = fd;
  }

  // Reads `path` through the descriptor opened at its creation, or opens it now.
  void Read(const std::string& path, bool close_after) {
    seen_.insert(path);
    auto it = open_.find(path);
    int fd = -1;
    if (it != open_.end()) {
      fd = it->second;
    } else {
      fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) {
        if (hits_.count(path) == 0 && searched_.count(path) == 0) unread_.insert(path);
        return;
      }
    }
    Search(path, fd);
    if (close_after || it == open_.end()) {
      close(fd);
      if (it != open_.end()) open_.erase(it);
    }
  }

  void Search(const std::string& path, int fd) {
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
    std::string content(static_cast<size_t>(st.st_size), '\0');
    size_t got = 0;
    while (got < content.size()) {
      ssize_t n = pread(fd, content.data() + got, content.size() - got, got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    content.resize(got);
    searched_.insert(path);
    unread_.erase(path);
    for (size_t i = 0; i < values_.size(); ++i) {
      if (content.find(values_[i]) != std::string::npos) hits_.emplace(path, i + 1);
    }
  }

  std::vector<std::string> values_;
  int fd_ = -1;                     // inotify
  int fan_ = -1;                    // fanotify, when the kernel allows it
  std::vector<std::string> roots_;  // fanotify: the watched folders, resolved, with a '/'
  std::map<int, std::string> dirs_;
  std::map<std::string, int> open_;
  std::set<std::string> seen_, unread_, searched_;
  std::map<std::string, size_t> hits_;
  std::map<uint32_t, std::string> moved_from_;  // inotify rename cookie -> old path
  bool overflow_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  const bool inotify_only = argc > 1 && std::string(argv[1]) == "--inotify";
  if (inotify_only) {
    --argc;
    ++argv;
  }
  if (argc < 3) {
    std::cerr << "usage: plaintext_watch [--inotify] READY_FILE DIR... < values\n";
    return 2;
  }
  std::vector<std::string> values;
  for (std::string line; std::getline(std::cin, line);) {
    if (!line.empty()) values.push_back(line);
  }
  if (values.empty()) {
    std::cerr << "plaintext_watch: no values on stdin\n";
    return 2;
  }
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);
  Watcher watcher(std::move(values));
  if (!watcher.ok()) {
    std::cerr << "plaintext_watch: inotify_init1: " << std::strerror(errno) << "\n";
    return 2;
  }
  std::vector<std::string> dirs(argv + 2, argv + argc);
  if (inotify_only || !watcher.UseFanotify(dirs)) {
    for (const std::string& dir : dirs) watcher.AddTree(dir, /*initial=*/true);
  }
  if (int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0600); fd >= 0) {
    close(fd);
  } else {
    std::cerr << "plaintext_watch: cannot create " << argv[1] << "\n";
    return 2;
  }
  watcher.Run();
  return watcher.Report(std::cout);
}
