"""File operations the store trusts: every byte written or none, owner-only
permissions whatever the umask, and symbolic links never followed."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from pathlib import Path

from plans.store.base import CorruptDocumentError, StoreUnavailableError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


class UnsafePathError(CorruptDocumentError):
    """Something under the data folder is a symbolic link or not what it should be."""


class WriteFailedError(StoreUnavailableError):
    """A write did not complete (disk full, file-size limit, I/O error); nothing was kept."""


def refuse_link(path: Path, *, want_dir: bool | None = None) -> bool:
    """True when ``path`` exists. Raises UnsafePathError for a symbolic link (which the
    store never follows) or, with ``want_dir``, for the wrong kind of entry."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePathError(f"{path} is a symbolic link; the store never follows links")
    if want_dir is True and not stat.S_ISDIR(info.st_mode):
        raise UnsafePathError(f"{path} is not a folder")
    if want_dir is False and not stat.S_ISREG(info.st_mode):
        raise UnsafePathError(f"{path} is not a regular file")
    return True


def private_dir(path: Path) -> None:
    """Create ``path`` owner-only (0700, whatever the umask) unless it exists; never
    through a symbolic link."""
    if refuse_link(path, want_dir=True):
        return
    try:
        os.mkdir(path, PRIVATE_DIR)
    except FileExistsError:
        refuse_link(path, want_dir=True)
        return
    os.chmod(path, PRIVATE_DIR, follow_symlinks=False)


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` may write fewer bytes than asked (a nearly full disk, a file-size
    limit): keep writing until every byte is out or the system says why not."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "write made no progress")
        view = view[written:]


def _describe(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def write_new_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file (0600) and make sure it is complete: every byte
    written, fsynced, its size and checksum read back. On any failure the file is
    removed and WriteFailedError raised, so a short file is never left to be linked."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
    except OSError as exc:
        raise WriteFailedError(f"could not create {path.name}: {_describe(exc)}") from exc
    try:
        os.fchmod(fd, PRIVATE_FILE)
        write_all(fd, data)
        os.fsync(fd)
        if os.fstat(fd).st_size != len(data):
            raise OSError(errno.EIO, "size on disk differs from what was written")
        if _checksum_of(path) != hashlib.sha256(data).digest():
            raise OSError(errno.EIO, "content on disk differs from what was written")
    except OSError as exc:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise WriteFailedError(f"could not write {path.name}: {_describe(exc)}") from exc
    os.close(fd)


def _checksum_of(path: Path) -> bytes:
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        while chunk := os.read(fd, 1 << 16):
            digest.update(chunk)
    finally:
        os.close(fd)
    return digest.digest()


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, never through a symbolic link, never more than
    ``max_bytes`` (a bigger file is treated as hostile)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePathError(
                f"{path} is a symbolic link; the store never follows links"
            ) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CorruptDocumentError(f"{path} is not a regular file")
        if info.st_size > max_bytes:
            raise CorruptDocumentError(f"{path} is larger than {max_bytes} bytes")
        chunks = []
        remaining = max_bytes + 1
        while remaining > 0 and (chunk := os.read(fd, min(remaining, 1 << 20))):
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise CorruptDocumentError(f"{path} is larger than {max_bytes} bytes")
        return data
    finally:
        os.close(fd)


def write_private_output(path: Path, data: bytes) -> None:
    """Write an export (personal data) owner-only: complete in a temporary file next
    to it, then renamed over ``path`` in one step, so a reader never sees half."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    write_new_private_file(tmp, data)
    try:
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
