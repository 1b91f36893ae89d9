"""`gongzhi economy revenue --by tax_type|industry|town --period-from YYYY-MM --period-to YYYY-MM --json`
(see economy/management/commands/economy.py).

Sums of `tax_paid.amount` of the current rows by paid month (入库月份), read as the system
through the cube (audited). With --json stdout holds exactly

    {"rows": [{"<by>": str, "period": "YYYY-MM", "amount": number}], "total": number}

amounts printed from the exact Decimal sums (at most two decimals, no float on the way); rows
ordered by month, then key. --by industry gives the GB/T 4754 门类 letter ("C" 制造业); payments
of taxpayers missing from the registry, or without a town, have "" as their key. Bad arguments:
one Chinese line on stderr, exit status 1 (every check is done here, not by argparse, so that
no English argparse message and no status 2 reach the user).
"""

from decimal import Decimal

from django.core.management.base import CommandError

from gongzhi.core.exceptions import ApplicationError
from gongzhi.economy.periods import SeriesError, parse_period

BY = ("tax_type", "industry", "town")


def add_arguments(parser) -> None:
    parser.add_argument(
        "--by",
        default=None,
        metavar="tax_type|industry|town",
        help="汇总维度：tax_type 税种；industry 行业门类（GB/T 4754 门类字母，如 C 制造业）；town 镇街",
    )
    parser.add_argument("--period-from", default=None, metavar="YYYY-MM", help="起始入库月份（含）")
    parser.add_argument("--period-to", default=None, metavar="YYYY-MM", help="截止入库月份（含）")
    parser.add_argument("--tax-type", default=None, help="只汇总一个税种（可选）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def number(value: Decimal) -> str:
    """A Decimal as a JSON number, exactly: 1234.50 -> 1234.5, 1200.00 -> 1200, never 1.2E+3."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def render_json(by: str, cells: list) -> str:
    rows = ", ".join(
        f'{{{_string(by)}: {_string(c.key)}, "period": {_string(c.period)}, "amount": {number(c.amount)}}}'
        for c in cells
    )
    total = sum((c.amount for c in cells), Decimal("0"))
    return f'{{"rows": [{rows}], "total": {number(total)}}}'


def _check(options) -> tuple[str, str, str]:
    by, first, last = options.get("by"), options.get("period_from"), options.get("period_to")
    if by not in BY:
        raise CommandError(f"--by 应为 tax_type、industry 或 town（收到：{by or '未指定'}）")
    for name, value in (("--period-from", first), ("--period-to", last)):
        if not value:
            raise CommandError(f"缺少 {name}（格式 YYYY-MM）")
        try:
            parse_period(value)
        except SeriesError as exc:
            raise CommandError(f"{name} {exc}") from exc
    if last < first:
        raise CommandError(f"--period-to {last} 早于 --period-from {first}")
    return by, first, last


def run(options, stdout) -> None:
    by, first, last = _check(options)
    try:
        # reads shared data (DuckDB): imported when the command runs
        from gongzhi.economy import cube

        cells = cube.revenue(
            user=None,
            by=by,
            period_from=first,
            period_to=last,
            tax_type=options.get("tax_type") or None,
            purpose="命令行：税收收入汇总",
        )
    except ApplicationError as exc:
        raise CommandError(str(exc.message)) from exc
    cells.sort(key=lambda c: (c.period, c.key))
    if options.get("json"):
        stdout.write(render_json(by, cells))
        return
    label = cube.DIMENSIONS[by]
    stdout.write(f"{'入库月份':<8} {label:<20} {'入库金额（元）':>18}")
    for c in cells:
        stdout.write(f"{c.period:<12} {cube.key_label(by, c.key):<20} {number(c.amount):>20}")
    stdout.write(f"合计 {number(sum((c.amount for c in cells), Decimal('0')))}")
