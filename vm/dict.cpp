// Dicts: CPython's compact, insertion-ordered layout (Objects/dictobject.c):
// entries in insertion order plus an open-addressed index.  Keys compare by
// identity first, then by hash and ==, as lookdict does.
#include "vm/check.h"
#include "vm/interpreter.h"
#include "vm/objects_impl.h"

namespace vm {

namespace {

constexpr int32_t kEmpty = -1;
constexpr int32_t kDummy = -2;

bool key_matches(Interpreter& in, const DictObj::Entry& e, Ref key, int64_t h) {
  if (e.key.p == key.p) return true;
  if (e.hash != h) return false;
  // Two distinct strs compare by value without calling back into Python.
  if (e.key.p->kind == Kind::Str && key.p->kind == Kind::Str)
    return static_cast<StrObj*>(e.key.p)->s == static_cast<StrObj*>(key.p)->s;
  Ref k = e.key;
  return in.eq(k, key);
}

// Returns the index slot for `key`: the slot holding it (found == true) or
// the first free one on its probe sequence.
size_t probe(Interpreter& in, DictObj* d, Ref key, int64_t h, bool& found) {
  size_t mask = d->index.size() - 1;
  auto perturb = static_cast<uint64_t>(h);
  size_t i = static_cast<size_t>(perturb) & mask;
  size_t first_free = SIZE_MAX;
  for (;;) {
    int32_t ix = d->index[i];
    if (ix == kEmpty) {
      found = false;
      return first_free != SIZE_MAX ? first_free : i;
    }
    if (ix == kDummy) {
      if (first_free == SIZE_MAX) first_free = i;
    } else if (key_matches(in, d->entries[static_cast<size_t>(ix)], key, h)) {
      found = true;
      return i;
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

void rebuild(DictObj* d, size_t min_used) {
  // Compact the entries and size the index so it stays at most 2/3 full.
  size_t size = 8;
  while (size * 2 < (min_used + 1) * 3) size *= 2;
  // Room for every entry the index takes before the next rebuild.
  std::vector<DictObj::Entry> live;
  live.reserve(std::max(d->used, size * 2 / 3));
  for (auto& e : d->entries)
    if (e.key) live.push_back(e);
  d->entries = std::move(live);
  d->index.assign(size, kEmpty);
  size_t mask = size - 1;
  for (size_t k = 0; k < d->entries.size(); ++k) {
    auto perturb = static_cast<uint64_t>(d->entries[k].hash);
    size_t i = static_cast<size_t>(perturb) & mask;
    while (d->index[i] != kEmpty) {
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    d->index[i] = static_cast<int32_t>(k);
  }
}

}  // namespace

Ref Interpreter::dict_get(Ref dr, Ref key) {
  check_use(dr);
  auto* d = static_cast<DictObj*>(dr.p);
  int64_t h = hash(key);  // an unhashable key raises even on an empty dict
  touch_key(dr, h, Access::Read);
  if (d->used == 0) return {};
  bool found;
  size_t i = probe(*this, d, key, h, found);
  if (!found) return {};
  return d->entries[static_cast<size_t>(d->index[i])].value;
}

Ref Interpreter::dict_get_str(Ref dr, std::string_view key) {
  auto* d = static_cast<DictObj*>(dr.p);
  int64_t h = str_hash(key);
  touch_key(dr, h, Access::Read);
  if (d->used == 0) return {};
  size_t mask = d->index.size() - 1;
  auto perturb = static_cast<uint64_t>(h);
  size_t i = static_cast<size_t>(perturb) & mask;
  for (;;) {
    int32_t ix = d->index[i];
    if (ix == kEmpty) return {};
    if (ix != kDummy) {
      auto& e = d->entries[static_cast<size_t>(ix)];
      if (e.hash == h && e.key.p->kind == Kind::Str && static_cast<StrObj*>(e.key.p)->s == key)
        return e.value;
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

void Interpreter::dict_set(Ref dr, Ref key, Ref v) {
  check_use(dr);
  auto* d = static_cast<DictObj*>(dr.p);
  int64_t h = hash(key);
  if (d->index.empty()) rebuild(d, 1);
  bool found;
  size_t i = probe(*this, d, key, h, found);
  // Replacing a value touches its key; adding a key changes the key set.
  touch_key(dr, h, Access::Write, !found);
  if (found) {
    // insertdict: the new value replaces the old, the old key stays.
    auto& e = d->entries[static_cast<size_t>(d->index[i])];
    Ref old = e.value;
    e.value = newref(v);
    decref(old);
    return;
  }
  if ((d->entries.size() + 1) * 3 > d->index.size() * 2) {
    rebuild(d, d->used + 1);
    i = probe(*this, d, key, h, found);
  }
  d->index[i] = static_cast<int32_t>(d->entries.size());
  d->entries.push_back({h, newref(key), newref(v)});
  ++d->used;
  ++d->version;
}

void Interpreter::dict_set_str(Ref d, std::string_view key, Ref v) {
  Ref k = intern(key);
  dict_set(d, k, v);
  decref(k);
}

bool Interpreter::dict_del(Ref dr, Ref key) {
  check_use(dr);
  auto* d = static_cast<DictObj*>(dr.p);
  int64_t h = hash(key);
  bool found = false;
  size_t i = d->used == 0 ? 0 : probe(*this, d, key, h, found);
  touch_key(dr, h, found ? Access::Write : Access::Read, found);
  if (!found) return false;
  auto& e = d->entries[static_cast<size_t>(d->index[i])];
  d->index[i] = kDummy;
  Ref k = e.key, v = e.value;
  e.key = Ref{};
  e.value = Ref{};
  --d->used;
  ++d->version;
  decref(k);
  decref(v);
  if (d->used == 0) {
    d->entries.clear();
    d->index.assign(8, kEmpty);
  }
  return true;
}

}  // namespace vm
