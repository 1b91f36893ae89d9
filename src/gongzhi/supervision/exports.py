"""Official documents of supervision: selector -> rows -> renderer (core.exporters)."""

import datetime
from pathlib import Path

from django.utils import timezone

from gongzhi.core import clock
from gongzhi.core.exporters.docx import Heading, Paragraph, Table, render_official_document
from gongzhi.core.files import temporary_directory
from gongzhi.core.labels import describe_target
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import monitoring
from gongzhi.supervision.choices import ReportState
from gongzhi.supervision.models import ReportingRound, SupervisionOrder

LEVEL_ZH = {"green": "正常", "yellow": "预警", "red": "严重", "grey": "无法判断"}
PROJECTION_HORIZON_YEARS = 20  # a projected year further past the deadline than this is 不可预计


def _title(task) -> str:
    """The task's full title for documents: never the screen's shortened "…" form."""
    return task.full_title


def _projected_year(indicator, year: int | None):
    """预计达标年份, or 不可预计 when the trend reaches the target only in a far future (2115)."""
    if year is None:
        return None
    deadline = indicator.deadline.year if indicator.deadline else clock.today().year
    return year if year <= deadline + PROJECTION_HORIZON_YEARS else "不可预计"


def _doc_number(office: str, day: datetime.date, round_: ReportingRound, series: str = "") -> str:
    """发文字号 of a round's document: the office, the year and the round's place in that year."""
    seq = ReportingRound.objects.filter(
        plan=round_.plan, period_end__year=round_.period_end.year, period_end__lte=round_.period_end
    ).count()
    return f"{office}{series}〔{day.year}〕{seq}号"


def _lead_units(plan) -> str:
    names = (
        plan.nodes.tasks()
        .current()
        .filter(responsibilities__role="lead")
        .values_list("responsibilities__unit__name", flat=True)
        .distinct()
    )
    return "，".join(sorted(set(names)))


def _out(name: str) -> Path:
    """Where one export is written: a folder of its own, removed once it is sent (views._export)."""
    return temporary_directory("export") / name


def _units(task, role: str) -> str:
    return "、".join(r.unit.name for r in task.responsibilities.all() if r.role == role)


def _targets(task) -> str:
    return "；".join(
        f"{t.indicator}{describe_target(t)}" + (f"（{t.deadline_year}年）" if t.deadline_year else "")
        for t in task.targets.all()
    )


def ledger_xlsx(*, plan: PolicyDocument, as_of: datetime.date | None = None) -> Path:
    """任务台账：每项任务一行，含分工、目标、最新进展和预警。"""
    from gongzhi.core.exporters.xlsx import Column, Sheet, write_table_workbook

    states = monitoring.plan_status(plan=plan, as_of=as_of)
    tasks = {
        t.pk: t for t in plan.nodes.tasks().current().prefetch_related("responsibilities__unit", "targets")
    }
    rows = []
    for position, s in enumerate(states, start=1):
        task = tasks[s.task.pk]
        rows.append(
            [
                position,
                " / ".join(task.path),
                task.number,
                _title(task),
                _units(task, "lead"),
                _units(task, "responsible") or _units(task, "cooperating"),
                _targets(task),
                s.status_label,
                (s.percent or 0) / 100 if s.percent is not None else None,
                LEVEL_ZH[s.assessment.level],
                s.assessment.reason,
            ]
        )
    columns = [
        Column("序号", 6, "number"),
        Column("所属领域与行动", 30, "text"),
        Column("编号", 8, "text"),
        Column("任务", 36, "text"),
        Column("牵头单位", 24, "text"),
        Column("责任（配合）单位", 24, "text"),
        Column("目标", 40, "text"),
        Column("进展", 10, "text"),
        Column("完成比例", 10, "percent"),
        Column("预警", 10, "text"),
        Column("原因", 60, "text"),
    ]
    day = as_of or clock.today()
    sheet = Sheet(
        title="任务台账",
        columns=columns,
        rows=rows,
        title_row=f"{plan.title}任务台账（截至{day.year}年{day.month}月{day.day}日）",
        notes=[f"文号：{plan.doc_number}", "预警等级按系统监测规则自动判断。"],
    )
    return write_table_workbook(_out("任务台账.xlsx"), sheets=[sheet])


