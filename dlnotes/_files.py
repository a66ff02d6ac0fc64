"""Writing a cache file so that no reader ever sees part of one.

Both caches (rendered figures, rendered formulas) are read by whatever build runs next,
possibly at the same moment as this one writes. Standard library only, so every layer
of the package may use it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

if sys.platform != "win32":
    import fcntl


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` whole or not at all, and say whether it was written.

    The bytes go to a temporary file beside ``path`` (a name of its own for each call, so
    threads and processes never share one), which is then renamed over ``path``: a reader
    sees the old file or the new one, never part of one, and a failed write leaves neither
    a partial file nor the temporary one behind.

    Only for writes that are optional, as a cache's are: an ``OSError`` (a read-only or
    full disk, a folder that cannot be made) is swallowed and the result is ``False``, since
    a cache that cannot be written costs time, not correctness. A file that must be written
    should not use this function.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_cache_file(folder / "a" / "key.html", b"<b>x</b>")
    True
    >>> (folder / "a" / "key.html").read_bytes()
    b'<b>x</b>'
    >>> write_cache_file(folder / "a" / "key.html" / "below-a-file", b"")
    False
    """
    # Not tempfile.mkstemp: its files are private (0o600), and a cache file gets the usual umask.
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "xb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True


@contextlib.contextmanager
def cache_lock(folder: Path) -> Iterator[bool]:
    """Hold a cache folder's lock while one process makes a file for it; yield whether it is held.

    Two builds started together (``make serve`` beside ``make test``, or a test's build beside the
    figures' command line) would each make every file the cache lacks. Under the lock, a process
    that looks for a file again after waiting finds what the other made. The lock is an advisory
    ``flock`` on ``folder/.lock``, let go when the block ends or the process dies.

    Where there is no ``flock`` (Windows) or the folder cannot be written, nothing is locked and
    the result is ``False``: both processes make the file, which costs time, not correctness.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with cache_lock(folder / "figures") as held:
    ...     held
    True
    >>> sorted(path.name for path in (folder / "figures").iterdir())
    ['.lock']
    """
    if sys.platform == "win32":
        yield False
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / ".lock", "ab")  # noqa: SIM115  # held for the block, closed below
    except OSError:
        yield False
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
