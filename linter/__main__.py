"""``python -m linter``: the same as the ``xxgk-lint`` command."""
from linter.cli import run

run()
