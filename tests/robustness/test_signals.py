"""SIGTERM and SIGHUP (the terminal closed): the app quits as `q` does. Run as a person runs it,
in a pseudo-terminal: every change on disk, an open edit kept, the terminal restored, exit 0."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")


def la_items(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["phases"][0]["sections"][0]["items"][0]["items"]


# 2. SIGTERM and SIGHUP: every change on disk, the terminal restored, exit 0 -------------------


class Terminal:
    """The app run as a person runs it, in a pseudo-terminal of 100x30."""

    def __init__(self, path: Path) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(REPO / "src")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "roadmap_tui", "--file", str(path)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, marker: bytes, start: int = 0, timeout: float = 60) -> int:
        """Read what the app draws until `marker` appears after `start`; where the output ends.
        (`timeout` only tells a hang from a slow machine.)"""
        deadline = time.monotonic() + timeout
        while marker not in self.output[start:]:
            left = deadline - time.monotonic()
            assert left > 0, f"the app never showed {marker!r}: {self.output[-2000:]!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                assert chunk, f"the app ended before showing {marker!r}: {self.output[-2000:]!r}"
                self.output += chunk
        return len(self.output)

    def type(self, keys: bytes) -> int:
        start = len(self.output)
        os.write(self.master, keys)
        return start

    def finish(self, timeout: float = 60) -> int:
        """Read to the end; the exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                self.output += chunk
            elif self.process.poll() is not None:
                break
        os.close(self.master)
        return self.process.wait(timeout=max(1, deadline - time.monotonic()))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_right_after_a_toggle_keeps_it_and_restores_the_terminal(default_copy: Path, signum: int) -> None:
    terminal = Terminal(default_copy)
    try:
        terminal.read_until(b"Vectors and matrices")
        start = terminal.type(b"\t ")  # into the items, check the first
        terminal.read_until("✓".encode(), start)  # drawn: the learner saw it checked
        end = len(terminal.output)
        terminal.process.send_signal(signum)
        status = terminal.finish()
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
    assert status == 0
    assert la_items(default_copy)[0]["done"] is True, "the toggle is on disk"
    after = terminal.output[end:]
    assert b"\x1b[?1049l" in after, "the alternate screen is left"
    assert b"\x1b[?1000l" in after and b"\x1b[?1003l" in after, "mouse reporting is off"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_during_an_edit_keeps_what_was_typed(default_copy: Path, signum: int) -> None:
    terminal = Terminal(default_copy)
    try:
        terminal.read_until(b"Vectors and matrices")
        start = terminal.type(b"e")  # the Resources line of Linear Algebra
        terminal.read_until(b"Save", start)  # the editor's footer
        start = terminal.type(b"my notes")
        terminal.read_until(b"notes", start)
        terminal.process.send_signal(signum)
        status = terminal.finish()
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
    assert status == 0
    assert la_items(default_copy)[3].get("text_fill") == "my notes"
