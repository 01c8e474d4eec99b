"""xxgk-lint: a rules linter for 政府信息公开工作年度报告."""
import os as _os

__version__ = "0.1.0"

# Installed, the top-level rules/ and grammars/ folders are this package's
# subpackages linter.rules and linter.grammars (pyproject: package-dir). Run from
# a source checkout (`python -m pytest`, `python -m linter`), they sit beside
# it: let the same names resolve there.
_here = _os.path.dirname(_os.path.abspath(__file__))
_root = _os.path.dirname(_here)
if not _os.path.isdir(_os.path.join(_here, "rules")) and _os.path.isfile(_os.path.join(_root, "rules", "__init__.py")):
    __path__.append(_root)  # type: ignore[name-defined]  # noqa: F821
