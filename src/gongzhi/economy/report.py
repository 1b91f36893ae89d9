"""经济运行分析报告: a .docx in 公文 layout for the leading group's joint meeting.

Everything in it comes from the modules that own the figures — revenue and plan completion from
the cube (`cube.revenue_view`) and the yearly `RevenuePlan`, the structure (`structure.structure`),
the industry burden (`burden.burden`), the forecast with its backtest errors (`forecast.forecast`
on `cube.monthly_series`) and the saved what-if scenarios — so the report says what the pages say.

Two versions: the leading group's (default: aggregates only, no taxpayer named) and, for the
roles that may see taxpayers (economy.view_taxpayers), the offices' working version that adds the
重点税源 list by name. The period is a month; `mode` "month" leads with that month, "ytd" with the
year to date (both are in the tables).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.exporters.docx import Heading, Image, Paragraph, Table, render_official_document
from gongzhi.core.files import temporary_directory
from gongzhi.core.permissions import require_capability
from gongzhi.economy import burden as burden_module
from gongzhi.economy import cube, report_charts, structure
from gongzhi.economy import forecast as fc
from gongzhi.economy.models import TOTAL, RevenuePlan, Scenario
from gongzhi.economy.periods import parse_period

MONTH, YTD = "month", "ytd"
MODES = {MONTH: "当月", YTD: "年初至今"}
ISSUER = "区税费协同共治领导小组办公室"
RECIPIENTS = "区税费协同共治领导小组各成员单位"
WAN = Decimal(10000)
PURPOSE = "经济运行分析报告"


def wan(amount: Decimal | None) -> str:
    """元 -> 万元 with two places and thousands separators ("—" for nothing)."""
    if amount is None:
        return "—"
    return f"{(Decimal(amount) / WAN):,.2f}"


def pct(value: Decimal | float | None) -> str:
    if value is None:
        return "—"
    return f"{Decimal(str(value)).quantize(Decimal('0.01'))}%"


def change_words(value: Decimal | None) -> str:
    """增长3.20% / 下降1.05% / 持平 ("无上年同期数据" when there is none)."""
    if value is None:
        return "无可比数据"
    if value > 0:
        return f"增长{pct(value)}"
    if value < 0:
        return f"下降{pct(-value)}"
    return "持平"


def period_words(period: str, mode: str) -> str:
    year, month = parse_period(period)
    if mode == YTD:
        return f"{year}年1—{month}月" if month > 1 else f"{year}年1月"
    return f"{year}年{month}月"


def plan_progress(view: cube.RevenueView) -> dict | None:
    """预算收入完成进度 against the year's plan (total), beside 序时进度 (months elapsed / 12)."""
    year, month = parse_period(view.period)
    plan = RevenuePlan.objects.filter(year=year, tax_type=TOTAL).first()
    if plan is None or not plan.amount:
        return None
    done = (view.total.ytd / plan.amount * 100).quantize(Decimal("0.01"))
    schedule = (Decimal(month) / 12 * 100).quantize(Decimal("0.01"))
    return {"plan": plan.amount, "done": done, "schedule": schedule, "gap": done - schedule}


