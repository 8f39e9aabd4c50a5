// Seeded random exploration: every execution picks uniformly among the
// enabled threads at each decision.  Execution n draws from its own seed
// (derived from the master seed and n), so any one of them is reproducible
// on its own.  Never exhaustive.
#include <random>

#include "sim/strategies.h"

namespace sim {

namespace {

uint64_t splitmix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

class Random : public Strategy {
 public:
  Random(uint64_t seed, uint64_t first) : seed_(seed), n_(first) {}
  bool begin() override {
    rng_.seed(splitmix(seed_ + n_++));
    return true;
  }
  int choose(const Decision& d) override {
    const auto& e = *d.enabled;
    return e[static_cast<size_t>(rng_() % e.size())];
  }
  void end(const std::vector<Step>&, bool) override {}
  bool exhaustive() const override { return false; }
  std::string name() const override { return "random"; }
  // Execution n depends only on the seed and n: the explorer saves n.
  nlohmann::json save() const override { return nlohmann::json::object(); }
  void load(const nlohmann::json&) override {}

 private:
  uint64_t seed_, n_;
  std::mt19937_64 rng_;
};

}  // namespace

std::unique_ptr<Strategy> make_random(uint64_t seed, uint64_t first) { return std::make_unique<Random>(seed, first); }

}  // namespace sim
