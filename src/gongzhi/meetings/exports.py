"""会议纪要 as a .docx in 公文 layout (core.exporters.docx): title, number, the meeting, its agenda
with the minutes of each item, the follow-up of earlier decisions, the decisions (议定事项) with
their lead units and deadlines, and attendance (出席 / 请假 / 列席)."""

from pathlib import Path

from gongzhi.core import clock
from gongzhi.core.exporters.docx import (
    Heading,
    Paragraph,
    Table,
    cn_date,
    cn_numeral,
    render_official_document,
)
from gongzhi.core.files import temporary_directory
from gongzhi.meetings import selectors
from gongzhi.meetings.choices import AttendanceStatus
from gongzhi.meetings.models import Attendance, Meeting

LEVEL_ZH = {"green": "正常", "yellow": "预警", "red": "严重", "grey": "无法判断"}


def _person(row: Attendance) -> str:
    return f"{row.post}{row.name}" if row.post else row.name


def _absent(row: Attendance) -> str:
    text = _person(row)
    extra = [row.reason] if row.reason else []
    if row.status == AttendanceStatus.SUBSTITUTE:
        extra.append(f"委托{row.substitute_post}{row.substitute_name}出席")
    return text + (f"（{'，'.join(extra)}）" if extra else "")


def minutes_docx(*, meeting: Meeting, user=None) -> Path:
    """The minutes; ``user`` scopes the follow-up and the decisions as on the page (None: the system, all)."""
    agenda, attendance = selectors.meeting_detail(meeting=meeting)
    decisions = list(selectors.meeting_decisions(user=user, meeting=meeting))
    follow = selectors.follow_ups(user=user, meeting=meeting)
    groups = selectors.attendance_groups(attendance)
    topics = "、".join(f"“{item.title}”" for item in agenda) or "有关工作"
    intro = f"{cn_date(meeting.date)}，"
    intro += f"{meeting.convener}" if meeting.convener else ""
    intro += f"在{meeting.place}" if meeting.place else ""
    intro += f"主持召开{meeting}，研究{topics}等事项。"
    if meeting.summary:
        intro += meeting.summary
    intro += "现将会议议定事项纪要如下。"
    body: list = [Paragraph(intro)]
    section = 0

    def heading(text: str) -> Heading:
        nonlocal section
        section += 1
        return Heading(f"{cn_numeral(section)}、{text}", 1)

    if agenda:
        body.append(heading("会议议题"))
        for n, item in enumerate(agenda, start=1):
            presenter = f"（汇报单位：{item.presenter_unit.name}）" if item.presenter_unit else ""
            body.append(Paragraph(f"（{cn_numeral(n)}）{item.title}{presenter}", bold=True))
            if item.minutes:
                body.append(Paragraph(item.minutes))
    if follow:
        body.append(heading("上次会议议定事项落实情况"))
        rows = []
        for n, row in enumerate(follow, start=1):
            report = row.latest_report
            latest = (
                f"{report.unit.name}{report.round.period_label}：{report.get_status_display()}"
                + (f"，完成{report.percent}%" if report.percent is not None else "")
                if report
                else "尚无进展报告"
            )
            rows.append(
                [
                    str(n),
                    row.decision.text,
                    row.lead_names,
                    cn_date(row.decision.deadline),
                    f"{LEVEL_ZH.get(row.level, row.level)}（{row.status_label}）",
                    latest,
                ]
            )
        body.append(
            Table(
                columns=["序号", "议定事项", "牵头单位", "完成时限", "落实情况", "最新进展"],
                rows=rows,
                widths_mm=[10, 48, 26, 22, 20, 30],
            )
        )
    body.append(heading("议定事项"))
    if decisions:
        for n, d in enumerate(decisions, start=1):
            units = f"牵头单位：{'、'.join(u.name for u in d.lead_units.all())}"
            cooperating = "、".join(u.name for u in d.cooperating_units.all())
            if cooperating:
                units += f"；配合单位：{cooperating}"
            body.append(Paragraph(f"{n}．{d.text}（{units}；完成时限：{cn_date(d.deadline)}前）"))
        body.append(
            Paragraph(
                "以上议定事项由领导小组办公室按月调度、督办落实，各牵头单位每月报送进展情况，"
                "落实情况在下次会议上报告。"
            )
        )
    else:
        body.append(Paragraph("本次会议无议定事项。"))
    body.append(heading("出席情况"))
    body.append(Paragraph("出席：" + ("、".join(_person(r) for r in groups["present"]) or "无")))
    if groups["absent"]:
        body.append(Paragraph("请假：" + "；".join(_absent(r) for r in groups["absent"])))
    if groups["observer"]:
        body.append(
            Paragraph(
                "列席："
                + "、".join(f"{r.unit.name if r.unit else ''}{_person(r)}" for r in groups["observer"])
            )
        )
    day = meeting.approved_on or clock.today()
    office = f"{meeting.group.name}办公室"
    path = temporary_directory("export") / f"{meeting.number}{meeting.get_kind_display()}纪要.docx"
    return render_official_document(
        path,
        title=f"{meeting.group.name}\n{meeting.number}{meeting.get_kind_display()}纪要",
        body=body,
        doc_number=meeting.minutes_number or "（纪要未签发）",
        issuer_mark=f"{meeting.group.name}会议纪要",
        signature=office,
        date=day,
        copy_note="领导小组各成员单位",
        printed_by=office,
        printed_on=day,
    )
