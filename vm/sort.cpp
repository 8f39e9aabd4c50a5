// A port of the algorithm of CPython 3.11's listsort, written against
// listsort.txt: the order of comparisons matters, because a Python __lt__
// can observe it.  Slots are indices; the caller maps them to keys.
#include "vm/sort.h"

#include <algorithm>
#include <cstring>

namespace vm {

namespace {

constexpr ptrdiff_t kMinGallop = 7;
constexpr ptrdiff_t kMaxMinrun = 64;

struct Run {
  size_t* base;
  ptrdiff_t len;
  int power;
};

class TimSort {
 public:
  TimSort(std::vector<size_t>& s, const std::function<bool(size_t, size_t)>& less)
      : base_(s.data()), n_(static_cast<ptrdiff_t>(s.size())), lt_(less) {}

  void run() {
    ptrdiff_t remaining = n_;
    if (remaining < 2) return;
    ptrdiff_t minrun = compute_minrun(remaining);
    size_t* lo = base_;
    do {
      bool descending = false;
      ptrdiff_t n = count_run(lo, lo + remaining, descending);
      if (descending) std::reverse(lo, lo + n);
      if (n < minrun) {
        ptrdiff_t force = remaining <= minrun ? remaining : minrun;
        binary_sort(lo, lo + force, lo + n);
        n = force;
      }
      found_new_run(n);
      pending_.push_back({lo, n, 0});
      lo += n;
      remaining -= n;
    } while (remaining);
    while (pending_.size() > 1) {
      ptrdiff_t k = static_cast<ptrdiff_t>(pending_.size()) - 2;
      if (k > 0 && pending_[static_cast<size_t>(k - 1)].len < pending_[static_cast<size_t>(k + 1)].len) --k;
      merge_at(k);
    }
  }

 private:
  bool lt(size_t x, size_t y) { return lt_(x, y); }

  static ptrdiff_t compute_minrun(ptrdiff_t n) {
    ptrdiff_t r = 0;
    while (n >= kMaxMinrun) {
      r |= n & 1;
      n >>= 1;
    }
    return n + r;
  }

  // The length of the run at lo: non-descending, or strictly descending.
  ptrdiff_t count_run(size_t* lo, size_t* hi, bool& descending) {
    if (lo + 1 == hi) return 1;
    ptrdiff_t n = 2;
    if (lt(lo[1], lo[0])) {
      descending = true;
      for (size_t* p = lo + 2; p < hi; ++p, ++n)
        if (!lt(p[0], p[-1])) break;
    } else {
      for (size_t* p = lo + 2; p < hi; ++p, ++n)
        if (lt(p[0], p[-1])) break;
    }
    return n;
  }

  // [lo, start) is sorted; insert each of [start, hi) by binary search.
  void binary_sort(size_t* lo, size_t* hi, size_t* start) {
    if (lo == start) ++start;
    for (; start < hi; ++start) {
      size_t* l = lo;
      size_t* r = start;
      size_t pivot = *r;
      do {
        size_t* p = l + ((r - l) >> 1);
        if (lt(pivot, *p))
          r = p;
        else
          l = p + 1;
      } while (l < r);
      for (size_t* p = start; p > l; --p) *p = *(p - 1);
      *l = pivot;
    }
  }

  // k in [0, n] with a[k-1] < key <= a[k], galloping from a[hint].
  ptrdiff_t gallop_left(size_t key, const size_t* a, ptrdiff_t n, ptrdiff_t hint) {
    const size_t* h = a + hint;
    ptrdiff_t lastofs = 0, ofs = 1;
    if (lt(*h, key)) {
      ptrdiff_t maxofs = n - hint;
      while (ofs < maxofs) {
        if (!lt(h[ofs], key)) break;
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      }
      ofs = std::min(ofs, maxofs);
      lastofs += hint;
      ofs += hint;
    } else {
      ptrdiff_t maxofs = hint + 1;
      while (ofs < maxofs) {
        if (lt(*(h - ofs), key)) break;
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      }
      ofs = std::min(ofs, maxofs);
      ptrdiff_t k = lastofs;
      lastofs = hint - ofs;
      ofs = hint - k;
    }
    ++lastofs;
    while (lastofs < ofs) {
      ptrdiff_t m = lastofs + ((ofs - lastofs) >> 1);
      if (lt(a[m], key))
        lastofs = m + 1;
      else
        ofs = m;
    }
    return ofs;
  }