def _revenue_section(view: cube.RevenueView, mode: str) -> list:
    year, month = parse_period(view.period)
    t = view.total
    month_text = f"{year}年{month}月全区入库税收{wan(t.month)}万元，同比{change_words(t.yoy)}，环比{change_words(t.mom)}"
    ytd_text = f"{period_words(view.period, YTD)}累计入库税收{wan(t.ytd)}万元，同比{change_words(t.ytd_yoy)}"
    lead = [ytd_text, month_text] if mode == YTD else [month_text, ytd_text]
    blocks: list = [Heading("一、税收收入完成情况", 1), Paragraph("；".join(lead) + "。")]
    progress = plan_progress(view)
    if progress is None:
        blocks.append(Paragraph(f"{year}年度预算收入计划尚未录入，暂不能计算预算收入完成进度。"))
    else:
        faster = "快于" if progress["gap"] >= 0 else "慢于"
        blocks.append(
            Paragraph(
                f"全年预算收入{wan(progress['plan'])}万元，累计完成{pct(progress['done'])}，"
                f"序时进度{pct(progress['schedule'])}，{faster}序时进度{pct(abs(progress['gap']))[:-1]}个百分点。"
            )
        )
    rows = [
        [
            r.label or "未登记",
            wan(r.month),
            pct(r.yoy),
            wan(r.ytd),
            pct(r.ytd_yoy),
            pct(cube.share(r.ytd, t.ytd)),
        ]
        for r in view.rows
    ]
    rows.append(["合计", wan(t.month), pct(t.yoy), wan(t.ytd), pct(t.ytd_yoy), "100.00%"])
    blocks.append(Paragraph("分税种收入情况见下表（单位：万元；按入库月份统计）。"))
    blocks.append(
        Table(
            columns=["税种", f"{month}月", "同比", "累计", "累计同比", "累计占比"],
            rows=rows,
            widths_mm=[34, 26, 22, 28, 24, 22],
        )
    )
    this = [p for p in view.months if p.startswith(f"{year}-")]
    last = [f"{year - 1}-{p[5:]}" for p in this]
    blocks.append(
        Image(
            report_charts.monthly_bars(
                this,
                [float(view.monthly.get(p, 0) / WAN) for p in this],
                [float(view.monthly.get(p, 0) / WAN) for p in last],
                year=year,
            ),
            caption=f"图1　{year}年各月入库税收与上年同期对比（万元）",
        )
    )
    blocks.append(
        Image(
            report_charts.horizontal_bars(
                [r.label or "未登记" for r in view.rows[:12]],
                [float(r.ytd / WAN) for r in view.rows[:12]],
                codes=[str(i + 1) for i in range(len(view.rows[:12]))],
            ),
            caption=f"图2　{period_words(view.period, YTD)}分税种累计入库税收（万元）",
        )
    )
    return blocks


def _structure_section(s: structure.Structure, *, with_names: bool) -> list:
    window = period_words(s.window.period, YTD)
    blocks: list = [
        Heading("二、税源结构", 1),
        Paragraph(
            f"{window}有入库税款的纳税人{s.taxpayers}户（上年同期{s.taxpayers_previous}户）。"
            f"前10户纳税人入库税收占{pct(s.top10_share)}，前50户占{pct(s.top50_share)}，"
            f"赫芬达尔—赫希曼指数（HHI）{'—' if s.hhi is None else f'{s.hhi:.1f}'}。"
            f"新增纳税人{s.new_count}户，入库税收{wan(s.new_amount)}万元；"
            f"上年同期有入库、本年尚无入库的纳税人{s.lost_count}户，上年同期入库{wan(s.lost_amount)}万元。"
            f"房地产业和建筑业入库税收{wan(s.dependence.amount)}万元，占{pct(s.dependence.share)}，"
            f"同比{change_words(s.dependence.yoy)}。"
        ),
        Paragraph("分镇街入库税收见下表（单位：万元）。"),
        Table(
            columns=["镇街", "累计", "上年同期", "同比", "占比"],
            rows=[
                [p.label or "未登记", wan(p.amount), wan(p.previous), pct(p.yoy), pct(p.share)]
                for p in s.towns
            ],
            widths_mm=[46, 30, 30, 24, 24],
        ),
    ]
    if with_names and s.key_taxpayers:
        blocks += [
            Paragraph(
                f"重点税源（前{min(10, len(s.key_taxpayers))}户）见下表（工作版，含纳税人名称，注意保密）。"
            ),
            Table(
                columns=["序号", "纳税人", "行业", "累计（万元）", "占比"],
                rows=[
                    [str(k.rank), k.name, cube.key_label("industry", k.industry), wan(k.amount), pct(k.share)]
                    for k in s.key_taxpayers[:10]
                ],
                widths_mm=[14, 62, 30, 28, 22],
            ),
        ]
    else:
        blocks.append(
            Paragraph(
                f"前{structure.KEY_TAXPAYERS}户重点税源合计入库{wan(s.key_amount)}万元，占{pct(s.key_share)}"
                "（领导小组版不列纳税人名称）。"
            )
        )
    return blocks


