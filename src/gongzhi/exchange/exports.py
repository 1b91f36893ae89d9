"""The data-quality notice (数据报送情况通报): drafted from the per-unit problems, one paragraph
per unit, shown on the quality page and written as a .docx in 公文 layout."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from gongzhi.core.exporters.docx import Heading, Paragraph, render_official_document
from gongzhi.core.files import temporary_directory
from gongzhi.core.periods import date_words
from gongzhi.exchange.selectors import UnitQuality
from gongzhi.org.models import Group

BASIS = "《周村区人民政府办公室关于加强税费协同共治工作的实施意见》（周政办字〔2023〕10号）"
DEFAULT_OFFICE = "周村区税费协同共治领导小组办公室"


@dataclass
class QualityNotice:
    """A notice as sections of paragraphs: what the page shows and the .docx prints."""

    title: str
    office: str
    opening: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, paragraphs)


def office_name() -> str:
    """The co-governance leading group's office (领导小组办公室), which issues the notice."""
    group = Group.objects.filter(name__contains="税费协同共治").order_by("pk").first()
    return f"{group.name}办公室" if group else DEFAULT_OFFICE


def _rate(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.1%}" if denominator else "—"


def quality_notice(
    *,
    units: list[UnitQuality],
    start: datetime.date,
    end: datetime.date,
    office: str | None = None,
    leads: dict | None = None,
) -> QualityNotice:
    """The notice of the window: the overall figures, the units that reported on time and
    correctly (commended), one paragraph per unit with problems, one per unit with leads past
    their verification deadline, and what they must do. ``leads``: unit -> its lines on the
    overdue leads of the window (``taxrisk.selectors.overdue_lead_lines``; the caller reads them,
    exchange does not know leads)."""
    office = office or office_name()
    leads = {unit: lines for unit, lines in (leads or {}).items() if lines}
    span = f"{date_words(start)}至{date_words(end)}"
    expected = sum(u.expected for u in units)
    on_time = sum(u.on_time for u in units)
    late = sum(len(u.late) for u in units)
    missing = sum(len(u.missing) for u in units)
    wrong = sum(len(u.rejected) for u in units)
    rejected_rows = sum(u.rejected_rows for u in units)
    findings = sum(len(u.findings) for u in units)
    overall = (
        f"本期各有关单位应报送数据{expected}期次，按时报送{on_time}期次，按时报送率{_rate(on_time, expected)}；"
        f"逾期报送{late}期次，逾期未报送{missing}期次；{wrong}次报送存在错误数据（共{rejected_rows}行未被接收）"
        + (f"，{findings}次报送存在完整性或登记匹配问题。" if findings else "。")
    )
    if leads:
        overall += f"{len(leads)}家单位有派发的疑点信息逾期未核实反馈。"
    good = [u.unit.name for u in units if u.expected and not u.problem_count and u.unit not in leads]
    bad = [u for u in units if u.problem_count]
    notice = QualityNotice(
        title=f"关于{span}涉税数据报送情况的通报",
        office=office,
        opening=(
            f"按照{BASIS}要求，{office}对{span}各有关单位涉税数据报送情况进行了统计。现将有关情况通报如下。"
        ),
    )
    notice.sections.append(("一、总体情况", [overall]))
    number = 2
    if good:
        notice.sections.append(
            (
                f"{_numeral(number)}、按时准确报送的单位",
                [f"{'、'.join(good)}按时、准确、完整报送了涉税数据，予以通报表扬。"],
            )
        )
        number += 1
    if bad:
        notice.sections.append(
            (
                f"{_numeral(number)}、报送不及时、不准确、不完整的单位",
                [f"{_bracketed(i)}{u.summary}" for i, u in enumerate(bad, start=1)],
            )
        )
        number += 1
    if leads:
        named = sorted(leads, key=lambda unit: (unit.sort_order, unit.name))
        notice.sections.append(
            (
                f"{_numeral(number)}、疑点信息逾期未核实反馈的单位",
                [
                    f"{_bracketed(i)}{unit.name}：{'；'.join(leads[unit])}。"
                    for i, unit in enumerate(named, start=1)
                ],
            )
        )
        number += 1
    if bad or leads:
        asks = []
        if bad:
            asks.append(
                "请上述单位高度重视，于通报印发之日起5个工作日内完成整改，按要求补报、更正相关数据，"
                f"并将整改情况报{office}。信息报送不及时、不准确、不完整影响工作开展的，"
                "纳入区直部门高质量发展绩效考核。"
            )
        if leads:
            asks.append(
                "疑点信息逾期未核实反馈的单位，要抓紧核实落实，及时反馈核实情况；"
                "疑点信息调查落实不力、造成税款流失的，纳入区直部门高质量发展绩效考核。"
            )
        notice.sections.append((f"{_numeral(number)}、整改要求", asks))
    return notice


_NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    return _NUMERALS[n - 1]


def _bracketed(n: int) -> str:
    if n <= 10:
        return f"（{_NUMERALS[n - 1]}）"
    tens, ones = divmod(n, 10)
    return f"（{'' if tens == 1 else _NUMERALS[tens - 1]}十{_NUMERALS[ones - 1] if ones else ''}）"


def quality_notice_docx(*, notice: QualityNotice, day: datetime.date) -> Path:
    """The notice as a .docx in 公文 layout, in a temporary folder of its own (the view sends and
    removes it)."""
    body: list = [Paragraph(notice.opening)]
    for heading, paragraphs in notice.sections:
        body.append(Heading(heading, 1))
        body += [Paragraph(text) for text in paragraphs]
    path = temporary_directory("export") / "数据报送情况通报.docx"
    return render_official_document(
        path,
        title=notice.title,
        body=body,
        recipients="各有关单位：",
        signature=notice.office,
        date=day,
        printed_by=notice.office,
        printed_on=day,
    )