  // k in [0, n] with a[k-1] <= key < a[k], galloping from a[hint].
  ptrdiff_t gallop_right(size_t key, const size_t* a, ptrdiff_t n, ptrdiff_t hint) {
    const size_t* h = a + hint;
    ptrdiff_t lastofs = 0, ofs = 1;
    if (lt(key, *h)) {
      ptrdiff_t maxofs = hint + 1;
      while (ofs < maxofs) {
        if (!lt(key, *(h - ofs))) break;
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      }
      ofs = std::min(ofs, maxofs);
      ptrdiff_t k = lastofs;
      lastofs = hint - ofs;
      ofs = hint - k;
    } else {
      ptrdiff_t maxofs = n - hint;
      while (ofs < maxofs) {
        if (lt(key, h[ofs])) break;
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      }
      ofs = std::min(ofs, maxofs);
      lastofs += hint;
      ofs += hint;
    }
    ++lastofs;
    while (lastofs < ofs) {
      ptrdiff_t m = lastofs + ((ofs - lastofs) >> 1);
      if (lt(key, a[m]))
        ofs = m;
      else
        lastofs = m + 1;
    }
    return ofs;
  }

  static void move(size_t* dst, const size_t* src, ptrdiff_t k) {
    if (k > 0) std::memmove(dst, src, static_cast<size_t>(k) * sizeof(size_t));
  }

  // Merges a[0, na) and b = a + na, [0, nb) with na <= nb, in place.
  void merge_lo(size_t* a, ptrdiff_t na, size_t* b, ptrdiff_t nb) {
    tmp_.assign(a, a + na);
    size_t* dest = a;
    size_t* pa = tmp_.data();
    size_t* pb = b;
    *dest++ = *pb++;
    --nb;
    if (nb == 0) return move(dest, pa, na);
    if (na == 1) return copy_b_lo(dest, pa, pb, nb);
    ptrdiff_t min_gallop = min_gallop_;
    try {
      for (;;) {
        ptrdiff_t acount = 0, bcount = 0;
        for (;;) {
          if (lt(*pb, *pa)) {
            *dest++ = *pb++;
            ++bcount;
            acount = 0;
            if (--nb == 0) return move(dest, pa, na);
            if (bcount >= min_gallop) break;
          } else {
            *dest++ = *pa++;
            ++acount;
            bcount = 0;
            if (--na == 1) return copy_b_lo(dest, pa, pb, nb);
            if (acount >= min_gallop) break;
          }
        }
        ++min_gallop;
        do {
          min_gallop -= min_gallop > 1;
          min_gallop_ = min_gallop;
          ptrdiff_t k = gallop_right(*pb, pa, na, 0);
          acount = k;
          if (k) {
            move(dest, pa, k);
            dest += k;
            pa += k;
            na -= k;
            if (na == 1) return copy_b_lo(dest, pa, pb, nb);
            if (na == 0) return;  // only with an inconsistent comparison
          }
          *dest++ = *pb++;
          if (--nb == 0) return move(dest, pa, na);
          k = gallop_left(*pa, pb, nb, 0);
          bcount = k;
          if (k) {
            move(dest, pb, k);
            dest += k;
            pb += k;
            nb -= k;
            if (nb == 0) return move(dest, pa, na);
          }
          *dest++ = *pa++;
          if (--na == 1) return copy_b_lo(dest, pa, pb, nb);
        } while (acount >= kMinGallop || bcount >= kMinGallop);
        ++min_gallop;
        min_gallop_ = min_gallop;
      }
    } catch (...) {
      move(dest, pa, na);
      throw;
    }
  }

  static void copy_b_lo(size_t* dest, const size_t* pa, const size_t* pb, ptrdiff_t nb) {
    // The last element of a belongs at the end of the merge.
    size_t last = *pa;
    move(dest, pb, nb);
    dest[nb] = last;
  }