def indicators_xlsx(*, plan: PolicyDocument, as_of: datetime.date | None = None) -> Path:
    from gongzhi.core.exporters.xlsx import Column, Sheet, write_table_workbook

    rows = []
    for s in monitoring.plan_status(plan=plan, as_of=as_of):
        for i in s.indicators:
            a = i.assessment
            rows.append(
                [
                    s.task.number,
                    i.indicator.name,
                    i.indicator.get_kind_display(),
                    describe_target(i.indicator),
                    i.indicator.deadline,
                    i.indicator.reporting_unit.name,
                    float(i.indicator.baseline_value) if i.indicator.baseline_value is not None else None,
                    a.latest if a else None,
                    a.expected_now if a else None,
                    a.projected if a else None,
                    _projected_year(i.indicator, a.projected_year) if a else None,
                    LEVEL_ZH[i.level],
                    i.reason,
                ]
            )
    columns = [
        Column("任务", 8, "text"),
        Column("指标", 36, "text"),
        Column("类型", 12, "text"),
        Column("目标", 18, "text"),
        Column("期限", 14, "date"),
        Column("报送单位", 20, "text"),
        Column("基线值", 10, "number"),
        Column("最新值", 10, "number"),
        Column("按计划应达", 12, "number"),
        Column("预计期末值", 12, "number"),
        Column("预计达标年份", 12, "number"),
        Column("预警", 10, "text"),
        Column("原因", 60, "text"),
    ]
    sheet = Sheet(
        title="指标监测表", columns=columns, rows=rows, title_row=f"{plan.title}监测指标表", notes=[]
    )
    return write_table_workbook(_out("指标监测表.xlsx"), sheets=[sheet])


def round_report_docx(
    *, round_: ReportingRound, issuer: str | None = None, as_of: datetime.date | None = None
) -> Path:
    """一轮报送的进展情况报告（公文格式）。

    The levels are the plan's status on the day the report is dated (today unless ``as_of``), by
    the same rule as the dashboard (monitoring.plan_status): the same day gives the same counts."""
    plan = round_.plan
    day = as_of or clock.today()
    states = monitoring.plan_status(plan=plan, as_of=day)
    counts = monitoring.level_counts(states)
    reports = list(round_.reports.select_related("task", "unit"))
    submitted = [r for r in reports if r.state in (ReportState.SUBMITTED, ReportState.ACCEPTED)]
    late = [
        r for r in reports if r.submitted_at and timezone.localtime(r.submitted_at).date() > round_.due_date
    ]
    missing = [r for r in reports if r.state in (ReportState.DRAFT, ReportState.RETURNED)]
    body = [
        Paragraph(
            f"根据《{plan.title}》（{plan.doc_number}）和定期督查、监测预警工作要求，现将{round_.period_label}"
            f"各项任务推进情况报告如下。"
        ),
        Heading("一、总体情况", 1),
        Paragraph(
            f"本期应报送进展报告{len(reports)}份，已报送{len(submitted)}份，其中逾期报送{len(late)}份，"
            f"未报送{len(missing)}份。截至{day.year}年{day.month}月{day.day}日，"
            f"方案{len(states)}项任务中，进展正常{counts['green']}项，"
            f"预警{counts['yellow']}项，严重滞后{counts['red']}项，暂无法判断{counts['grey']}项。"
        ),
        Heading("二、各项任务进展", 1),
        Table(
            columns=["编号", "任务", "进展", "预警", "原因"],
            rows=[
                [
                    s.task.number,
                    _title(s.task),
                    s.status_label,
                    LEVEL_ZH[s.assessment.level],
                    s.assessment.reason,
                ]
                for s in states
            ],
            widths_mm=[14, 38, 16, 14, 74],
        ),
        Heading("三、存在的主要问题", 1),
    ]
    red = [s for s in states if s.assessment.level == "red"]
    body += [
        Paragraph(f"{n}．任务{s.task.number}{_title(s.task)}：{s.assessment.reason}")
        for n, s in enumerate(red[:15], start=1)
    ] or [Paragraph("本期未发现严重滞后的任务。")]
    body += [
        Heading("四、下步工作", 1),
        Paragraph(
            "对预警和严重滞后的任务，牵头办公室将下发督办单，跟踪督促整改落实；对逾期未报送的单位予以通报。"
            "各牵头单位要会同责任单位精准施策，确保按期完成目标任务。"
        ),
    ]
    return render_official_document(
        _out(f"{round_.period_label}进展情况报告.docx"),
        title=f"关于{plan.title}{round_.period_label}推进情况的报告",
        body=body,
        doc_number=_doc_number(plan.office_unit.name, day, round_),
        recipients="区政府：",
        signature=issuer or plan.office_unit.name,
        date=day,
        copy_note=_lead_units(plan),
        printed_by=plan.office_unit.name,
        printed_on=day,
    )


