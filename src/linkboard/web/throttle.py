"""Failed sign-ins counted per client address, in memory: after too many in a window, that
address is refused before its password is even checked. (The casework library locks the
account itself; this stops one address from walking through many accounts.)"""

from __future__ import annotations

import threading
import time
from collections import deque

#: Failed sign-ins one address may make within WINDOW seconds.
LIMIT = 10
WINDOW = 15 * 60


class Throttle:
    def __init__(self, limit: int = LIMIT, window: float = WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(client, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def blocked(self, client: str) -> bool:
        with self._lock:
            return len(self._recent(client, time.monotonic())) >= self.limit

    def failed(self, client: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent(client, now).append(now)
            if len(self._failures) > 10_000:  # bound the memory an address flood can take
                self._failures = {k: v for k, v in self._failures.items() if v}