def _burden_section(b: burden_module.Burden, year: int) -> list:
    total = b.total.get(b.year) or {}
    blocks: list = [
        Heading("三、行业税负", 1),
        Paragraph(
            ("" if b.year == str(year) else f"纳税申报数据最新至{b.year}年。")
            + f"{b.year}年（按所属期）全区申报销售收入{wan(total.get('revenue'))}万元，入库税收{wan(total.get('tax'))}万元，"
            f"综合税负{pct(total.get('burden'))}。各行业中税负明显偏低（低于本行业下四分位数减1.5倍四分位距）的"
            f"纳税人{b.outlier_count}户，建议结合税收风险疑点核实。"
        ),
    ]
    rows = []
    for item in b.industries[:15]:
        y = item.year(b.year) or {}
        rows.append(
            [
                item.label or "未登记",
                str(y.get("n", 0)),
                wan(y.get("revenue")),
                wan(y.get("tax")),
                pct(y.get("burden")),
                pct(y.get("median")),
                str(item.outliers),
            ]
        )
    if rows:
        blocks.append(
            Table(
                columns=["行业", "户数", "销售收入", "税收", "税负", "中位数", "偏低户数"],
                rows=rows,
                widths_mm=[40, 14, 26, 24, 18, 18, 16],
            )
        )
    return blocks


def _forecast_section(*, user, period: str) -> list:
    blocks: list = [Heading("四、收入预测", 1)]
    series = [(p, v) for p, v in cube.monthly_series(user=user, purpose=PURPOSE) if p <= period]
    try:
        result = fc.forecast([p for p, _v in series], [float(v) for _p, v in series])
    except fc.ForecastInputError as exc:
        blocks.append(Paragraph(f"暂不能预测：{exc}"))
        return blocks
    score = result.score
    naive = result.scores.get("seasonal_naive")
    label = fc.METHOD_LABELS.get(result.method, result.method)

    def err(s) -> str:
        if s is None:
            return "—"
        mape = "—" if s.mape is None else f"{s.mape:.2f}%"
        mase = "—" if s.mase is None else f"{s.mase:.2f}"
        return f"MAPE {mape}，MASE {mase}"

    year, month = parse_period(period)
    ytd = sum((v for p, v in series if p.startswith(f"{year}-")), Decimal(0))
    rest = sum(p.value for p in result.points if p.period.startswith(f"{year}-"))
    blocks.append(
        Paragraph(
            f"以{series[0][0]}至{series[-1][0]}各月入库税收为样本，经{result.origins}个滚动起点回测，"
            f"选用{label}方法（回测误差{err(score)}；季节朴素基准{err(naive)}）。"
            + (
                f"预计{year}年全年入库税收约{wan(ytd + Decimal(str(round(rest, 2))))}万元。"
                if month < 12
                else ""
            )
            + "预测区间为回测误差的90%经验区间，仅供研判参考。"
        )
    )
    for note in result.notes:
        blocks.append(Paragraph(note))
    blocks.append(
        Table(
            columns=["月份", "预测值（万元）", "下限", "上限"],
            rows=[
                [p.period, wan(Decimal(str(p.value))), wan(Decimal(str(p.lower))), wan(Decimal(str(p.upper)))]
                for p in result.points
            ],
            widths_mm=[30, 42, 42, 42],
        )
    )
    history = [(p, float(v / WAN)) for p, v in series[-24:]]
    blocks.append(
        Image(
            report_charts.forecast_line(
                history,
                [(p.period, p.value / 10000, p.lower / 10000, p.upper / 10000) for p in result.points],
            ),
            caption="图3　月度入库税收及未来12个月预测（万元）",
        )
    )
    return blocks


