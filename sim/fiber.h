// Fibers on Boost.Context: mechanism only (spawn, resume, yield), no policy.
//
// A Fiber runs a body on its own stack.  The driver (whoever owns the Fiber)
// calls resume(); the body runs until it calls yield() or returns, and control
// comes back to resume()'s caller.  Who runs next is decided elsewhere (the
// scheduler); this file only moves between stacks.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace sim {

class Fiber {
 public:
  // The stack is reserved (not committed) up front; 8 MiB allows the deep
  // C++ recursion of Python code called back from native code.
  static constexpr size_t kStackSize = 8u << 20;

  explicit Fiber(std::function<void()> body);
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;
  ~Fiber();

  // Runs the body until it yields or finishes.  Precondition: !done().
  void resume();
  // Called from inside the body: returns control to resume()'s caller.
  void yield();
  bool done() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sim
