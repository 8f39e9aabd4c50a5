// Depth-first enumeration of every schedule, kept simple on purpose: it is
// the reference the reducing strategies are checked against.
#include <string>
#include <unordered_set>

#include "sim/hb.h"
#include "sim/strategies.h"

namespace sim {

namespace {

class Dfs : public Strategy {
 public:
  bool begin() override {
    if (first_) {
      first_ = false;
      return true;
    }
    // The deepest decision with an untried alternative.
    while (!stack_.empty() && stack_.back().next + 1 >= stack_.back().options.size()) {
      spare_.push_back(std::move(stack_.back()));  // its vectors are reused by the next new decision
      stack_.pop_back();
    }
    if (stack_.empty()) {
      done_ = true;
      return false;
    }
    ++stack_.back().next;
    return true;
  }

  int choose(const Decision& d) override {
    size_t k = d.depth - 1;  // stack_[k]: the decision for step d.depth
    if (k < stack_.size()) {
      Node& n = stack_[k];
      if (!d.redo) {
        n.cursor = 0;
      } else {
        // The thread just tried blocked at once: it is not enabled here.
        if (n.cursor >= n.blocked.size()) {
          n.blocked.push_back(n.options[n.next]);
          n.options.erase(n.options.begin() + static_cast<ptrdiff_t>(n.next));
          if (n.next >= n.options.size()) return -1;  // the rest was explored before
        }
        ++n.cursor;
      }
      return n.pick();
    }
    // A new decision: the running thread first, so the first execution
    // switches only where it must.
    Node n;
    if (!spare_.empty()) {
      n = std::move(spare_.back());
      spare_.pop_back();
      n.options.clear();
      n.blocked.clear();
      n.next = n.cursor = 0;
    }
    for (int t : *d.enabled)
      if (t == d.current) n.options.push_back(t);
    for (int t : *d.enabled)
      if (t != d.current) n.options.push_back(t);
    stack_.push_back(std::move(n));
    return stack_.back().pick();
  }

  void end(const std::vector<Step>& steps, bool abandoned) override {
    if (abandoned) return;  // cut short: it repeats a prefix of a complete execution
    classes_.insert(trace_fingerprint(steps));
  }

  bool exhaustive() const override { return done_; }
  int64_t classes() const override { return static_cast<int64_t>(classes_.size()); }
  std::string name() const override { return "dfs"; }

  nlohmann::json save() const override {
    nlohmann::json stack = nlohmann::json::array();
    for (const Node& n : stack_) stack.push_back({{"options", n.options}, {"next", n.next}, {"blocked", n.blocked}});
    return {{"first", first_}, {"done", done_}, {"stack", stack}, {"classes", std::vector<uint64_t>(classes_.begin(), classes_.end())}};
  }
  void load(const nlohmann::json& j) override {
    first_ = j.at("first");
    done_ = j.at("done");
    stack_.clear();
    for (const auto& e : j.at("stack")) {
      Node n;
      n.options = threads_from(e.at("options"));
      n.next = e.at("next");
      n.blocked = threads_from(e.at("blocked"));
      if (n.next >= n.options.size()) throw std::runtime_error("bad dfs state");
      stack_.push_back(std::move(n));
    }
    auto c = j.at("classes").get<std::vector<uint64_t>>();
    classes_ = {c.begin(), c.end()};
  }

 private:
  struct Node {
    std::vector<int> options;  // the enabled threads, in the order tried
    size_t next = 0;           // options[next] is the current choice
    std::vector<int> blocked;  // tried first and found blocked: replayed, in order
    size_t cursor = 0;         // this execution's position in blocked, then options[next]
    int pick() const { return cursor < blocked.size() ? blocked[cursor] : options[next]; }
  };
  std::vector<Node> stack_;  // one per decision (step 1, 2, ...)
  std::vector<Node> spare_;  // popped decisions, kept for their storage
  std::unordered_set<uint64_t> classes_;
  bool first_ = true;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Strategy> make_dfs() { return std::make_unique<Dfs>(); }

}  // namespace sim
