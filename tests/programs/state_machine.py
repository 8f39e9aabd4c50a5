# A table-driven state machine: dict of dicts, a loop over events, a class wrapper.
TRANSITIONS = {
    "idle": {"start": "running", "stop": "idle"},
    "running": {"pause": "paused", "stop": "idle", "finish": "done"},
    "paused": {"resume": "running", "stop": "idle"},
    "done": {},
}


def run(events):
    state = "idle"
    trail = [state]
    for ev in events:
        nxt = TRANSITIONS[state].get(ev)
        if nxt is None:
            trail.append("!" + ev)
            continue
        state = nxt
        trail.append(state)
        if state == "done":
            break
    return trail


class Machine:
    def __init__(self):
        self.state = "idle"
        self.rejected = 0

    def feed(self, ev):
        if ev in TRANSITIONS[self.state]:
            self.state = TRANSITIONS[self.state][ev]
        else:
            self.rejected += 1
        return self


m = Machine().feed("start").feed("oops").feed("stop").feed("stop")
print(run(["start", "pause", "start", "resume", "finish", "stop"]), m.state, m.rejected)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: ['idle', 'running', 'paused', '!start', 'running', 'done'] idle 1