  // Merges a[0, na) and b = a + na, [0, nb) with na >= nb, in place, from the right.
  void merge_hi(size_t* a, ptrdiff_t na, size_t* b, ptrdiff_t nb) {
    tmp_.assign(b, b + nb);
    size_t* dest = b + nb - 1;
    size_t* basea = a;
    size_t* baseb = tmp_.data();
    size_t* pb = baseb + nb - 1;
    size_t* pa = a + na - 1;
    auto fail = [&] {
      if (nb) move(dest - (nb - 1), baseb, nb);
    };
    auto copy_a = [&] {
      // The first element of b belongs at the front of the merge.
      move(dest + 1 - na, pa + 1 - na, na);
      dest -= na;
      *dest = *pb;
    };
    *dest-- = *pa--;
    --na;
    if (na == 0) return fail();
    if (nb == 1) return copy_a();
    ptrdiff_t min_gallop = min_gallop_;
    try {
      for (;;) {
        ptrdiff_t acount = 0, bcount = 0;
        for (;;) {
          if (lt(*pb, *pa)) {
            *dest-- = *pa--;
            ++acount;
            bcount = 0;
            if (--na == 0) return fail();
            if (acount >= min_gallop) break;
          } else {
            *dest-- = *pb--;
            ++bcount;
            acount = 0;
            if (--nb == 1) return copy_a();
            if (bcount >= min_gallop) break;
          }
        }
        ++min_gallop;
        do {
          min_gallop -= min_gallop > 1;
          min_gallop_ = min_gallop;
          ptrdiff_t k = na - gallop_right(*pb, basea, na, na - 1);
          acount = k;
          if (k) {
            dest -= k;
            pa -= k;
            move(dest + 1, pa + 1, k);
            na -= k;
            if (na == 0) return fail();
          }
          *dest-- = *pb--;
          if (--nb == 1) return copy_a();
          k = nb - gallop_left(*pa, baseb, nb, nb - 1);
          bcount = k;
          if (k) {
            dest -= k;
            pb -= k;
            move(dest + 1, pb + 1, k);
            nb -= k;
            if (nb == 1) return copy_a();
            if (nb == 0) return fail();  // only with an inconsistent comparison
          }
          *dest-- = *pa--;
          if (--na == 0) return fail();
        } while (acount >= kMinGallop || bcount >= kMinGallop);
        ++min_gallop;
        min_gallop_ = min_gallop;
      }
    } catch (...) {
      fail();
      throw;
    }
  }

  void merge_at(ptrdiff_t i) {
    auto ui = static_cast<size_t>(i);
    size_t* a = pending_[ui].base;
    ptrdiff_t na = pending_[ui].len;
    size_t* b = pending_[ui + 1].base;
    ptrdiff_t nb = pending_[ui + 1].len;
    pending_[ui].len = na + nb;
    if (ui + 3 == pending_.size()) pending_[ui + 1] = pending_[ui + 2];
    pending_.pop_back();
    // Elements of a before b's first, and of b after a's last, are in place.
    ptrdiff_t k = gallop_right(*b, a, na, 0);
    a += k;
    na -= k;
    if (na == 0) return;
    nb = gallop_left(a[na - 1], b, nb, nb - 1);
    if (nb <= 0) return;
    if (na <= nb)
      merge_lo(a, na, b, nb);
    else
      merge_hi(a, na, b, nb);
  }

  // The depth of the boundary between two adjacent runs in powersort's
  // conceptual merge tree.
  int power_of(ptrdiff_t s1, ptrdiff_t n1, ptrdiff_t n2) const {
    int result = 0;
    ptrdiff_t a = 2 * s1 + n1, b = a + n1 + n2;
    for (;;) {
      ++result;
      if (a >= n_) {
        a -= n_;
        b -= n_;
      } else if (b >= n_) {
        break;
      }
      a <<= 1;
      b <<= 1;
    }
    return result;
  }

  void found_new_run(ptrdiff_t n2) {
    if (pending_.empty()) return;
    Run& top = pending_.back();
    int power = power_of(top.base - base_, top.len, n2);
    while (pending_.size() > 1 && pending_[pending_.size() - 2].power > power)
      merge_at(static_cast<ptrdiff_t>(pending_.size()) - 2);
    pending_.back().power = power;
  }

  size_t* base_;
  ptrdiff_t n_;
  const std::function<bool(size_t, size_t)>& lt_;
  ptrdiff_t min_gallop_ = kMinGallop;
  std::vector<Run> pending_;
  std::vector<size_t> tmp_;
};

}  // namespace

void timsort(std::vector<size_t>& slots, const std::function<bool(size_t, size_t)>& less) {
  TimSort(slots, less).run();
}

}  // namespace vm
