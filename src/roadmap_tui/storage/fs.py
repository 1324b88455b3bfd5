"""Files on disk, the leaf of storage: write atomically, lock the folder, sweep left-over temps.

Every file roadmap-tui writes (the roadmap, its backups, the parse cache, the view state, the
settings) goes through `atomic_write`: a temporary file in the same folder, fsync, `os.replace`,
fsync of the folder, so a reader sees the old file or the new one, never half, and a crash
leaves at most a temporary file, which `remove_stale_temps` deletes at the next load. A new file
gets the mode a plain `open()` would give it; a replaced one keeps its own.

`folder_lock` is the lock other roadmap-tui processes respect while they read, compare and write
a file (the saver, `library`'s reset).

Callers use `fs.atomic_write` (the module attribute, not a copied name), so that one patch in a
test reaches every write.

Stdlib and `paths` only: everything in storage may import this, and it imports nothing above.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from roadmap_tui import paths

TEMP_SUFFIX = ".tmp"
STALE_AFTER = 3600  # seconds: a temp file without a process id this old is left over


_UMASK: int | None = None


def new_file_mode() -> int:
    """The mode a plain `open()` would give a new file (0o666 less the umask)."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old file or the new one, never half.

    A symlink is followed: the file it points to is replaced, and the link stays a link.
    """
    path = Path(os.path.realpath(path))
    directory = path.parent
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = new_file_mode()
    fd, temp_name = tempfile.mkstemp(prefix=f"{_temp_prefix(path)}{os.getpid()}.", suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    fsync_dir(directory)


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (best effort: not every system can)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_prefix(path: Path) -> str:
    """`.<name>.`: with `<pid>.<random>.tmp` after it, a name of at most 255 bytes (a long
    file name is shortened, one per name: `paths.fit_name`)."""
    return f".{paths.fit_name(path.name, 200)}."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete the temporary files a killed roadmap-tui left beside `path` (and in its backups
    folder); return them.

    Our temp files are `.<name>.<pid>.<random>.tmp` (a backup's: `.<stem>.<time>.<reason>.toml.
    <pid>.<random>.tmp`): one is left over when its process is gone (one without a process id,
    when it is more than an hour old).
    """
    real = Path(os.path.realpath(path))
    removed: list[Path] = []
    entries: list[tuple[os.DirEntry[str], str]] = []
    backups = paths.backup_dir(real)
    places = {(real.parent, _temp_prefix(real)), (backups, f".{real.stem}."), (backups, f".{paths.backup_key(real)}.")}
    for folder, prefix in places:
        try:
            entries += [(entry, prefix) for entry in os.scandir(folder)]
        except OSError:
            continue
    for entry, prefix in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
            continue
        fields = name[len(prefix) : -len(TEMP_SUFFIX)].rsplit(".", 2)
        owner = fields[-2] if len(fields) > 1 else ""
        try:
            if owner.isascii() and owner.isdigit() and len(owner) < 10:
                if int(owner) == os.getpid() or _alive(int(owner)):
                    continue
            elif time.time() - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER:
                continue
            os.unlink(entry.path)
        except (OSError, OverflowError, ValueError):
            continue
        removed.append(Path(entry.path))
    return removed


@contextmanager
def folder_lock(path: Path, required: bool = True) -> Iterator[None]:
    """Hold an exclusive lock, shared with other roadmap-tui processes, on the file's folder.

    The lock is `flock` on the folder itself, so no lock file is left lying around. With
    `required` False (only reading), a folder that cannot be opened is no obstacle.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock between processes
        yield
        return
    try:
        fd = os.open(Path(os.path.realpath(path)).parent, os.O_RDONLY)
    except OSError:
        if required:
            raise
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