def _whatif_section() -> list:
    scenarios = list(Scenario.objects.exclude(result={}).order_by("-computed_at")[:5])
    if not scenarios:
        return []
    return [
        Heading("五、政策影响测算", 1),
        Paragraph("已保存的财税政策变化影响测算如下（按基期数据静态测算，不含纳税人行为变化）。"),
        Table(
            columns=["测算", "基期", "影响（万元）", "影响幅度"],
            rows=[
                [
                    s.name,
                    f"{s.period_from}至{s.period_to}",
                    wan(Decimal(s.result["total"]["effect"])),
                    pct(s.result["total"]["ratio"] or None),
                ]
                for s in scenarios
            ],
            widths_mm=[70, 40, 26, 20],
        ),
    ]


def _suggestions(view: cube.RevenueView, s: structure.Structure) -> list:
    items = []
    progress = plan_progress(view)
    if progress is not None and progress["gap"] < 0:
        items.append("收入进度慢于序时进度，建议各成员单位加强重点税源监控和涉税信息共享，挖掘增收潜力。")
    if s.top10_share is not None and s.top10_share >= 30:
        items.append("税源集中度较高，建议关注前10户重点税源的经营变化，防范收入波动风险。")
    if s.lost_count:
        items.append("对上年有入库、本年尚无入库的纳税人，建议属地镇街和税务部门联合走访核实。")
    items.append("对行业税负明显偏低的纳税人，按“无风险不打扰”原则推送税收风险分析核实。")
    number = 6 if Scenario.objects.exclude(result={}).exists() else 5
    heading = {5: "五", 6: "六"}[number]
    return [Heading(f"{heading}、意见建议", 1)] + [
        Paragraph(f"（{i}）{t}") for i, t in enumerate(items, start=1)
    ]


def report_path(job_id: int) -> Path:
    """Where the report built by a background job is kept (downloaded by its owner)."""
    return Path(settings.DATA_DIR) / "reports" / f"economy-report-{job_id}.docx"


def report_docx(
    *,
    user,
    period: str,
    mode: str = MONTH,
    with_names: bool = False,
    today: dt.date | None = None,
    out: Path | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> Path:
    """Build the report for `period` (YYYY-MM) and return the file's path (a temporary folder of
    its own: the view sends and removes it). economy.view; `with_names` needs economy.view_taxpayers."""
    require_capability(user, cube.VIEW)
    if with_names:
        require_capability(user, cube.VIEW_TAXPAYERS)
    if mode not in MODES:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("报告口径应为当月或年初至今"))
    cube.check_period(period, _("报告月份"))
    today = today or clock.today()
    year, _month = parse_period(period)
    step = progress or (lambda _percent, _message: None)
    step(5, "读取税收收入")
    view = cube.revenue_view(user=user, by="tax_type", period=period, purpose=PURPOSE)
    step(25, "分析税源结构")
    s = structure.structure(user=user, period=period, purpose=PURPOSE)
    step(45, "分析行业税负")
    # the burden of the report's year, or of the last year with declarations when that is earlier
    declared = burden_module.latest_year(user=user, purpose=PURPOSE)
    b = burden_module.burden(user=user, year=min(year, declared or year), purpose=PURPOSE)
    body: list = [
        Paragraph(
            "根据《关于推进税费协同共治工作的实施意见》（周政办字〔2023〕10号）“建立以数治税、以税辅政的经济分析机制”"
            f"的要求，现将{period_words(period, mode)}全区经济运行和税收收入情况分析如下。"
            "本报告数据来自各部门共享的税款入库、纳税人登记和纳税申报数据。"
        )
    ]
    body += _revenue_section(view, mode)
    body += _structure_section(s, with_names=with_names)
    body += _burden_section(b, year)
    step(60, "预测收入（回测）")
    body += _forecast_section(user=user, period=period)
    step(90, "生成文档")
    body += _whatif_section()
    body += _suggestions(view, s)
    version = "（工作版）" if with_names else ""
    title = f"关于{period_words(period, mode)}全区经济运行和税收收入情况的分析报告{version}"
    name = f"经济运行分析报告{period}{'工作版' if with_names else ''}.docx"
    return render_official_document(
        out or temporary_directory("export") / name,
        title=title,
        body=body,
        recipients=RECIPIENTS,
        signature=ISSUER,
        date=today,
    )
