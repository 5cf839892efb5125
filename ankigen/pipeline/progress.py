"""A progress line for long builds: drawn only on a terminal, and only after a second."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

# (stage, done, total): library code reports, the CLI decides whether anyone sees it.
Progress = Callable[[str, int, int], None]

BAR_WIDTH = 24
REDRAW_SECONDS = 0.05


class TerminalProgress:
    """Draws ``stage [#####.....] done/total`` in place on ``stream``.

    Nothing is drawn when the stream is not a terminal, or before ``delay`` seconds have
    passed, so quick builds and CI logs stay clean.
    """

    def __init__(
        self,
        stream: TextIO,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._delay = delay
        self._clock = clock
        self._start = clock()
        self._enabled = stream.isatty()
        self.drawn = False
        self._stage = ""
        self._drawn_at = float("-inf")

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._enabled:
            return
        now = self._clock()
        if now - self._start < self._delay:
            return
        # Redraw at most every 50 ms (a cache hit takes microseconds), but always show a
        # new stage and a finished one.
        if stage == self._stage and done < total and now - self._drawn_at < REDRAW_SECONDS:
            return
        self._stage, self._drawn_at = stage, now
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self._stream.write(f"\r{stage:<10} [{bar}] {done}/{total}\x1b[K")
        self._stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Clear the line, so that what is printed next starts at the left margin."""
        if self.drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
