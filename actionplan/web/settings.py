"""How one server runs: where it listens, who may call it, what an upload may weigh."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from pathlib import Path

from actionplan.rules import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

MB = 1024 * 1024
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address) is reachable from this machine only."""
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """Whether `host` binds every interface (0.0.0.0, ::)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    """One server's settings, resolved once by `actionplan serve` (or a test)."""

    # A SQLite file or a postgresql:// URL, as --db takes everywhere.
    db: str | Path | None = None
    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None
    max_upload: int = 50 * MB
    # Documents read at once; more wait in line (each reader is a child process).
    jobs: int = 2
    timeout: float | None = DEFAULT_TIMEOUT
    max_memory: int | None = DEFAULT_MAX_MEMORY
    # Further names the server may be reached by (a DNS name on a team's server).
    allow_hosts: tuple[str, ...] = field(default=())

    def host_names(self) -> frozenset[str]:
        """Return the Host header names (without port) this server answers to."""
        names = {self.host.strip("[]").lower(), *(h.lower() for h in self.allow_hosts)}
        if is_loopback(self.host) or is_wildcard(self.host):
            names.update(LOOPBACK_NAMES)
        if is_wildcard(self.host):
            names.update({socket.gethostname().lower(), socket.getfqdn().lower()})
        return frozenset(names)

    def url(self, port: int | None = None) -> str:
        """Return the address to open in a browser."""
        host = "127.0.0.1" if is_wildcard(self.host) else self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port if port is None else port}/"
