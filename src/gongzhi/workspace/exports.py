"""The one-pager of the tax-fee work (税费共治概览) as an .xlsx: the same figures, one sheet per
block (`core.exporters.xlsx`: formula-safe, 公文 table layout)."""

from pathlib import Path

from gongzhi.core.exporters.xlsx import Column, Sheet, write_table_workbook
from gongzhi.core.files import temporary_directory
from gongzhi.core.periods import date_words
from gongzhi.workspace.taxfee import TaxfeeOverview

LEAD_COLUMNS = [
    Column("发现疑点（条）", 14, "number"),
    Column("核实确认（条）", 14, "number"),
    Column("查补税款（元）", 18, "number", decimals=2),
]


def taxfee_xlsx(overview: TaxfeeOverview) -> Path:
    """The workbook of `overview` in a temporary folder (the caller sends and removes it)."""
    year = overview.year
    as_of = f"数据截至{date_words(overview.today)}"
    sheets = [
        Sheet(
            title="概览",
            title_row=f"{year}年税费共治概览",
            columns=[Column("项目", 28), Column("数值", 20, "number", decimals=None)],
            rows=[
                ("发现疑点（条）", overview.found),
                ("核实确认（条）", overview.confirmed),
                ("查补税款入库（元）", overview.recovered),
                ("数据应报送（期次）", overview.expected),
                ("按时报送（期次）", overview.on_time),
                ("逾期报送（期次）", overview.late),
                ("逾期未报送（期次）", overview.missing),
                *[
                    (f"{part.label}：{f['label']}", f["value"])
                    for part in overview.cogov
                    for f in part.figures
                ],
            ],
            notes=[as_of],
        ),
        Sheet(
            title="分规则",
            title_row=f"{year}年风险疑点分规则情况",
            columns=[Column("规则编号", 10), Column("规则名称", 30), *LEAD_COLUMNS],
            rows=[(r.key, r.label, r.found, r.confirmed, r.recovered) for r in overview.by_rule],
            notes=[as_of],
        ),
        Sheet(
            title="分行业",
            title_row=f"{year}年风险疑点分行业情况",
            columns=[Column("行业门类", 30), *LEAD_COLUMNS],
            rows=[(r.label, r.found, r.confirmed, r.recovered) for r in overview.by_industry],
            notes=[as_of],
        ),
        Sheet(
            title="报送及时性",
            title_row=f"{year}年数据共享报送及时性",
            columns=[
                Column("单位", 28),
                Column("应报送（期次）", 14, "number"),
                Column("按时（期次）", 12, "number"),
                Column("逾期报送（期次）", 14, "number"),
                Column("逾期未报送（期次）", 16, "number"),
                Column("按时报送率", 12, "percent"),
            ],
            rows=[(u.unit.name, u.expected, u.on_time, u.late, u.missing, u.rate) for u in overview.units],
            notes=[as_of],
        ),
    ]
    return write_table_workbook(temporary_directory("export") / f"{year}年税费共治概览.xlsx", sheets=sheets)
