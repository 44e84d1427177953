"""The wall time of each phase of the Sphinx build, for ``python -m tools.build_report``.

The build's heavy work happens in the handlers of three events: ``builder-inited``
(sphinx-gallery runs the examples), ``env-updated`` and ``build-finished`` (the JupyterLite
build, the slide decks, the cloud notebooks...). Each of their handlers is timed on its
own, and so are the stretches of Sphinx's own work that end where each event is emitted:
start-up (extensions, configuration), reading the sources, writing the pages.

A handler of this module's, first of each event's, notes when the event is emitted. Timing
the others means wrapping each in its event's listener list (``app.events.listeners``),
once every extension has connected its own (at the end of ``config-inited``, and again at
the end of ``builder-inited`` for any connected meanwhile). At ``build-finished``, after
every other handler, the times are added to the build's phase record beside the output
folder (``_build/reports/build-phases.json``, ``tools.build_report.PHASES``), in the order
they ran. First in ``extensions``, so that start-up includes loading the others.
"""

from __future__ import annotations

import time
from functools import wraps
from pathlib import Path

from tools.build_report import record_phases

# The timed events, in the order Sphinx emits them, each with the stretch that ends there.
EVENTS = {
    "builder-inited": "start-up (extensions, configuration)",
    "env-updated": "reading the sources",
    "build-finished": "writing the pages",
}
LAST = 10**6  # a priority after every other handler's


def handler_name(handler) -> str:
    """``package.module.function``, without private modules and the module when it is
    the package: ``sphinx.intersphinx.load_mappings``, ``slides.write_decks``."""
    parts = [part for part in (getattr(handler, "__module__", None) or "").split(".") if part and part[0] != "_"]
    name = getattr(handler, "__qualname__", None) or type(handler).__name__
    return ".".join([*dict.fromkeys(parts[:1] + parts[-1:]), name])


class PhaseClock:
    def __init__(self):
        self.started = time.perf_counter()
        self.emitted: dict[str, float] = {}  # event: when it was emitted
        self.runs: list[tuple[str, str, float, float]] = []  # event, handler, start, end

    def emission(self, event: str):
        """A handler, first of ``event``'s, that notes when it is emitted."""
        def note(*_args):
            self.emitted[event] = time.perf_counter()

        note.phase_clock = self
        return note

    def time_handlers(self, app, *_args) -> None:
        """Wrap each handler of the timed events, but this clock's own and those already wrapped."""
        for event in EVENTS:
            listeners = app.events.listeners[event]
            for index, listener in enumerate(listeners):
                handler = listener.handler
                if getattr(handler, "__self__", None) is not self and getattr(handler, "phase_clock", None) is not self:
                    listeners[index] = listener._replace(handler=self.timer(event, handler))

    def timer(self, event: str, handler):
        name = handler_name(handler)

        @wraps(handler)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return handler(*args, **kwargs)
            finally:
                self.runs.append((event, name, start, time.perf_counter()))

        timed.phase_clock = self
        return timed

    def phases(self) -> dict[str, float]:
        """Seconds of each stretch and each handler, in the order they ran."""
        phases, last_end = {}, self.started
        for event, stretch in EVENTS.items():
            if event not in self.emitted:  # its stretch is counted in the next one
                continue
            phases[f"sphinx: {stretch}"] = self.emitted[event] - last_end
            last_end = self.emitted[event]
            for run_event, name, start, end in self.runs:
                if run_event == event:
                    key = f"sphinx: {event} {name}"
                    phases[key] = phases.get(key, 0.0) + end - start
                    last_end = end
        return phases

    def write(self, app, _exception) -> None:
        record_phases(Path(app.outdir).parent, self.phases())


def setup(app) -> dict:
    clock = PhaseClock()
    for event in EVENTS:
        app.connect(event, clock.emission(event), priority=-LAST)
    app.connect("config-inited", clock.time_handlers, priority=LAST)
    app.connect("builder-inited", clock.time_handlers, priority=LAST)
    app.connect("build-finished", clock.write, priority=LAST)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
