"""Built-in rules, one module per rule (yamllint style).

This package is itself a plugin: ``pyproject.toml`` registers it in the
``xxgk_lint`` entry-point group, exactly as a third-party rule package would be.
"""
from __future__ import annotations

from linter.hookspecs import hookimpl

from .prs001_unreadable_input import UnreadableInput
from .prs002_not_a_report import NotAnAnnualReport
from .prs003_syntax_error import SyntaxTrouble
from .prs004_table_not_read import TableNotRead
from .prs005_check_limit import CheckLimitExceeded
from .tpl001_wrong_template import WrongTemplate
from .tpl002_missing_table import MissingTable
from .tpl003_missing_row import MissingRow
from .tpl004_row_cell_count import RowCellCount
from .tpl005_label_variant import LabelVariant
from .tpl006_run_together_cells import RunTogetherCells
from .tpl007_row_in_other_era_shape import RowInOtherEraShape
from .ari001_table3_row_sum import Table3RowSum
from .ari002_table3_balance import Table3Balance
from .ari003_table3_results import Table3Results
from .ari004_table4_sum import Table4Sum
from .ari005_statistics_table import StatisticsTableSums
from .ari006_blank_cell import BlankCell
from .ari007_count_not_integer import CountNotInteger
from .ari008_implausible_values import ImplausibleValues
from .txt001_narrative_number import NarrativeNumber
from .txt002_narrative_contradiction import NarrativeContradiction
from .txt003_narrative_twice import NarrativeStatedTwice
from .txt004_narrative_parts_sum import NarrativePartsSum
from .txt005_narrative_share import NarrativeShare
from .sec001_missing_section import MissingSection
from .sec002_section_order import SectionOrder
from .sec003_heading_variant import HeadingVariant
from .sec004_perfunctory_part5 import PerfunctoryPart5
from .sec005_long_overview import LongOverview
from .sec006_part_heading_missing import PartHeadingMissing
from .per001_missing_period import MissingPeriod
from .per002_wrong_period import WrongPeriod
from .per003_late_publication import LatePublication
from .per004_incomplete_title import IncompleteTitle
from .per005_stale_year import StaleYear
from .fee001_missing_fee_statement import MissingFeeStatement
from .fee002_fee_notice_link import FeeNoticeLink
from .crs001_carry_over_mismatch import CarryOverMismatch
from .crs002_stock_roll_forward import StockRollForward
from .crs003_cumulative_break import CumulativeBreak
from .crs004_copied_text import CopiedText
from .crs005_identical_tables import IdenticalTables
from .crs006_summary_vs_departments import SummaryVsDepartments
from .crs007_report_for_other_year import WrongYear
from .crs008_duplicate_report import DuplicateReport
from .crs009_unit_not_on_roster import UnlistedUnit
from .crs010_unit_not_identified import NoUnit

RULES = (
    UnreadableInput,
    NotAnAnnualReport,
    SyntaxTrouble,
    TableNotRead,
    CheckLimitExceeded,
    WrongTemplate,
    MissingTable,
    MissingRow,
    RowCellCount,
    LabelVariant,
    RunTogetherCells,
    RowInOtherEraShape,
    Table3RowSum,
    Table3Balance,
    Table3Results,
    Table4Sum,
    StatisticsTableSums,
    BlankCell,
    CountNotInteger,
    ImplausibleValues,
    NarrativeNumber,
    NarrativeContradiction,
    NarrativeStatedTwice,
    NarrativePartsSum,
    NarrativeShare,
    MissingSection,
    SectionOrder,
    HeadingVariant,
    PerfunctoryPart5,
    LongOverview,
    PartHeadingMissing,
    MissingPeriod,
    WrongPeriod,
    LatePublication,
    IncompleteTitle,
    StaleYear,
    MissingFeeStatement,
    FeeNoticeLink,
    CarryOverMismatch,
    StockRollForward,
    CumulativeBreak,
    CopiedText,
    IdenticalTables,
    SummaryVsDepartments,
    WrongYear,
    DuplicateReport,
    UnlistedUnit,
    NoUnit,
)


@hookimpl
def xxgk_lint_rules() -> list[type]:
    return list(RULES)
