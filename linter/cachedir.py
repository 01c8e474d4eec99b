"""Where xxgk-lint keeps what it can reuse between runs.

``$XXGK_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/xxgk-lint``, else
``~/.cache/xxgk-lint``. Everything in it can be deleted at any time.
Kept there: the grammars' LALR analysis, compiled regular expressions and
dataclass methods (linter.startup), the plugin entry points,
LibreOffice conversions."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator


def cache_dir() -> Path:
    configured = os.environ.get("XXGK_LINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xxgk-lint"


def cache_dirs() -> Iterator[Path]:
    """Where to read and write, in this order: the cache directory, then (for a
    read-only home) a directory of this user's under the temporary directory,
    made private first — what is read from a cache is trusted (pickles,
    compiled code), so a place others can write to is never used."""
    yield cache_dir()
    fallback = Path(os.environ.get("TMPDIR") or "/tmp") / f"xxgk-lint-{_user()}"
    if _private(fallback):
        yield fallback


def kept(name: str) -> Iterator[bytes]:
    """The file ``name`` as each place of :func:`cache_dirs` that has it keeps it, in order."""
    for directory in cache_dirs():
        try:
            yield (directory / name).read_bytes()
        except OSError:
            continue


def keep(name: str, data: bytes) -> Path | None:
    """Write ``data`` as ``name`` in the first place of :func:`cache_dirs` that
    takes it, atomically (a run beside this one reads the old file or the new,
    never half of one); that directory, or None when no place takes it."""
    for directory in cache_dirs():
        partial = directory / f".{name}.{os.getpid()}"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(data)
            os.replace(partial, directory / name)
            return directory
        except OSError:  # a read-only place: try the next one
            try:
                partial.unlink()
            except OSError:
                pass
    return None


def _user() -> str:
    return str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")


def _private(directory: Path) -> bool:
    """Make ``directory`` (mode 700) unless it exists; True when it is a directory
    of this user's that nobody else can write to."""
    try:
        directory.mkdir(mode=0o700, exist_ok=True)
        status = os.lstat(directory)
    except OSError:
        return False
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the temporary directory is the user's own
        return stat.S_ISDIR(status.st_mode)
    return stat.S_ISDIR(status.st_mode) and status.st_uid == os.getuid() and not status.st_mode & 0o022


def prune(directory: Path, pattern: str, keep: int = 4) -> None:
    """Delete all but the ``keep`` newest files matching ``pattern``: a grammar
    that changed or moved (an upgrade, another checkout) leaves its old
    analysis behind, and nothing else would ever remove it."""
    try:
        files = sorted(directory.glob(pattern), key=lambda file: file.stat().st_mtime_ns, reverse=True)
        for stale in files[keep:]:
            stale.unlink()
    except OSError:  # (another run pruning at the same time)
        pass
