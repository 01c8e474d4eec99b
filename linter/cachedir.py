"""Where xxgk-lint keeps what it can reuse between runs.

``$XXGK_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/xxgk-lint``, else
``~/.cache/xxgk-lint``. Everything in it can be deleted at any time.
Kept there: the grammars' LALR analysis, compiled regular expressions
(linter.sre_cache), the plugin entry points, LibreOffice conversions."""
from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    configured = os.environ.get("XXGK_LINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xxgk-lint"


def cache_dirs() -> tuple[Path, Path]:
    """The cache directory, then a place under the temporary directory for a
    read-only home (tried in this order for reading and writing)."""
    return cache_dir(), Path(os.environ.get("TMPDIR") or "/tmp") / "xxgk-lint"
