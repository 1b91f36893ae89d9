"""The notice (通报) of an approved run: its draft text from the scores, the period's late /
missing / inaccurate data and overdue leads, and the .docx in 公文 layout."""

import datetime
from pathlib import Path

from django.utils import timezone

from gongzhi.assessment.measures import Context, quality
from gongzhi.assessment.models import Notice, ScoreRun
from gongzhi.assessment.schemes import parse_assessment_period
from gongzhi.core import clock
from gongzhi.core.exporters.docx import Heading, Paragraph, Table, render_official_document
from gongzhi.core.files import temporary_directory

COMMEND_MIN = 95  # units at or above this score (and not vetoed) are commended


def points_words(value) -> str:
    """Decimal("96.50") -> "96.5", Decimal("100.00") -> "100"."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def issuer_of(run: ScoreRun) -> str:
    """The office that issues the notice: the plan's office unit, else the leading group's office."""
    from gongzhi.plans.models import PolicyDocument

    number = (run.version.scheme.applies_to or {}).get("plan")
    plan = (
        PolicyDocument.objects.filter(doc_number=number).select_related("office_unit").first()
        if number
        else None
    )
    if plan is not None and plan.office_unit is not None:
        return plan.office_unit.name
    return "领导小组办公室"


def _overdue_leads(run: ScoreRun, units: list) -> dict:
    """Unit -> the notice lines on its overdue leads, as they stood on the run's as-of day (the
    selector the lead measure reads)."""
    from gongzhi.taxrisk.selectors import overdue_lead_lines, overdue_leads

    period = parse_assessment_period(run.period)
    return overdue_lead_lines(
        overdue_leads(units=units, start=period.start, end=min(period.end, run.as_of), as_of=run.as_of)
    )


def draft_text(run: ScoreRun) -> tuple[str, str, list[str], list[str]]:
    """(title, body, commended unit names, criticised unit names). The body is plain text, one
    paragraph a line; headings start with 一、二、三、."""
    scheme = run.version.scheme
    period = parse_assessment_period(run.period)
    scores = list(
        run.scores.select_related("unit").prefetch_related("items__evidence").order_by("rank", "unit__name")
    )
    units = [s.unit for s in scores]
    title = f"关于{period.label}{scheme.name}结果的通报"
    commended = [s.unit.name for s in scores if s.score >= COMMEND_MIN and not s.vetoed]
    lines = [
        f"根据{scheme.name}办法（第{run.version.version}版），对{len(scores)}家单位{period.label}工作情况进行了考核，"
        f"考核结果已经征求各单位意见并审定。现将有关情况通报如下。",
        "一、考核结果",
    ]
    lines += [
        f"{s.rank}. {s.unit.name}：{points_words(s.score)}分" + ("（一票否决）" if s.vetoed else "")
        for s in scores
    ]
    problems: dict[str, list[str]] = {}
    if (scheme.applies_to or {}).get("providers"):
        ctx = Context(scheme=scheme, period=period, as_of=run.as_of, units=units)
        for q in quality(ctx).values():
            if q.summary:
                problems.setdefault(q.unit.name, []).append(
                    q.summary.removeprefix(f"{q.unit.name}：").rstrip("。")
                )
    for unit, leads in _overdue_leads(run, units).items():
        problems.setdefault(unit.name, []).extend(leads)
    for s in scores:  # plan tasks, orders, deductions and vetoes of the units not commended
        if s.unit.name in commended:
            continue
        for item in s.items.all():
            if item.kind not in TASK_KINDS:
                continue
            count = len(item.evidence.all())
            if item.kind == "veto" and count:
                problems.setdefault(s.unit.name, []).append("一票否决")
            elif item.points < item.max_points and count:
                lost = points_words(item.max_points - item.points)
                problems.setdefault(s.unit.name, []).append(f"{item.name}{count}项问题，扣{lost}分")
    if commended:
        lines.append("二、表扬单位")
        lines.append(
            f"{'、'.join(commended)}等{len(commended)}家单位工作扎实、成效明显，考核得分在{COMMEND_MIN}分以上，予以通报表扬。"
        )
    lines.append(("三、" if commended else "二、") + "存在的问题")
    if problems:
        if (scheme.applies_to or {}).get("providers"):
            lines.append(
                "对信息报送不及时、不准确、不完整影响工作开展，或疑点信息调查落实不力的单位，予以通报："
            )
        else:
            lines.append("对任务进展报送不及时、任务推进滞后或督办事项办理不力的单位，予以通报：")
        lines += [f"{name}：{'；'.join(items)}。" for name, items in problems.items()]
    else:
        lines.append("本期考核未发现需要通报的问题。")
    lines.append(("四、" if commended else "三、") + "工作要求")
    if (scheme.applies_to or {}).get("providers"):
        lines.append(
            "各单位要对照通报问题认真整改，按时、准确、完整报送涉税信息，及时核实反馈疑点信息，"
            f"整改情况于15个工作日内报{issuer_of(run)}。"
        )
    else:
        lines.append(
            f"各牵头单位要对照通报问题认真整改，按时报送任务进展，推动滞后任务和指标达到目标，整改情况于15个工作日内报{issuer_of(run)}。"
        )
    return title, "\n".join(lines), commended, sorted(problems)


TASK_KINDS = ("task_reports", "task_warnings", "orders", "deductions", "veto")
HEADING_PREFIXES = ("一、", "二、", "三、", "四、", "五、")


def notice_docx(notice: Notice, *, issuer: str | None = None, day: datetime.date | None = None) -> Path:
    """The notice as a 公文 (.docx): the result table, then the edited text."""
    run = notice.run
    day = day or (timezone.localdate(notice.approved_at) if notice.approved_at else clock.today())
    scores = list(run.scores.select_related("unit").order_by("rank", "unit__name"))
    body = []
    for line in notice.body.splitlines():
        line = line.strip()
        if not line or (line[:1].isdigit() and ". " in line[:5]):
            continue  # the ranking lines become the table
        if line.startswith(HEADING_PREFIXES):
            body.append(Heading(line, level=1))
            if line.endswith("考核结果"):
                body.append(
                    Table(
                        columns=["名次", "单位", "得分"],
                        rows=[
                            [
                                str(s.rank),
                                s.unit.name,
                                points_words(s.score) + ("（否决）" if s.vetoed else ""),
                            ]
                            for s in scores
                        ],
                        widths_mm=[20, 100, 36],
                    )
                )
        else:
            body.append(Paragraph(line))
    folder = temporary_directory("assessment-notice")
    office = issuer or issuer_of(run)
    return render_official_document(
        folder / f"{notice.title}.docx",
        title=notice.title,
        body=body,
        recipients="各成员单位",
        signature=office,
        date=day,
        printed_by=office,
        printed_on=day,
    )
