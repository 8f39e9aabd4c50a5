// From control-flow graph to code object: the CFG optimizations and the
// assembler of CPython 3.11 (Python/compile.c: assemble() and the passes it
// calls, in the same order).  Each pass is small and named after its CPython
// counterpart; several of them depend on quirks of the others (which blocks
// are visited through b_next and which through the allocation list, when the
// "no fall-through" flag is set), so they are kept as CPython has them rather
// than cleaned up.
#include <algorithm>

#include "vm/check.h"
#include "vm/compiler_impl.h"

namespace vm::detail {

namespace {

constexpr int kMaxCopySize = 4;

bool is_real_jump(const Instr& i) { return is_jump(i.op); }

int instr_size(const Instr& i) {
  int oparg = has_arg(i.op) ? i.oparg : 0;
  int ext = (0xFFFFFF < oparg) + (0xFFFF < oparg) + (0xFF < oparg);
  return ext + 1 + opcode_info(i.op).caches;
}

void copy_loc(const Instr& from, Instr& to) { to.loc = from.loc; }

// The allocation list (b_list) runs from the newest block to the oldest.
template <class F>
void for_each_in_list(Unit& u, F f) {
  for (size_t i = u.blocks.size(); i-- > 0;) f(u.blocks[i].get());
}

template <class F>
void for_each_in_chain(Block* entry, F f) {
  for (Block* b = entry; b; b = b->next) f(b);
}

// normalize_basic_block
void normalize_basic_block(Block* bb) {
  for (size_t i = 0; i < bb->instrs.size(); ++i) {
    Instr& in = bb->instrs[i];
    switch (in.op) {
      case RETURN_VALUE:
      case RAISE_VARARGS:
      case RERAISE:
        bb->exit = true;
        bb->nofallthrough = true;
        break;
      case JUMP:
      case JUMP_NO_INTERRUPT:
        bb->nofallthrough = true;
        [[fallthrough]];
      case POP_JUMP_IF_NOT_NONE:
      case POP_JUMP_IF_NONE:
      case POP_JUMP_IF_FALSE:
      case POP_JUMP_IF_TRUE:
      case JUMP_IF_FALSE_OR_POP:
      case JUMP_IF_TRUE_OR_POP:
      case FOR_ITER:
        GILSIM_ASSERT(i + 1 == bb->instrs.size(), "malformed control flow graph");
        while (in.target->instrs.empty()) in.target = in.target->next;
        break;
      default:
        break;
    }
  }
}

bool block_has_lineno(const Block* b) {
  for (auto& in : b->instrs)
    if (in.loc.line > 0) return true;
  return false;
}

// extend_block: a block ending in a jump to a small exit block without line
// numbers gets a copy of that block instead of the jump.
void extend_block(Block* bb) {
  if (bb->instrs.empty()) return;
  Instr& last = bb->instrs.back();
  if (last.op != JUMP && last.op != JUMP_FORWARD && last.op != JUMP_BACKWARD) return;
  Block* to_copy = last.target;
  if (to_copy->exit && static_cast<int>(to_copy->instrs.size()) <= kMaxCopySize) {
    if (block_has_lineno(to_copy)) return;
    last.op = NOP;
    std::vector<Instr> copy = to_copy->instrs;
    for (auto& in : copy) bb->instrs.push_back(in);
    bb->exit = true;
  }
}

// clean_basic_block: remove NOPs that carry no line number of their own.
void clean_basic_block(Block* bb) {
  size_t dest = 0;
  int prev_lineno = -1;
  auto& v = bb->instrs;
  for (size_t src = 0; src < v.size(); ++src) {
    int lineno = v[src].loc.line;
    if (v[src].op == NOP) {
      if (lineno < 0) continue;
      if (prev_lineno == lineno) continue;
      if (src + 1 < v.size()) {
        int next_lineno = v[src + 1].loc.line;
        if (next_lineno == lineno) continue;
        if (next_lineno < 0) {
          copy_loc(v[src], v[src + 1]);
          continue;
        }
      } else {
        Block* next = bb->next;
        while (next && next->instrs.empty()) next = next->next;
        if (next && lineno == next->instrs[0].loc.line) continue;
      }
    }
    if (dest != src) v[dest] = v[src];
    ++dest;
    prev_lineno = lineno;
  }
  v.resize(dest);
}

// fold_tuple_on_constants: LOAD_CONST x n; BUILD_TUPLE n -> LOAD_CONST tuple.
void fold_tuple_on_constants(std::vector<Instr>& v, size_t first, int n,
                             std::vector<Constant>& consts) {
  for (int i = 0; i < n; ++i)
    if (v[first + i].op != LOAD_CONST) return;
  std::vector<Constant> items;
  for (int i = 0; i < n; ++i) items.push_back(consts[static_cast<size_t>(v[first + i].oparg)]);
  Constant t = Constant::tuple(std::move(items));
  size_t index = 0;
  for (; index < consts.size(); ++index)
    if (consts[index].same_key(t)) break;
  if (index == consts.size()) consts.push_back(std::move(t));
  for (int i = 0; i < n; ++i) v[first + i].op = NOP;
  v[first + n].op = LOAD_CONST;
  v[first + n].oparg = static_cast<int>(index);
}

// swaptimize: replace a run of SWAPs and NOPs with an optimal one.
void swaptimize(Block* block, size_t& ix) {
  auto& v = block->instrs;
  int depth = v[ix].oparg;
  size_t len = 0;
  bool more = false;
  size_t limit = v.size() - ix;
  while (++len < limit) {
    int op = v[ix + len].op;
    if (op == SWAP) {
      depth = std::max(depth, v[ix + len].oparg);
      more = true;
    } else if (op != NOP) {
      break;
    }
  }
  if (!more) return;
  constexpr int kVisited = -1;
  std::vector<int> stack(static_cast<size_t>(depth));
  for (int i = 0; i < depth; ++i) stack[static_cast<size_t>(i)] = i;
  for (size_t i = 0; i < len; ++i) {
    if (v[ix + i].op == SWAP) {
      size_t oparg = static_cast<size_t>(v[ix + i].oparg);
      std::swap(stack[0], stack[oparg - 1]);
    }
  }
  ptrdiff_t current = static_cast<ptrdiff_t>(len) - 1;
  for (int i = 0; i < depth; ++i) {
    if (stack[static_cast<size_t>(i)] == kVisited || stack[static_cast<size_t>(i)] == i) continue;
    int j = i;
    while (true) {
      if (j) {
        GILSIM_ASSERT(current >= 0, "swaptimize ran out of room");
        v[ix + static_cast<size_t>(current)].op = SWAP;
        v[ix + static_cast<size_t>(current)].oparg = j + 1;
        --current;
      }
      if (stack[static_cast<size_t>(j)] == kVisited) break;
      int next_j = stack[static_cast<size_t>(j)];
      stack[static_cast<size_t>(j)] = kVisited;
      j = next_j;
    }
  }
  while (current >= 0) v[ix + static_cast<size_t>(current--)].op = NOP;
  ix += len - 1;
}

bool swappable(int op) { return op == STORE_FAST || op == POP_TOP; }
int stores_to(const Instr& in) { return in.op == STORE_FAST ? in.oparg : -1; }

int next_swappable_instruction(Block* block, int i, int lineno) {
  auto& v = block->instrs;
  while (++i < static_cast<int>(v.size())) {
    const Instr& in = v[static_cast<size_t>(i)];
    if (lineno >= 0 && in.loc.line != lineno) return -1;
    if (in.op == NOP) continue;
    if (swappable(in.op)) return i;
    return -1;
  }
  return -1;
}

// apply_static_swaps: SWAP 2; POP_TOP; STORE_FAST x -> NOP; STORE_FAST x; POP_TOP.
void apply_static_swaps(Block* block, int i) {
  auto& v = block->instrs;
  for (; i >= 0; --i) {
    Instr& swap = v[static_cast<size_t>(i)];
    if (swap.op != SWAP) {
      if (swap.op == NOP || swappable(swap.op)) continue;
      return;
    }
    int j = next_swappable_instruction(block, i, -1);
    if (j < 0) return;
    int k = j;
    int lineno = v[static_cast<size_t>(j)].loc.line;
    for (int count = swap.oparg - 1; count > 0; --count) {
      k = next_swappable_instruction(block, k, lineno);
      if (k < 0) return;
    }
    int store_j = stores_to(v[static_cast<size_t>(j)]);
    int store_k = stores_to(v[static_cast<size_t>(k)]);
    if (store_j >= 0 || store_k >= 0) {
      if (store_j == store_k) return;
      for (int idx = j + 1; idx < k; ++idx) {
        int s = stores_to(v[static_cast<size_t>(idx)]);
        if (s >= 0 && (s == store_j || s == store_k)) return;
      }
    }
    swap.op = NOP;
    std::swap(v[static_cast<size_t>(j)], v[static_cast<size_t>(k)]);
  }
}

// jump_thread: retarget a jump to a jump.
bool jump_thread(Instr& inst, const Instr& target, int op) {
  if (inst.loc.line == target.loc.line && inst.target != target.target) {
    inst.target = target.target;
    inst.op = op;
    return true;
  }
  return false;
}

// optimize_basic_block
void optimize_basic_block(Block* bb, std::vector<Constant>& consts) {
  auto& v = bb->instrs;
  Instr nop;
  nop.op = NOP;
  for (int i = 0; i < static_cast<int>(v.size()); ++i) {
    Instr* inst = &v[static_cast<size_t>(i)];
    int oparg = inst->oparg;
    int nextop = i + 1 < static_cast<int>(v.size()) ? v[static_cast<size_t>(i) + 1].op : 0;
    const Instr* target = &nop;
    if (is_real_jump(*inst) || is_block_push(inst->op)) {
      while (inst->target->instrs.empty()) inst->target = inst->target->next;
      target = &inst->target->instrs[0];
    }
    Instr* next = i + 1 < static_cast<int>(v.size()) ? &v[static_cast<size_t>(i) + 1] : nullptr;
    switch (inst->op) {
      case LOAD_CONST: {
        switch (nextop) {
          case POP_JUMP_IF_FALSE:
          case POP_JUMP_IF_TRUE: {
            bool is_true = consts[static_cast<size_t>(oparg)].truthy();
            inst->op = NOP;
            bool jump_if_true = nextop == POP_JUMP_IF_TRUE;
            if (is_true == jump_if_true) {
              next->op = JUMP;
              bb->nofallthrough = true;
            } else {
              next->op = NOP;
            }
            break;
          }
          case JUMP_IF_FALSE_OR_POP:
          case JUMP_IF_TRUE_OR_POP: {
            bool is_true = consts[static_cast<size_t>(oparg)].truthy();
            bool jump_if_true = nextop == JUMP_IF_TRUE_OR_POP;
            if (is_true == jump_if_true) {
              next->op = JUMP;
              bb->nofallthrough = true;
            } else {
              inst->op = NOP;
              next->op = NOP;
            }
            break;
          }
          case IS_OP: {
            int jump_op = i + 2 < static_cast<int>(v.size()) ? v[static_cast<size_t>(i) + 2].op : 0;
            if (consts[static_cast<size_t>(oparg)].kind == Constant::Kind::None &&
                (jump_op == POP_JUMP_IF_FALSE || jump_op == POP_JUMP_IF_TRUE)) {
              int nextarg = next->oparg & 0xFF;
              inst->op = NOP;
              next->op = NOP;
              v[static_cast<size_t>(i) + 2].op =
                  (nextarg ^ (jump_op == POP_JUMP_IF_FALSE)) ? POP_JUMP_IF_NOT_NONE
                                                             : POP_JUMP_IF_NONE;
            }
            break;
          }
          default:
            break;
        }
        break;
      }
      case BUILD_TUPLE:
        if (nextop == UNPACK_SEQUENCE && oparg == next->oparg) {
          if (oparg == 1) {
            inst->op = NOP;
            next->op = NOP;
            continue;
          }
          if (oparg == 2 || oparg == 3) {
            inst->op = NOP;
            next->op = SWAP;
            continue;
          }
        }
        if (i >= oparg)
          fold_tuple_on_constants(v, static_cast<size_t>(i - oparg), oparg, consts);
        break;
      case JUMP_IF_FALSE_OR_POP:
        switch (target->op) {
          case POP_JUMP_IF_FALSE:
            i -= jump_thread(*inst, *target, POP_JUMP_IF_FALSE);
            break;
          case JUMP:
          case JUMP_IF_FALSE_OR_POP:
            i -= jump_thread(*inst, *target, JUMP_IF_FALSE_OR_POP);
            break;
          case JUMP_IF_TRUE_OR_POP:
          case POP_JUMP_IF_TRUE:
            if (inst->loc.line == target->loc.line) {
              inst->op = POP_JUMP_IF_FALSE;
              inst->target = inst->target->next;
              --i;
            }
            break;
          default:
            break;
        }
        break;
      case JUMP_IF_TRUE_OR_POP:
        switch (target->op) {
          case POP_JUMP_IF_TRUE:
            i -= jump_thread(*inst, *target, POP_JUMP_IF_TRUE);
            break;
          case JUMP:
          case JUMP_IF_TRUE_OR_POP:
            i -= jump_thread(*inst, *target, JUMP_IF_TRUE_OR_POP);
            break;
          case JUMP_IF_FALSE_OR_POP:
          case POP_JUMP_IF_FALSE:
            if (inst->loc.line == target->loc.line) {
              inst->op = POP_JUMP_IF_TRUE;
              inst->target = inst->target->next;
              --i;
            }
            break;
          default:
            break;
        }
        break;
      case POP_JUMP_IF_NOT_NONE:
      case POP_JUMP_IF_NONE:
        if (target->op == JUMP) i -= jump_thread(*inst, *target, inst->op);
        break;
      case POP_JUMP_IF_FALSE:
        if (target->op == JUMP) i -= jump_thread(*inst, *target, POP_JUMP_IF_FALSE);
        break;
      case POP_JUMP_IF_TRUE:
        if (target->op == JUMP) i -= jump_thread(*inst, *target, POP_JUMP_IF_TRUE);
        break;
      case JUMP:
        if (target->op == JUMP) i -= jump_thread(*inst, *target, JUMP);
        break;
      case SWAP: {
        if (oparg == 1) {
          inst->op = NOP;
          break;
        }
        size_t ix = static_cast<size_t>(i);
        swaptimize(bb, ix);
        i = static_cast<int>(ix);
        apply_static_swaps(bb, i);
        break;
      }
      case PUSH_NULL:
        // CPython tests `(inst[1].i_opcode & 1) == 0`, which always holds
        // for LOAD_GLOBAL (116): every PUSH_NULL; LOAD_GLOBAL pair merges.
        if (nextop == LOAD_GLOBAL) {
          inst->op = NOP;
          inst->oparg = 0;
          next->oparg |= 1;
        }
        break;
      default:
        break;
    }
  }
}

// mark_reachable
void mark_reachable(Block* entry) {
  std::vector<Block*> stack;
  entry->predecessors = 1;
  stack.push_back(entry);
  while (!stack.empty()) {
    Block* b = stack.back();
    stack.pop_back();
    if (b->next && !b->nofallthrough) {
      if (b->next->predecessors == 0) stack.push_back(b->next);
      b->next->predecessors++;
    }
    for (auto& in : b->instrs) {
      if (is_real_jump(in) || is_block_push(in.op)) {
        Block* target = in.target;
        if (target->predecessors == 0) stack.push_back(target);
        target->predecessors++;
      }
    }
  }
}

// eliminate_empty_basic_blocks
void eliminate_empty_basic_blocks(Block* entry) {
  for (Block* b = entry; b; b = b->next) {
    Block* next = b->next;
    if (next) {
      while (next->instrs.empty() && next->next) next = next->next;
      b->next = next;
    }
  }
  for (Block* b = entry; b; b = b->next) {
    if (b->instrs.empty()) continue;
    Instr& last = b->instrs.back();
    if (is_real_jump(last)) {
      Block* target = last.target;
      while (target->instrs.empty()) target = target->next;
      last.target = target;
    }
  }
}

// optimize_cfg
void optimize_cfg(Unit& u, Block* entry, std::vector<Constant>& consts) {
  for_each_in_chain(entry, [&](Block* b) {
    optimize_basic_block(b, consts);
    clean_basic_block(b);
  });
  for_each_in_list(u, [](Block* b) { extend_block(b); });
  mark_reachable(entry);
  for_each_in_chain(entry, [](Block* b) {
    if (b->predecessors == 0) {
      b->instrs.clear();
      b->nofallthrough = false;
    }
  });
  eliminate_empty_basic_blocks(entry);
  for_each_in_chain(entry, [](Block* b) { clean_basic_block(b); });
  bool maybe_empty_blocks = false;
  for_each_in_chain(entry, [&](Block* b) {
    if (b->instrs.empty()) return;
    Instr& last = b->instrs.back();
    if ((last.op == JUMP || last.op == JUMP_NO_INTERRUPT) && last.target == b->next) {
      b->nofallthrough = false;
      last.op = NOP;
      maybe_empty_blocks = true;
    }
  });
  if (maybe_empty_blocks) eliminate_empty_basic_blocks(entry);
}

bool is_exit_without_lineno(const Block* b) {
  if (!b->exit) return false;
  for (auto& in : b->instrs)
    if (in.loc.line >= 0) return false;
  return true;
}

// duplicate_exits_without_lineno: give every line-less exit block a single
// predecessor, so that it can take that predecessor's line number.
void duplicate_exits_without_lineno(Unit& u) {
  size_t n = u.blocks.size();
  for (size_t i = n; i-- > 0;) {
    Block* b = u.blocks[i].get();
    if (b->instrs.empty() || !is_real_jump(b->instrs.back())) continue;
    Block* target = b->instrs.back().target;
    if (is_exit_without_lineno(target) && target->predecessors > 1) {
      GILSIM_ASSERT(target->nofallthrough, "copying a block with a fall-through");
      u.blocks.push_back(std::make_unique<Block>());
      Block* nt = u.blocks.back().get();
      nt->instrs = target->instrs;
      nt->exit = target->exit;
      nt->nofallthrough = true;
      copy_loc(b->instrs.back(), nt->instrs[0]);
      b->instrs.back().target = nt;
      target->predecessors--;
      nt->predecessors = 1;
      nt->next = target->next;
      target->next = nt;
    }
  }
  for_each_in_list(u, [](Block* b) {
    while (b->next && b->next->instrs.empty()) b->next = b->next->next;
  });
  for_each_in_list(u, [](Block* b) {
    if (!b->nofallthrough && b->next && !b->instrs.empty() && is_exit_without_lineno(b->next))
      copy_loc(b->instrs.back(), b->next->instrs[0]);
  });
}

// trim_unused_consts: drop trailing constants no instruction uses.
void trim_unused_consts(Block* entry, std::vector<Constant>& consts) {
  int max_index = 0;  // the first constant may be a docstring; always kept
  for_each_in_chain(entry, [&](Block* b) {
    for (auto& in : b->instrs)
      if ((in.op == LOAD_CONST || in.op == KW_NAMES) && in.oparg > max_index) max_index = in.oparg;
  });
  if (static_cast<size_t>(max_index) + 1 < consts.size()) consts.resize(static_cast<size_t>(max_index) + 1);
}

// propagate_line_numbers
void propagate_line_numbers(Block* entry) {
  for (Block* b = entry; b; b = b->next) {
    if (b->instrs.empty()) continue;
    Instr prev;
    prev.loc = Position{-1, -1, -1, -1};
    for (auto& in : b->instrs) {
      if (in.loc.line < 0)
        copy_loc(prev, in);
      else
        copy_loc(in, prev);
    }
    if (!b->nofallthrough && b->next && b->next->predecessors == 1) {
      if (b->next->instrs[0].loc.line < 0) copy_loc(prev, b->next->instrs[0]);
    }
    if (is_real_jump(b->instrs.back())) {
      Block* target = b->instrs.back().target;
      if (target->predecessors == 1 && target->instrs[0].loc.line < 0)
        copy_loc(prev, target->instrs[0]);
    }
  }
}

// guarantee_lineno_for_exits
void guarantee_lineno_for_exits(Block* entry, int firstlineno) {
  int lineno = firstlineno;
  for (Block* b = entry; b; b = b->next) {
    if (b->instrs.empty()) continue;
    Instr& last = b->instrs.back();
    if (last.loc.line < 0) {
      if (last.op == RETURN_VALUE)
        for (auto& in : b->instrs) in.loc.line = lineno;
    } else {
      lineno = last.loc.line;
    }
  }
}

// stackdepth: the largest value-stack depth over all paths; also records
// each block's depth on entry, which the exception table needs.
int stackdepth(Unit& u, Block* entry) {
  for (auto& b : u.blocks) b->startdepth = INT32_MIN;
  std::vector<Block*> stack;
  int maxdepth = 0;
  auto push = [&](Block* b, int depth) {
    if (b->startdepth < depth && b->startdepth < 100) {
      b->startdepth = depth;
      stack.push_back(b);
    }
  };
  push(entry, 0);
  while (!stack.empty()) {
    Block* b = stack.back();
    stack.pop_back();
    int depth = b->startdepth;
    Block* next = b->next;
    for (auto& in : b->instrs) {
      int effect = stack_effect(in.op, in.oparg, false);
      GILSIM_ASSERT(effect != kInvalidStackEffect, "unknown stack effect");
      int new_depth = depth + effect;
      maxdepth = std::max(maxdepth, new_depth);
      if (is_real_jump(in) || is_block_push(in.op)) {
        int target_depth = depth + stack_effect(in.op, in.oparg, true);
        maxdepth = std::max(maxdepth, target_depth);
        push(in.target, target_depth);
      }
      depth = new_depth;
      if (in.op == JUMP_NO_INTERRUPT || in.op == JUMP || in.op == RETURN_VALUE ||
          in.op == RAISE_VARARGS || in.op == RERAISE) {
        next = nullptr;
        break;
      }
    }
    if (next) push(next, depth);
  }
  return maxdepth;
}

// label_exception_targets: which handler covers each instruction.
void label_exception_targets(Block* entry) {
  for (Block* b = entry; b; b = b->next) {
    b->visited = false;
    b->has_except_stack = false;
  }
  std::vector<Block*> todo;
  entry->except_stack = {nullptr};
  entry->has_except_stack = true;
  entry->visited = true;
  todo.push_back(entry);
  while (!todo.empty()) {
    Block* b = todo.back();
    todo.pop_back();
    std::vector<Block*> stack = std::move(b->except_stack);
    b->has_except_stack = false;
    Block* handler = stack.back();
    for (auto& in : b->instrs) {
      if (is_block_push(in.op)) {
        if (!in.target->visited) {
          in.target->except_stack = stack;
          in.target->has_except_stack = true;
          in.target->visited = true;
          todo.push_back(in.target);
        }
        if (in.op == SETUP_WITH || in.op == SETUP_CLEANUP) in.target->preserve_lasti = true;
        stack.push_back(in.target);
        handler = in.target;
      } else if (in.op == POP_BLOCK) {
        stack.pop_back();
        handler = stack.back();
      } else if (is_real_jump(in)) {
        in.except = handler;
        if (!in.target->visited) {
          in.target->except_stack = stack;
          in.target->has_except_stack = true;
          in.target->visited = true;
          todo.push_back(in.target);
        }
      } else {
        in.except = handler;
      }
    }
    if (!b->nofallthrough && b->next && !b->next->visited) {
      b->next->except_stack = stack;
      b->next->has_except_stack = true;
      b->next->visited = true;
      todo.push_back(b->next);
    }
  }
}

// normalize_jumps: virtual jumps become forward or backward real ones.
void normalize_jumps(Block* entry) {
  for (Block* b = entry; b; b = b->next) b->visited = false;
  for (Block* b = entry; b; b = b->next) {
    b->visited = true;
    if (b->instrs.empty()) continue;
    Instr& last = b->instrs.back();
    if (!is_real_jump(last)) continue;
    bool fwd = !last.target->visited;
    switch (last.op) {
      case JUMP: last.op = fwd ? JUMP_FORWARD : JUMP_BACKWARD; break;
      case JUMP_NO_INTERRUPT: last.op = fwd ? JUMP_FORWARD : JUMP_BACKWARD_NO_INTERRUPT; break;
      case POP_JUMP_IF_NOT_NONE:
        last.op = fwd ? POP_JUMP_FORWARD_IF_NOT_NONE : POP_JUMP_BACKWARD_IF_NOT_NONE;
        break;
      case POP_JUMP_IF_NONE:
        last.op = fwd ? POP_JUMP_FORWARD_IF_NONE : POP_JUMP_BACKWARD_IF_NONE;
        break;
      case POP_JUMP_IF_FALSE:
        last.op = fwd ? POP_JUMP_FORWARD_IF_FALSE : POP_JUMP_BACKWARD_IF_FALSE;
        break;
      case POP_JUMP_IF_TRUE:
        last.op = fwd ? POP_JUMP_FORWARD_IF_TRUE : POP_JUMP_BACKWARD_IF_TRUE;
        break;
      case JUMP_IF_TRUE_OR_POP:
      case JUMP_IF_FALSE_OR_POP:
        GILSIM_ASSERT(fwd, "JUMP_IF_*_OR_POP jumping backwards");
        break;
      default:
        break;
    }
  }
}

// assemble_jump_offsets: block offsets and jump opargs, iterated until the
// EXTENDED_ARG prefixes stop changing sizes.
void assemble_jump_offsets(Unit& u, Block* entry) {
  bool recompile;
  do {
    int totsize = 0;
    for (Block* b = entry; b; b = b->next) {
      b->offset = totsize;
      for (auto& in : b->instrs) totsize += instr_size(in);
    }
    recompile = false;
    for_each_in_list(u, [&](Block* b) {
      int bsize = b->offset;
      for (auto& in : b->instrs) {
        int isize = instr_size(in);
        bsize += isize;
        if (is_real_jump(in)) {
          int t = in.target->offset;
          in.oparg = t < bsize ? bsize - t : t - bsize;
          if (instr_size(in) != isize) recompile = true;
        }
      }
    });
  } while (recompile);
}

}  // namespace

std::shared_ptr<const Code> Compiler::assemble(bool add_none) {
  Unit& u = *u_;
  if (!u.curblock->ret) {
    unset_loc();
    if (add_none) addop_load_const(Constant::none());
    addop(RETURN_VALUE);
  }
  for_each_in_list(u, normalize_basic_block);
  for_each_in_list(u, extend_block);
  Block* entry = u.blocks[0].get();

  // build_cellfixedoffsets / insert_prefix_instructions / fix_cell_offsets
  int nlocals = static_cast<int>(u.varnames.size());
  int ncellvars = static_cast<int>(u.cellvars.size());
  int nfreevars = static_cast<int>(u.freevars.size());
  std::vector<int> fixed(static_cast<size_t>(ncellvars + nfreevars));
  for (size_t i = 0; i < fixed.size(); ++i) fixed[i] = nlocals + static_cast<int>(i);
  for (int i = 0; i < ncellvars; ++i) {
    auto it = u.varnames_index.find(u.cellvars[static_cast<size_t>(i)]);
    if (it != u.varnames_index.end()) fixed[static_cast<size_t>(i)] = it->second;
  }
  if (ncellvars) {
    std::vector<int> sorted(static_cast<size_t>(ncellvars + nlocals), 0);
    for (int i = 0; i < ncellvars; ++i) sorted[static_cast<size_t>(fixed[static_cast<size_t>(i)])] = i + 1;
    int used = 0;
    for (size_t i = 0; used < ncellvars; ++i) {
      int oldindex = sorted[i] - 1;
      if (oldindex == -1) continue;
      Instr mc;
      mc.op = MAKE_CELL;
      mc.oparg = oldindex;
      entry->instrs.insert(entry->instrs.begin() + used, mc);
      ++used;
    }
  }
  if (nfreevars) {
    Instr cf;
    cf.op = COPY_FREE_VARS;
    cf.oparg = nfreevars;
    entry->instrs.insert(entry->instrs.begin(), cf);
  }
  int numdropped = 0;
  for (size_t i = 0; i < fixed.size(); ++i) {
    if (fixed[i] == static_cast<int>(i) + nlocals)
      fixed[i] -= numdropped;
    else
      ++numdropped;
  }
  for (Block* b = entry; b; b = b->next) {
    for (auto& in : b->instrs) {
      switch (in.op) {
        case MAKE_CELL: case LOAD_CLOSURE: case LOAD_DEREF: case STORE_DEREF:
        case DELETE_DEREF: case LOAD_CLASSDEREF:
          in.oparg = fixed[static_cast<size_t>(in.oparg)];
          break;
        default:
          break;
      }
    }
  }

  std::vector<Constant> consts = u.consts;
  optimize_cfg(u, entry, consts);
  duplicate_exits_without_lineno(u);
  trim_unused_consts(entry, consts);
  propagate_line_numbers(entry);
  guarantee_lineno_for_exits(entry, u.firstlineno);
  int maxdepth = stackdepth(u, entry);
  label_exception_targets(entry);
  for (Block* b = entry; b; b = b->next)
    for (auto& in : b->instrs)
      if (is_block_push(in.op) || in.op == POP_BLOCK) in.op = NOP;
  for (Block* b = entry; b; b = b->next) clean_basic_block(b);
  normalize_jumps(entry);
  assemble_jump_offsets(u, entry);

  auto co = std::make_shared<Code>();
  co->name = u.name;
  co->qualname = u.qualname.empty() ? u.name : u.qualname;
  co->filename = filename_;
  co->firstlineno = u.firstlineno;
  co->argcount = u.argcount + u.posonlyargcount;
  co->posonlyargcount = u.posonlyargcount;
  co->kwonlyargcount = u.kwonlyargcount;
  co->stacksize = maxdepth;
  co->id = take_code_id();
  // Emit code units and their positions.
  for (Block* b = entry; b; b = b->next) {
    for (auto& in : b->instrs) {
      int size = instr_size(in);
      int caches = opcode_info(in.op).caches;
      int oparg = has_arg(in.op) ? in.oparg : 0;
      int ext = size - caches - 1;
      for (int k = ext; k > 0; --k)
        co->code.push_back(CodeUnit{EXTENDED_ARG, static_cast<uint8_t>((oparg >> (8 * k)) & 0xFF)});
      co->code.push_back(CodeUnit{static_cast<uint8_t>(in.op), static_cast<uint8_t>(oparg & 0xFF)});
      for (int k = 0; k < caches; ++k) co->code.push_back(CodeUnit{CACHE, 0});
      Position pos = in.loc;
      if (pos.line < 0) pos = Position{-1, -1, -1, -1};
      for (int k = 0; k < size; ++k) co->positions.push_back(pos);
    }
  }
  // assemble_exception_table
  {
    int ioffset = 0;
    Block* handler = nullptr;
    int start = -1;
    auto emit = [&](int end) {
      int depth = handler->startdepth - 1 - (handler->preserve_lasti ? 1 : 0);
      co->exception_table.push_back(
          ExceptionEntry{start, end, handler->offset, depth, handler->preserve_lasti});
    };
    for (Block* b = entry; b; b = b->next) {
      ioffset = b->offset;
      for (auto& in : b->instrs) {
        if (in.except != handler) {
          if (handler) emit(ioffset);
          start = ioffset;
          handler = in.except;
        }
        ioffset += instr_size(in);
      }
    }
    if (handler) emit(ioffset);
  }
  co->consts = std::move(consts);
  co->names = u.names;
  // compute_localsplus_info
  co->nlocals = nlocals;
  co->ncellvars = ncellvars;
  co->nfreevars = nfreevars;
  for (auto& v : u.varnames) {
    co->localsplusnames.push_back(v);
    co->localspluskinds.push_back(CO_FAST_LOCAL | (u.cellvars_index.count(v) ? CO_FAST_CELL : 0));
  }
  for (auto& c : u.cellvars) {
    if (u.varnames_index.count(c)) continue;
    co->localsplusnames.push_back(c);
    co->localspluskinds.push_back(CO_FAST_CELL);
  }
  for (auto& f : u.freevars) {
    co->localsplusnames.push_back(f);
    co->localspluskinds.push_back(CO_FAST_FREE);
  }
  int flags = 0;
  if (u.ste->type == BlockType::Function) {
    flags |= CO_NEWLOCALS | CO_OPTIMIZED;
    if (u.ste->nested) flags |= CO_NESTED;
    if (u.ste->varargs) flags |= CO_VARARGS;
    if (u.ste->varkeywords) flags |= CO_VARKEYWORDS;
  }
  co->flags = flags;
  return co;
}

}  // namespace vm::detail
