"""Where xxgk-lint keeps what it can reuse between runs: the grammars' LALR
analysis, the plugin entry points, LibreOffice conversions.

``$XXGK_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/xxgk-lint``, else
``~/.cache/xxgk-lint``. Everything in it can be deleted at any time."""
from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    configured = os.environ.get("XXGK_LINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xxgk-lint"
