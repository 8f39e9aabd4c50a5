// Python 2.7's GIL on a multicore Linux machine, measured: the numbers
// behind the "python2_gil" section of sim/costs.json.
//
// Python 2.7 on Linux made the GIL a POSIX semaphore (Python/thread_pthread.h,
// USE_SEMAPHORES), and its eval loop (Python/ceval.c) released and took it
// back every check interval, 100 "ticks":
//
//     if (--_Py_Ticker < 0) { ...; PyThread_release_lock(gil);
//                             /* Other threads may run now */
//                             PyThread_acquire_lock(gil, 1); }
//
// This program runs that protocol with threads whose every tick does the
// same few nanoseconds of arithmetic, first one thread doing all the work,
// then THREADS threads sharing it, pinned to two cores or all to one, and
// prints how much longer the threads took, what each release cost, and how
// often the GIL changed hands.  It is a measurement of this machine, not a
// benchmark of gilsim: run it by hand,
//
//     build/bench/py2_gil_battle [TICKS_PER_THREAD] [WORK_PER_TICK] [THREADS] [ONE_CORE]
//     build/bench/py2_gil_battle 40000000 5 2 0    # two threads, two cores
//     build/bench/py2_gil_battle 40000000 5 2 1    # two threads, one core
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

sem_t gil;
std::atomic<int> owner{-1};
std::atomic<long> handoffs{0}, releases{0};
volatile unsigned long sink;
int work_per_tick = 5;

void tick() {
  unsigned long s = sink;
  for (int i = 0; i < work_per_tick; ++i) s = s * 2862933555777941757ul + 3037000493ul;
  sink = s;
}

void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

void take(int id) {
  sem_wait(&gil);
  if (owner.exchange(id) != id) ++handoffs;
}

// One Python thread: `ticks` ticks, with Python 2's check every 100.
void python_thread(int id, int cpu, long ticks) {
  pin(cpu);
  take(id);
  int ticker = 100;
  for (long i = 0; i < ticks; ++i) {
    tick();
    if (--ticker < 0) {
      ticker = 100;
      ++releases;
      sem_post(&gil);
      take(id);
    }
  }
  sem_post(&gil);
}

}  // namespace

int main(int argc, char** argv) {
  long ticks = argc > 1 ? atol(argv[1]) : 40000000;
  work_per_tick = argc > 2 ? atoi(argv[2]) : 5;
  int threads = argc > 3 ? atoi(argv[3]) : 2;
  bool one_core = argc > 4 && atoi(argv[4]) != 0;
  int cores = static_cast<int>(std::thread::hardware_concurrency());
  if (ticks <= 0 || work_per_tick < 0 || threads < 1 || cores < 1) {
    std::fprintf(stderr, "usage: py2_gil_battle [TICKS_PER_THREAD] [WORK_PER_TICK] [THREADS] [ONE_CORE]\n");
    return 2;
  }
  sem_init(&gil, 0, 1);
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  python_thread(0, 0, ticks * threads);
  double alone = std::chrono::duration<double>(Clock::now() - t0).count();
  long alone_releases = releases.exchange(0);
  handoffs = 0;
  owner = -1;
  t0 = Clock::now();
  std::vector<std::thread> ts;
  for (int i = 0; i < threads; ++i) ts.emplace_back(python_thread, i, one_core ? 0 : i % cores, ticks);
  for (auto& t : ts) t.join();
  double shared = std::chrono::duration<double>(Clock::now() - t0).count();
  long n = releases.load();
  std::printf("one thread: %.3f s, %.1f ns per tick, %.0f ns per tick and release\n", alone,
              alone * 1e9 / static_cast<double>(ticks * threads), alone * 1e9 / static_cast<double>(alone_releases));
  std::printf("%d threads on %s: %.3f s, %.2fx as long; %ld releases, the GIL changed hands at %.1f%% of them "
              "(%ld); %.0f ns more per release\n",
              threads, one_core ? "one core" : "separate cores", shared, shared / alone, n,
              100.0 * static_cast<double>(handoffs.load()) / static_cast<double>(n), handoffs.load(),
              (shared - alone) * 1e9 / static_cast<double>(n));
  return 0;
}
