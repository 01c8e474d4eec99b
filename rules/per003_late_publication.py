from __future__ import annotations

from datetime import date
from typing import Any, Iterator

from linter import compliance as C
from linter.ast import Report, Span
from linter.diagnostics import Diagnostic
from linter.meta import agency_level
from linter.rule import Rule

#: Statutory and scheduled dates (month, day) in the year after the report year.
DEFAULTS: dict[str, tuple[int, int]] = {
    "department": (1, 31),
    "government": (3, 31),
    "county-summary": (2, 20),
    "prefecture-summary": (3, 10),
    "era-2007": (3, 31),
}
_KINDS = ("department", "government")
_LEVELS = ("county", "prefecture", "province")
_KIND_NAMES = {"department": "政府部门", "government": "人民政府"}
_LEVEL_NAMES = {"county": "县级", "prefecture": "设区的市级", "province": "省级"}


class LatePublication(Rule):
    """## What it does
    Reports a report published after its deadline, or dated within the report
    year itself. The publication date is the page's `发布日期`/`发布时间`
    (a sign-off date at the end of the text is a document date, not proof of
    publication); without one nothing is reported (the JSON record shows
    `published: null`). The message says which deadline applied and why.

    Deadlines, in the year after the report year Y:

    | report year | who | deadline | severity |
    |---|---|---|---|
    | ≤ 2018 | every 行政机关 | 3月31日 (2007 条例 第三十一条) | error |
    | ≥ 2019 | 县级以上人民政府部门 | 1月31日 (条例 第四十九条) | error |
    | ≥ 2019 | a people's government's own report | 3月31日 (条例 第四十九条) | error |
    | ≥ 2019 | county / prefecture government | 2月20日 / 3月10日 (the schedule for summary reports in 国办公开办函〔2019〕60号, 〔2021〕30号) | warning |

    The law that applies is the one of the report year (a 2022 report on the
    wrong template still has the 2019 条例's deadlines). The agency kind is read
    from its name: `…人民政府`, a place name alone (`平潭综合实验区`) or a zone's
    `管委会` is a government; `…局/委/办/厅/中心…` is a department. The level
    (for the summary schedule) is read from the place: `…县/区` county,
    `…市/州/盟` prefecture (a county-level 市 is thus held to the later date),
    `…省` province; development zones have no level. An agency of unknown kind
    is held to the latest statutory date, 3月31日.

    ## Configuration
    The `deadlines` table of the configuration (given to the rule as
    `options["deadlines"]`) overrides the defaults:

    ```toml
    [deadlines]
    agency-kind = "department"      # or "government": overrides the name
    agency-level = "county"         # or "prefecture" / "province"
    department = "01-31"            # month-day in year Y+1
    government = "03-31"
    county-summary = "02-20"
    prefecture-summary = "03-10"
    era-2007 = "03-31"
    ```

    Dates are written `MM-DD` (`1-31`, `1月31日` and `1/31` are read too). An
    invalid value is ignored in favour of the default, and the finding's data
    lists it under `ignored_options`.

    ## Why is this bad?
    Publication on time is a statutory duty (条例 第四十九条; 2007 条例
    第三十一条), and the notices list "不按时发布" among the faults to be
    corrected; evaluators deduct points for it. A date inside the report year
    means the report was published before the year it reports on had ended,
    or that the date is wrong.

    ## Example
    Fails (error): a 市科技局 2021 report with `发布日期:2022-02-15`
    (departments publish by 2022年1月31日).

    Passes: the same report with `发布日期:2022-01-20`.
    """

    code = "PER003"
    name = "late-publication"
    severity = "error"
    summary = "报告发布日期晚于法定期限或早于报告年度结束"
    documentation_zh = """## 检查内容
    检出发布晚于期限、或发布日期落在报告年度之内的报告。发布日期以页面上的 `发布日期`/`发布时间` 为准（正文末尾的落款日期是成文日期，不能证明发布时间）；没有发布日期时不作报告（JSON 记录显示 `published: null`）。提示信息会说明适用了哪一期限及其理由。

    期限（报告年度为 Y，期限均在 Y 的次年）：

    | 报告年度 | 主体 | 期限 | 级别 |
    |---|---|---|---|
    | ≤ 2018 | 所有行政机关 | 3月31日（2007年条例第三十一条） | 错误 |
    | ≥ 2019 | 县级以上人民政府部门 | 1月31日（条例第四十九条） | 错误 |
    | ≥ 2019 | 人民政府本级的年度报告 | 3月31日（条例第四十九条） | 错误 |
    | ≥ 2019 | 县级 / 地市级人民政府 | 2月20日 / 3月10日（国办公开办函〔2019〕60号、〔2021〕30号中汇总报告的报送时间安排） | 警告 |

    适用的法律以报告年度为准（使用了错误模板的2022年报告，仍适用2019年条例规定的期限）。机关类别根据其名称判断：`…人民政府`、单独的地名（`平潭综合实验区`）或某一区域的 `管委会` 视为人民政府；`…局/委/办/厅/中心…` 视为部门。层级（用于汇总报告的时间安排）根据地名判断：`…县/区` 为县级，`…市/州/盟` 为地市级（因此县级市也按较晚的日期要求），`…省` 为省级；开发区不设层级。类别无法判断的机关，按最晚的法定日期3月31日要求。

    ## 配置
    配置中的 `deadlines` 表（以 `options["deadlines"]` 传给本规则）可以覆盖默认值：

    ```toml
    [deadlines]
    agency-kind = "department"      # 或 "government"：优先于按名称判断的结果
    agency-level = "county"         # 或 "prefecture" / "province"
    department = "01-31"            # Y+1 年的月-日
    government = "03-31"
    county-summary = "02-20"
    prefecture-summary = "03-10"
    era-2007 = "03-31"
    ```

    日期写作 `MM-DD`（也能识别 `1-31`、`1月31日` 和 `1/31`）。无效的值将被忽略，改用默认值，并在检查结果的数据中列于 `ignored_options` 之下。

    ## 为什么要检查
    按时发布是法定义务（条例第四十九条；2007年条例第三十一条），相关通知将"不按时发布"列为需要纠正的问题，评估时也会因此扣分。发布日期落在报告年度之内，说明报告在其所报告的年度结束之前就已发布，或者日期有误。

    ## 示例
    不通过（错误）：某市科技局的2021年报告，`发布日期:2022-02-15`（部门应于2022年1月31日前发布）。

    通过：同一报告，`发布日期:2022-01-20`。
    """

    @classmethod
    def option_problems(cls, options) -> list[str]:
        """The ``deadlines`` table too: an unknown key or a value that is not a date or a choice."""
        _, ignored = _settings(options.get("deadlines"))
        return super().option_problems(options) + [
            f"deadlines.{key} 无法使用（可用：agency-kind = {'/'.join(_KINDS)}，agency-level = "
            f"{'/'.join(_LEVELS)}，以及 {'、'.join(k for k in DEFAULTS if k not in ('agency-kind', 'agency-level'))} "
            "等日期，写作“3-31”）" for key in ignored]

    def check(self, report: Report) -> Iterator[Diagnostic]:
        meta = report.meta
        year = C.report_year(report)
        if report.era_source is None or meta.published is None or year is None:
            return
        try:
            published = date.fromisoformat(meta.published)
        except ValueError:
            return
        span = meta.published_span or C.document_start(report)
        settings, ignored = _settings(self.options.get("deadlines"))
        extra: dict[str, Any] = {"ignored_options": ignored} if ignored else {}
        shown = C.chinese_date(published)
        if published.year <= year:
            yield self.finding(
                f"发布日期{shown}在报告年度{year}年结束之前，年度报告应在{year + 1}年发布，请核对发布日期",
                span, "发布日期", meta.published, kind="early", published=meta.published, report_year=year,
                **extra,
            )
            return
        agency = meta.agency
        era = C.law_era(report)
        if era == "2007":
            deadline = C.deadline_date(year + 1, settings["era-2007"])
            who, basis = "各行政机关", _basis(settings, "era-2007", "《政府信息公开条例》（2007年）第三十一条")
            if published > deadline:
                yield self._late(span, shown, deadline, who, basis, meta.published, year, "era-2007", None, extra)
            return
        kind = settings.get("agency-kind") or meta.agency_kind
        inferred = "agency-kind" not in settings
        if kind == "department":
            deadline = C.deadline_date(year + 1, settings["department"])
            who = f"政府部门（{agency}）" if agency and inferred else "政府部门"
            basis = _basis(settings, "department", "《政府信息公开条例》第四十九条")
        else:
            deadline = C.deadline_date(year + 1, settings["government"])
            if kind == "government":
                who = f"人民政府（{agency}）" if agency and inferred else "人民政府"
            else:
                who = "未能从名称判断机关类型的机关（按最晚的法定期限；可在配置 deadlines.agency-kind 中指定）"
            basis = _basis(settings, "government", "《政府信息公开条例》第四十九条")
        if published > deadline:
            yield self._late(span, shown, deadline, who, basis, meta.published, year, kind or "unknown", None, extra)
            return
        if kind != "government":
            return
        level = settings.get("agency-level") or agency_level(agency)
        key = {"county": "county-summary", "prefecture": "prefecture-summary"}.get(level or "")
        if key is None:
            return
        scheduled = C.deadline_date(year + 1, settings[key])
        if published > scheduled:
            finding = self._late(
                span, shown, scheduled, f"{_LEVEL_NAMES[level]}人民政府",
                _basis(settings, key, "国办公开办函〔2019〕60号、〔2021〕30号的报送时间安排"),
                meta.published, year, kind, level, extra,
            )
            finding.severity = "warning"
            yield finding

    def _late(self, span: Span, shown: str, deadline: date, who: str, basis: str, published: str, year: int,
              kind: str, level: str | None, extra: dict[str, Any]) -> Diagnostic:
        days = (date.fromisoformat(published) - deadline).days
        return self.finding(
            f"发布日期{shown}晚于{who}年度报告的发布期限{C.chinese_date(deadline)}（{basis}），逾期 {days} 天",
            span, "发布日期", published, kind="late", published=published, deadline=deadline.isoformat(),
            agency_kind=kind, agency_level=level, report_year=year, days_late=days, **extra,
        )


def _basis(settings: dict[str, Any], key: str, statute: str) -> str:
    """Where the applied date comes from: the law, or the configuration that replaced it."""
    return f"配置项 deadlines.{key}" if key in settings["overridden"] else statute


def _settings(options: object) -> tuple[dict[str, Any], list[str]]:
    """Defaults overlaid with the valid entries of the ``deadlines`` table."""
    settings: dict[str, Any] = dict(DEFAULTS)
    settings["overridden"] = set()
    ignored: list[str] = []
    if not isinstance(options, dict):
        return settings, ignored
    for key, value in options.items():
        if key == "agency-kind":
            if value in _KINDS:
                settings[key] = value
            else:
                ignored.append(key)
        elif key == "agency-level":
            if value in _LEVELS:
                settings[key] = value
            else:
                ignored.append(key)
        elif key in DEFAULTS:
            parsed = C.parse_month_day(value)
            if parsed is None:
                ignored.append(key)
            else:
                settings[key] = parsed
                settings["overridden"].add(key)
        else:
            ignored.append(str(key))
    return settings, ignored
