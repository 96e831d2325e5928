"""How often one address may offer a wrong token: the sign-in page and bearer tokens.

A server started with --token beyond loopback can be reached by anyone on the network,
so guessing the token must be slow: after `limit` wrong tokens from one address within
`window` seconds, that address is refused (429, with Retry-After) until the oldest of them
is a window old. While refused, no token it offers is compared at all, the right one
included, so an answer never tells a guess that was right from one that was wrong.
Other addresses are not held up. The session cookie is not counted: it is an HMAC of the
token, which no one guesses.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from typing import Any

LIMIT = 10  # wrong tokens from one address ...
WINDOW = 60.0  # ... within this many seconds
MAX_ADDRESSES = 10_000  # the addresses remembered at once; the least recent is forgotten


class SignInThrottle:
    """Wrong tokens by client address, over a sliding window."""

    def __init__(
        self,
        limit: int = LIMIT,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
        max_addresses: int = MAX_ADDRESSES,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_addresses = max_addresses
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def wait(self, address: str) -> int:
        """Return the whole seconds before `address` may offer a token again (0: now)."""
        times = self._recent(address)
        if times is None or len(times) < self.limit:
            return 0
        return max(1, math.ceil(times[0] + self.window - self.clock()))

    def failed(self, address: str) -> None:
        """Count a wrong token from `address`."""
        times = self._recent(address)
        if times is None:
            times = self._failures[address] = deque(maxlen=self.limit)
            while len(self._failures) > self.max_addresses:
                self._failures.popitem(last=False)
        self._failures.move_to_end(address)
        times.append(self.clock())

    def _recent(self, address: str) -> deque[float] | None:
        times = self._failures.get(address)
        if times is None:
            return None
        since = self.clock() - self.window
        while times and times[0] <= since:
            times.popleft()
        if not times:
            del self._failures[address]
            return None
        return times


def refusal_message(seconds: int) -> str:
    """Return the one line a refused address is told."""
    return f"too many wrong tokens from this address: try again in {seconds} s"


def client_address(scope: Mapping[str, Any]) -> str:
    """Return the address a request came from, as the server saw it."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"