def round_notice_docx(*, round_: ReportingRound, issuer: str | None = None) -> Path:
    """通报：逾期报送和未报送的单位。"""
    reports = list(round_.reports.select_related("task", "unit"))
    missing = [r for r in reports if r.state in (ReportState.DRAFT, ReportState.RETURNED)]
    late = [
        r for r in reports if r.submitted_at and timezone.localtime(r.submitted_at).date() > round_.due_date
    ]
    rows = [[r.unit.name, f"{r.task.number}{_title(r.task)}", "未报送"] for r in missing]
    rows += [
        [
            r.unit.name,
            f"{r.task.number}{_title(r.task)}",
            f"逾期{(timezone.localtime(r.submitted_at).date() - round_.due_date).days}天",
        ]
        for r in late
    ]
    body = [
        Paragraph(
            f"按照《{round_.plan.title}》要求，各责任单位应于{round_.due_date.year}年{round_.due_date.month}月"
            f"{round_.due_date.day}日前报送{round_.period_label}任务进展情况。经统计，现将报送情况通报如下。"
        ),
        Heading("一、报送情况", 1),
        Paragraph(
            f"本期应报送{len(reports)}份，按时报送{len(reports) - len(missing) - len(late)}份，"
            f"逾期报送{len(late)}份，未报送{len(missing)}份。"
        ),
    ]
    if rows:
        body += [
            Heading("二、逾期和未报送单位", 1),
            Table(columns=["单位", "任务", "情况"], rows=rows, widths_mm=[50, 76, 30]),
        ]
    body += [
        Heading("三、有关要求" if rows else "二、有关要求", 1),
        Paragraph(
            "请未报送和逾期报送的单位高度重视，于通报印发之日起5个工作日内补报，并加强报送工作的组织和衔接，"
            "确保信息报送及时、准确、完整。"
        ),
    ]
    return render_official_document(
        _out(f"{round_.period_label}报送情况通报.docx"),
        title=f"关于{round_.period_label}{round_.plan.title}任务进展报送情况的通报",
        body=body,
        doc_number=_doc_number(round_.plan.office_unit.name, clock.today(), round_, series="通报"),
        recipients="各有关单位：",
        signature=issuer or round_.plan.office_unit.name,
        date=clock.today(),
        copy_note=_lead_units(round_.plan),
        printed_by=round_.plan.office_unit.name,
        printed_on=clock.today(),
    )


def order_docx(*, order: SupervisionOrder) -> Path:
    body = [
        Heading("一、督办事项", 1),
        Paragraph(order.issue),
        Heading("二、办理要求", 1),
        Paragraph(order.requirement),
        Paragraph(
            f"请于{order.deadline.year}年{order.deadline.month}月{order.deadline.day}日前将办理情况书面报送"
            f"{order.plan.office_unit.name}。"
        ),
    ]
    if order.level_reason:
        body += [Heading("三、预警依据", 1), Paragraph(order.level_reason)]
    if order.answer:
        body += [
            Heading("四、办理情况" if order.level_reason else "三、办理情况", 1),
            Paragraph(order.answer),
        ]
    return render_official_document(
        _out(f"{order.number}.docx"),
        title="督办通知单",
        doc_number=order.number,
        body=body,
        recipients=f"{order.unit.name}：",
        signature=order.plan.office_unit.name,
        date=timezone.localtime(order.created_at).date(),
        printed_by=order.plan.office_unit.name,
        printed_on=timezone.localtime(order.created_at).date(),
    )
