"""Demo: this year's yearly tasks of five units under 周政办字〔2023〕10号 (all 演示), issued by the
co-governance office (区财政局), with a reporting round up to today in which three units reported."""

import datetime

from gongzhi.cogov import services_yearly as services
from gongzhi.cogov.models_yearly import YearlyTaskSet
from gongzhi.org.models import Unit
from gongzhi.plans.models import PolicyDocument
from gongzhi.supervision import services as supervision
from gongzhi.supervision.choices import TaskStatus
from gongzhi.supervision.models import ReportingRound, TaskReport

DOC_NUMBER = "周政办字〔2023〕10号"
# (source task number, unit, content, measure, month, day of the deadline)
TASKS = [
    ("（三）", "区税务局", "开展年度税收风险分析并反馈疑点核查结果（演示）", "每季度向共治办反馈1次", 12, 31),
    (
        "（五）",
        "区发展改革局",
        "对纳税信用A级、D级名单落实联合奖惩（演示）",
        "名单发布后10个工作日内落实",
        11,
        30,
    ),
    (
        "（二）",
        "区自然资源局",
        "按月报送不动产登记和土地出让数据（演示）",
        "每月10日前报送，完整率100%",
        12,
        31,
    ),
    ("（二）", "区卫生健康局", "按季度报送医疗机构执业登记变动数据（演示）", "每季度首月15日前报送", 12, 31),
    ("（二）", "区教育和体育局", "报送民办学校及培训机构办学许可数据（演示）", "每半年报送1次", 6, 30),
]
# unit -> (status, percent, progress): the units that reported in the demo round
REPORTS = {
    "区税务局": (TaskStatus.IN_PROGRESS, 75, "（演示数据）已完成前三季度风险分析，反馈疑点核查结果3次。"),
    "区自然资源局": (TaskStatus.IN_PROGRESS, 90, "（演示数据）按月报送不动产登记数据，本年无逾期。"),
    "区教育和体育局": (TaskStatus.DONE, 100, "（演示数据）上半年办学许可数据已报送。"),
}


def load(*, today: datetime.date) -> list[str]:
    document = PolicyDocument.objects.filter(doc_number=DOC_NUMBER).first()
    if document is None:
        return []
    year = today.year
    if YearlyTaskSet.objects.filter(document=document, year=year).exists():
        return [f"年度任务：{year}年度已有（未重复载入）"]
    sources = {n.number: n for n in document.nodes.tasks().current()}
    units = {u.name: u for u in Unit.objects.filter(name__in=[t[1] for t in TASKS])}
    rows = [
        {
            "source_task": sources[number],
            "unit": units[unit],
            "content": content,
            "measure": measure,
            "deadline": datetime.date(year, month, day),
        }
        for number, unit, content, measure, month, day in TASKS
        if number in sources and unit in units
    ]
    if not rows:
        return []
    task_set = services.yearly_set_create(
        actor=None, document=document, year=year, office_unit=document.office_unit
    )
    services.yearly_tasks_add(actor=None, task_set=task_set, rows=rows)
    task_set = services.yearly_set_issue(actor=None, task_set=task_set)
    round_ = ReportingRound.objects.filter(plan=task_set.plan).first() or supervision.round_open(
        actor=None,
        plan=task_set.plan,
        period_label=f"{year}年1月至{today.month}月（演示）",
        period_start=datetime.date(year, 1, 1),
        period_end=today,
        due_date=today + datetime.timedelta(days=10),
    )
    reported = 0
    for report in TaskReport.objects.filter(round=round_).select_related("unit"):
        if report.unit.name not in REPORTS:
            continue
        status, percent, text = REPORTS[report.unit.name]
        supervision.report_save(
            actor=None,
            report=report,
            status=status,
            percent=percent,
            done_text=text,
            problems="",
            next_steps="（演示数据）按计划推进。",
        )
        supervision.report_submit(actor=None, report=report)
        reported += 1
    return [f"年度任务：{task_set}，{len(rows)}项，{reported}个单位已报送进展（演示）"]
