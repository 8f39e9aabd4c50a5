// CPython 3.11's list sort (Objects/listobject.c, listsort.txt): natural runs,
// binary insertion up to minrun, powersort merging with galloping.  The
// sequence of `<` comparisons is the same as CPython's, which a program can
// observe through a logging __lt__, and an inconsistent or raising
// comparison leaves a permutation of the input, as CPython's does.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace vm {

// Sorts `slots` stably by `less`.  `less` may throw; the exception
// propagates and `slots` then holds a permutation of its original content.
void timsort(std::vector<size_t>& slots, const std::function<bool(size_t, size_t)>& less);

}  // namespace vm
