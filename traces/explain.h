// Plain-English accounts of a replayed violation (`gilsim explain`, and the
// explanation `check` and `replay` print under the interleaving): which
// operations of which threads conflicted, in order, with their lines and
// the values they read and wrote.
#pragma once

#include <string>

#include "sim/explorer.h"

namespace traces {

// A lost update: a thread read a name, another thread wrote it, and then
// the first wrote it back.  Empty when the execution shows none.
std::string explain_lost_update(const sim::Replayed& r);
// A stale read: a thread read a name, another thread then wrote it, and the
// first went on with the old value (check-then-act).  Empty when none.
std::string explain_stale_read(const sim::Replayed& r);
// Check-then-act on a container: a thread found a key missing
// (`key not in d`), another thread stored it, and the first stored it too.
// Empty when none.
std::string explain_check_then_act(const sim::Replayed& r);
// Without a GIL: the loads and stores of the count of the object a violation
// message names ("... list #12 ..."), in order, marking each store that
// overwrote another thread's (a lost increment or decrement) and the store
// that freed it.  Empty when the replay saw none (a GIL model, or no split
// count operation on it).
std::string explain_counts(const sim::Replayed& r, const std::string& message);
// A deadlock: the cycle of waits, from the violation's message.
std::string explain_deadlock(const sim::Replayed& r);
// Everything above that applies to the replay's violation, by its kind; a
// plain statement of the violation when nothing more can be said.
std::string explain(const sim::Replayed& r);

}  // namespace traces
