"""A bounded disk cache for rendered IIIF derivatives.

Entries are keyed by (image id, canonical request). Both parts are hashed, so nothing a client
sends ever becomes a path component: the layout is
``<root>/<image hash[:2]>/<image hash>/<request hash>``, which also lets
:meth:`DerivativeCache.invalidate` drop every derivative of one image when its master changes.

Writes go to a temporary file in the same directory and are moved into place with
``os.replace``, so concurrent readers (threads or processes) see either nothing or the whole
file. Reads refresh the file's modification time (at most once a minute), which is what the
eviction uses as "last used". Every ``check_every`` writes, or after writing a twentieth of the
budget, the cache totals its size and, when above ``max_bytes``, deletes least recently used
files until it is under ``low_water`` of the budget.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import threading
import time
from pathlib import Path

__all__ = ["DerivativeCache"]

_TMP_PREFIX = ".tmp-"
#: Temporary files older than this are leftovers of crashed writers.
_STALE_TMP_SECONDS = 3600


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class DerivativeCache:
    """Derivative bytes on disk under ``root``, bounded by ``max_bytes`` (``None``: unbounded)."""

    def __init__(
        self,
        root: Path | str,
        max_bytes: int | None = None,
        *,
        check_every: int = 200,
        low_water: float = 0.9,
        touch_interval: float = 60.0,
    ) -> None:
        if max_bytes is not None and max_bytes < 1:
            raise ValueError("max_bytes must be positive")
        if not 0 < low_water <= 1:
            raise ValueError("low_water must be in (0, 1]")
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.check_every = max(1, check_every)
        self.low_water = low_water
        self.touch_interval = touch_interval
        self._lock = threading.Lock()
        self._evict_lock = threading.Lock()
        self._puts = 0
        self._bytes_since_check = 0

    def __repr__(self) -> str:
        return f"DerivativeCache({str(self.root)!r}, max_bytes={self.max_bytes})"

    def _image_dir(self, image_id: str) -> Path:
        digest = _digest(str(image_id))
        return self.root / digest[:2] / digest

    def path_for(self, image_id: str, key: str) -> Path:
        """Where the entry for ``(image_id, key)`` lives (whether or not it exists)."""
        return self._image_dir(image_id) / _digest(key)

    def get(self, image_id: str, key: str) -> bytes | None:
        path = self.path_for(image_id, key)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
                mtime = os.fstat(fh.fileno()).st_mtime
        except (FileNotFoundError, NotADirectoryError):
            return None
        now = time.time()
        if now - mtime > self.touch_interval:
            # If it was evicted meanwhile, the bytes we read are still good.
            with contextlib.suppress(OSError):
                os.utime(path, (now, now))
        return data

    def put(self, image_id: str, key: str, data: bytes) -> Path:
        path = self.path_for(image_id, key)
        # A name no other writer picks (as mkstemp's), made without its retries and fstat.
        tmp = os.path.join(path.parent, f"{_TMP_PREFIX}{secrets.token_hex(8)}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(tmp, flags, 0o644)
        except FileNotFoundError:  # the image's first entry: make its directory
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, flags, 0o644)
        try:
            with os.fdopen(fd, "wb") as fh:
                os.fchmod(fh.fileno(), 0o644)  # whatever the umask: a front server may read it
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        if self.max_bytes is not None:
            with self._lock:
                self._puts += 1
                self._bytes_since_check += len(data)
                due = (
                    self._puts >= self.check_every
                    or self._bytes_since_check >= self.max_bytes // 20
                )
                if due:
                    self._puts = 0
                    self._bytes_since_check = 0
            if due:
                self.evict()
        return path

    def invalidate(self, image_id: str) -> int:
        """Delete every cached derivative of ``image_id``; returns how many files went."""
        directory = self._image_dir(image_id)
        removed = 0
        try:
            entries = list(os.scandir(directory))
        except FileNotFoundError:
            return 0
        for entry in entries:
            try:
                os.unlink(entry.path)
                removed += 1
            except FileNotFoundError:
                pass
        with contextlib.suppress(OSError):  # a concurrent writer may have added a file
            directory.rmdir()
        return removed

    def _files(self) -> list[tuple[float, int, str]]:
        """(mtime, size, path) of every entry; removes stale temporary files on the way."""
        found: list[tuple[float, int, str]] = []
        now = time.time()
        for dirpath, _dirnames, filenames in os.walk(self.root):
            for filename in filenames:
                full = os.path.join(dirpath, filename)
                try:
                    stat = os.stat(full)
                except FileNotFoundError:
                    continue
                if filename.startswith(_TMP_PREFIX):
                    if now - stat.st_mtime > _STALE_TMP_SECONDS:
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(full)
                    continue
                found.append((stat.st_mtime, stat.st_size, full))
        return found

    def total_bytes(self) -> int:
        return sum(size for _mtime, size, _path in self._files())

    def evict(self, target_bytes: int | None = None) -> int:
        """Delete least recently used entries until the total is at most ``target_bytes``.

        Without a target, does nothing unless the cache is above ``max_bytes``, and then goes
        down to ``low_water × max_bytes``. Returns the number of files deleted.
        """
        if target_bytes is None and self.max_bytes is None:
            return 0
        if not self._evict_lock.acquire(blocking=False):
            return 0  # another thread is already at it
        try:
            files = self._files()
            total = sum(size for _mtime, size, _path in files)
            if target_bytes is None:
                budget = self.max_bytes or 0
                if total <= budget:
                    return 0
                target_bytes = int(budget * self.low_water)
            removed = 0
            for _mtime, size, path in sorted(files):
                if total <= target_bytes:
                    break
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    pass
                else:
                    removed += 1
                total -= size
            return removed
        finally:
            self._evict_lock.release()
