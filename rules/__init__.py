"""Built-in rules, one module per rule (yamllint style)."""
from __future__ import annotations

from .prs001_unreadable_input import UnreadableInput
from .prs002_not_a_report import NotAnAnnualReport
from .prs003_syntax_error import SyntaxTrouble
from .tpl001_wrong_template import WrongTemplate
from .tpl002_missing_table import MissingTable
from .tpl003_missing_row import MissingRow
from .tpl004_row_cell_count import RowCellCount
from .tpl005_label_variant import LabelVariant
from .tpl006_run_together_cells import RunTogetherCells

RULES = (
    UnreadableInput,
    NotAnAnnualReport,
    SyntaxTrouble,
    WrongTemplate,
    MissingTable,
    MissingRow,
    RowCellCount,
    LabelVariant,
    RunTogetherCells,
)
