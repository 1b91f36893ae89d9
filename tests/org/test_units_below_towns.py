"""The levels below the towns: 村, 社区, 学校, 幼儿园 loaded from .xlsx under their town."""

import io

import openpyxl
import pytest
from factories import UnitFactory

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.org.choices import UnitKind
from gongzhi.org.kinds import guess_unit_kind
from gongzhi.org.models import Unit
from gongzhi.org.services import units_load

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["名称", "类别", "上级单位"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_villages_communities_schools_and_kindergartens_load_under_their_town(users):
    town = UnitFactory(kind=UnitKind.TOWN, name="示例镇（单测）")
    data = _xlsx(
        [
            ["示例一村（单测）", "村", town.name],
            ["示例社区（单测）", "社区", town.name],
            ["示例小学（单测）", "学校", "示例社区（单测）"],
            ["示例幼儿园（单测）", "幼儿园", town.name],
        ]
    )
    counts = units_load(actor=users["admin"], data=data, filename="村社区.xlsx")
    assert counts["created"] == 4
    kinds = dict(Unit.objects.filter(name__contains="（单测）").values_list("name", "kind"))
    assert kinds == {
        "示例镇（单测）": UnitKind.TOWN,
        "示例一村（单测）": UnitKind.VILLAGE,
        "示例社区（单测）": UnitKind.COMMUNITY,
        "示例小学（单测）": UnitKind.SCHOOL,
        "示例幼儿园（单测）": UnitKind.KINDERGARTEN,
    }
    assert Unit.objects.get(name="示例小学（单测）").parent.name == "示例社区（单测）"
    assert Unit.objects.get(name="示例一村（单测）").parent == town


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ([["示例二村（单测）", "村", ""]], "第3行，“上级单位”字段：村须填写所属的上级单位"),
        ([["示例三村（单测）", "村", "{bureau}"]], "第3行，“上级单位”字段：村的上级单位应为镇、街道、开发区"),
    ],
)
def test_a_bad_row_stores_nothing(users, rows, reason):
    town, bureau = UnitFactory(kind=UnitKind.TOWN), UnitFactory()
    good = ["示例好村（单测）", "村", town.name]
    rows = [good, *[[c.format(bureau=bureau.name) for c in r] for r in rows]]
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ApplicationError) as caught:
        units_load(actor=users["admin"], data=_xlsx(rows), filename="bad.xlsx")
    assert "文件“bad.xlsx”" in caught.value.message and reason in caught.value.message
    assert not Unit.objects.filter(name="示例好村（单测）").exists()
    assert AuditEntry.objects.count() == audit_before


def test_names_guess_the_new_levels():
    assert guess_unit_kind("示例村") == UnitKind.VILLAGE
    assert guess_unit_kind("示例社区居委会") == UnitKind.COMMUNITY
    assert guess_unit_kind("示例镇中心小学") == UnitKind.SCHOOL
    assert guess_unit_kind("示例幼儿园") == UnitKind.KINDERGARTEN
    assert guess_unit_kind("示例镇") == UnitKind.TOWN
