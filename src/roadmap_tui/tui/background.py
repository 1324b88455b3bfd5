"""Disk waits off the event loop: each runs on a thread of its own and reports with a message.

The event loop only draws and reacts. Anything that can wait on a disk (the saver's flush at
quit and switch, loading another roadmap, restoring a backup, parsing backups, writing a file
elsewhere, the settings and view-state files) runs here and posts what happened to the app (or
a screen), whose handler then changes the screens on the loop.

Why not Textual's `@work(thread=True)`: a thread worker runs in asyncio's default executor, and
`asyncio.run` (how `App.run` ends) joins that executor's threads before it returns, as the
interpreter does at exit. A worker stuck on a disk that does not answer would keep the process
from ever ending, after "Quit without saving" too. These threads are daemons: the app ends when
the learner says so, and a stuck write is left to the kernel (every write is atomic, so the file
is the old one or the new one).

`running(app)` is what a test waits on (`tests/helpers.settle`): a job's thread ends only after
its message is posted.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

from textual.message import Message
from textual.message_pump import MessagePump

from roadmap_tui.tui.messages import BackgroundFailed

T = TypeVar("T")

_jobs: weakref.WeakKeyDictionary[MessagePump, list[threading.Thread]] = weakref.WeakKeyDictionary()


def run_in_background(target: MessagePump, name: str, work: Callable[[], Message | None]) -> threading.Thread:
    """Run `work` on a daemon thread and post the message it returns to `target` (if any).

    An unexpected error is posted as `BackgroundFailed`, which the app raises on the loop, so
    it ends as any other fault does (the crash log, the changes written first).
    """

    app = target.app  # (found here, on the loop: a thread has no active app)

    def run() -> None:
        try:
            message = work()
        except Exception as error:  # (reported, not swallowed: the app raises it)
            app.post_message(BackgroundFailed(error))
            return
        if message is not None:
            target.post_message(message)  # (thread-safe; a closed app or screen drops it)

    thread = threading.Thread(target=run, name=f"roadmap-{name}", daemon=True)
    jobs = _jobs.setdefault(app, [])
    jobs[:] = [job for job in jobs if job.is_alive()]
    jobs.append(thread)
    thread.start()
    return thread


def running(app: MessagePump) -> list[threading.Thread]:
    """The jobs started for `app` (by any of its screens) that have not posted their message yet."""
    return [job for job in _jobs.get(app, []) if job.is_alive()]


async def in_background(work: Callable[[], T]) -> T:
    """`await` the result of `work`, run on a daemon thread (for code already running in a task
    of its own, such as a palette provider's search; a message handler uses `run_in_background`,
    since awaiting there would hold the handler's queue)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.cancelled():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]  # (T when error is None)

    def run() -> None:
        try:
            result: T | None = work()
            error: BaseException | None = None
        except BaseException as raised:  # (handed to the awaiting task, raised there)
            result, error = None, raised
        try:
            loop.call_soon_threadsafe(settle, result, error)
        except RuntimeError:
            pass  # the loop has closed: the app has ended meanwhile

    threading.Thread(target=run, name="roadmap-read", daemon=True).start()
    return await future
