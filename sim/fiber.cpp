// Boost.Context fibers with AddressSanitizer's stack-switch annotations, so
// that sanitizer builds see every switch (see fiber.h).
#include "sim/fiber.h"

#include <boost/context/fiber.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <exception>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define GILSIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GILSIM_ASAN 1
#endif
#endif

#ifdef GILSIM_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace sim {

namespace ctx = boost::context;

namespace {

// Stacks are reused: an exploration starts thousands of executions, each
// with a fiber per thread, and mapping, faulting in and unmapping 8 MiB
// stacks every time cost more than running the threads.  One pool per OS
// thread (parallel explorers each have their own).
class StackPool {
 public:
  ~StackPool() {
    for (auto& s : free_) alloc_.deallocate(s);
  }
  ctx::stack_context take() {
    if (free_.empty()) return alloc_.allocate();
    ctx::stack_context s = free_.back();
    free_.pop_back();
#ifdef GILSIM_ASAN
    // A previous fiber's frames may have left the shadow memory poisoned.
    __asan_unpoison_memory_region(static_cast<char*>(s.sp) - s.size, s.size);
#endif
    return s;
  }
  void give(ctx::stack_context s) {
    if (free_.size() < kKeep) free_.push_back(s);
    else alloc_.deallocate(s);
  }

 private:
  static constexpr size_t kKeep = 64;
  ctx::protected_fixedsize_stack alloc_{Fiber::kStackSize};
  std::vector<ctx::stack_context> free_;
};

StackPool& pool() {
  thread_local StackPool p;
  return p;
}

// Boost.Context's StackAllocator concept, over the pool.
struct PooledStack {
  ctx::stack_context allocate() { return pool().take(); }
  void deallocate(ctx::stack_context& s) noexcept { pool().give(s); }
};

}  // namespace

struct Fiber::Impl {
  std::function<void()> body;
  ctx::fiber self;     // the fiber, while it is suspended
  ctx::fiber driver;   // the driver's continuation, while the body runs
  bool finished = false;
  std::exception_ptr error;  // an exception that escaped the body
#ifdef GILSIM_ASAN
  void* fake_stack = nullptr;
  const void* driver_bottom = nullptr;
  size_t driver_size = 0;
  const void* fiber_bottom = nullptr;
  size_t fiber_size = 0;
#endif
};

Fiber::Fiber(std::function<void()> body) : impl_(std::make_unique<Impl>()) {
  impl_->body = std::move(body);
  Impl* impl = impl_.get();
  // The stack is allocated here so its bounds are known: AddressSanitizer
  // must be told them at every switch, or a C++ throw on the fiber's stack
  // looks like a stack overflow to it.
  PooledStack salloc;
  ctx::stack_context sctx = salloc.allocate();
#ifdef GILSIM_ASAN
  impl_->fiber_bottom = static_cast<char*>(sctx.sp) - sctx.size;
  impl_->fiber_size = sctx.size;
#endif
  impl_->self = ctx::fiber(std::allocator_arg, ctx::preallocated(sctx.sp, sctx.size, sctx), salloc,
                           [impl](ctx::fiber&& driver) {
#ifdef GILSIM_ASAN
                             __sanitizer_finish_switch_fiber(nullptr, &impl->driver_bottom,
                                                             &impl->driver_size);
#endif
                             impl->driver = std::move(driver);
                             try {
                               impl->body();
                             } catch (const ctx::detail::forced_unwind&) {
                               throw;  // destroying a suspended fiber unwinds its stack
                             } catch (...) {
                               impl->error = std::current_exception();
                             }
                             impl->finished = true;
#ifdef GILSIM_ASAN
                             __sanitizer_start_switch_fiber(nullptr, impl->driver_bottom,
                                                            impl->driver_size);
#endif
                             return std::move(impl->driver);
                           });
}

Fiber::~Fiber() = default;

void Fiber::resume() {
#ifdef GILSIM_ASAN
  __sanitizer_start_switch_fiber(&impl_->fake_stack, impl_->fiber_bottom, impl_->fiber_size);
#endif
  impl_->self = std::move(impl_->self).resume();
#ifdef GILSIM_ASAN
  __sanitizer_finish_switch_fiber(impl_->fake_stack, nullptr, nullptr);
#endif
  if (impl_->error) {
    auto e = impl_->error;
    impl_->error = nullptr;
    std::rethrow_exception(e);
  }
}

void Fiber::yield() {
#ifdef GILSIM_ASAN
  void* fake = nullptr;
  __sanitizer_start_switch_fiber(&fake, impl_->driver_bottom, impl_->driver_size);
#endif
  impl_->driver = std::move(impl_->driver).resume();
#ifdef GILSIM_ASAN
  __sanitizer_finish_switch_fiber(fake, &impl_->driver_bottom, &impl_->driver_size);
#endif
}

bool Fiber::done() const { return impl_->finished; }

}  // namespace sim
