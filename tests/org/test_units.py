"""The unit registry: matching names, creating and loading units.

The tests of the reference documents' names (matching, collectives, the region) use the demo
data set (the registry of 周村区, requested through the `demo` fixture); the others build their
units with factories.
"""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from factories import UnitFactory, UserFactory

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.roles import Role
from gongzhi.org.choices import UnitKind
from gongzhi.org.matching import UnitIndex, match_unit
from gongzhi.org.models import Unit, UnitAlias
from gongzhi.org.services import unit_create, units_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return UserFactory(role=Role.ADMIN)


@pytest.fixture
def registry() -> dict[str, Unit]:
    """Units with aliases, as a district's registry writes them (医保 for 医疗保障)."""
    bureau = UnitFactory(name="测试医疗保障分局（测试）", kind=UnitKind.VERTICAL)
    UnitAlias.objects.create(unit=bureau, alias="测试医保分局（测试）")
    education = UnitFactory(name="测试教育和体育局（测试）")
    UnitAlias.objects.create(unit=education, alias="测试教体局（测试）")
    centre = UnitFactory(name="测试医疗保障服务中心（测试）")
    UnitAlias.objects.create(unit=centre, alias="区测试医保服务中心（测试）")
    return {"bureau": bureau, "education": education, "centre": centre}


# Every unit named in the two reference documents, as the documents write it.
NAMED_IN_DOCUMENTS = [
    "周村区人民政府办公室",
    "区发展改革局",
    "区妇儿工委办公室",
    "区自然资源局",
    "周村规划管理办公室",
    "区住房城乡建设局",
    "区教育和体育局",
    "区卫生健康局",
    "区综合行政执法局",
    "区文化和旅游局",
    "区妇联",
    "区财政局",
    "区“双减”工作协调机制成员单位",
    "区委宣传部",
    "区文联",
    "区融媒体中心",
    "区民政局",
    "区行政审批服务局",
    "团区委",
    "区医保分局",
    "区残联机关",
    "周村交警大队",
    "区交通运输局",
    "区科协",
    "区生态环境分局",
    "区总工会",
    "区工业和信息化局",
    "区科技局",
    "区市场监管局",
    "区应急局",
    "区公安分局",
    "区司法局",
    "区检察院",
    "区法院",
    "区税务局",
    "区委政法委",
    "经济开发区",
    "区人力资源社会保障局",
    "区水利局",
    "区退役军人局",
    "区审计局",
    "区体育事业服务中心",
    "区医疗保障分局",
    "区地方金融监管局",
    "市住房公积金管理中心周村分中心",
    "区政府",
    "区教育事业服务中心",
    "区社会保险事业中心",
    "区退役军人事务局",
    "区医疗保障服务中心",
    "周村经济开发区",
    "王村镇",
    "南郊镇",
    "北郊镇",
    "大街街道",
    "丝绸路街道",
    "永安街街道",
    "青年路街道",
    "城北路街道",
]


def test_every_unit_of_both_documents_is_in_the_registry(demo):
    missing = [name for name in NAMED_IN_DOCUMENTS if not match_unit(name).is_sure]
    assert missing == []
    assert Unit.objects.count() > 50


@pytest.mark.parametrize(
    ("text", "status", "unit"),
    [
        ("区医保分局", "alias", "区医疗保障分局"),
        ("区医疗保障分局", "exact", "区医疗保障分局"),
        (
            "区医疗保障服务中心",
            "exact",
            "区医疗保障服务中心",
        ),  # a different unit: the bureau's service centre
        ("区退役军人局", "alias", "区退役军人事务局"),
        ("区教体局", "alias", "区教育和体育局"),
        ("区残联机关", "alias", "区残联"),
        ("区“双减”工作协调机制成员单位", "exact", "区“双减”工作协调机制成员单位"),
        ('区"双减"工作协调机制成员单位', "exact", "区“双减”工作协调机制成员单位"),
        (" 区 财政局 ", "exact", "区财政局"),
    ],
)
def test_match_exact_and_alias(demo, text, status, unit):
    result = match_unit(text)
    assert (result.status, result.unit.name) == (status, unit)


def test_match_collective_and_suggestions(demo):
    towns = match_unit("各镇(街道)")
    assert towns.status == "collective" and len(towns.units) == 8
    guess = match_unit("区医疗保障服务")
    assert guess.status == "suggest" and guess.suggestions[0][0].name == "区医疗保障服务中心"
    assert match_unit("火星探测局").status == "none"


def test_the_region_prefixes_come_from_the_registrys_top_units(demo):
    index = UnitIndex.build()
    assert index.region == ("周村区", "淄博市")
    assert index.match("淄博市周村区财政").suggestions[0][0].name == "区财政局"


def _another_district() -> tuple[list[Unit], list[UnitAlias]]:
    """A synthetic district (演示区 in 演示市), built in memory: nothing of 周村区 in it."""
    government = Unit(pk=1, name="演示区人民政府", kind=UnitKind.GOVERNMENT)
    committee = Unit(pk=2, name="中共演示区委", kind=UnitKind.PARTY)
    finance = Unit(pk=3, name="区财政局", kind=UnitKind.GOVERNMENT, parent=government)
    health = Unit(pk=4, name="区卫生健康局", kind=UnitKind.GOVERNMENT, parent=government)
    aliases = [UnitAlias(unit=government, alias="演示市演示区人民政府")]
    return [government, committee, finance, health], aliases


def test_another_district_strips_its_own_names():
    # given the registry of another district
    index = UnitIndex(*_another_district())
    # then its district and city are the prefixes, and 周村区 means nothing special
    assert index.region == ("演示区", "演示市")
    best = index.match("演示市演示区财政")
    assert best.status == "suggest" and best.suggestions[0] == (index.lookup("区财政局"), 0.95)
    assert index.match("演示区卫生健康").suggestions[0][0].name == "区卫生健康局"
    assert index.match("周村区财政").suggestions[0][1] < 0.95


def test_the_region_setting_overrides_the_registry(settings):
    settings.GONGZHI_REGION = ["示范县", "示范市"]
    index = UnitIndex(*_another_district())
    assert index.region == ("示范县", "示范市")
    assert index.match("示范县财政").suggestions[0] == (index.lookup("区财政局"), 0.95)


def test_a_unit_is_never_created_twice(admin, registry):
    before = Unit.objects.count()
    with pytest.raises(ApplicationError, match="已存在"):
        unit_create(actor=admin, name="测试医保分局（测试）", kind="vertical")
    with pytest.raises(ApplicationError, match="已属于"):
        unit_create(actor=admin, name="区新设局（测试）", kind="government", aliases=["测试教体局（测试）"])
    assert not Unit.objects.filter(name="区新设局（测试）").exists() and Unit.objects.count() == before


def test_only_admins_create_units():
    with pytest.raises(ApplicationError, match="没有权限"):
        unit_create(actor=UserFactory(role=Role.LIAISON), name="区新设局（测试）", kind="government")
    assert not Unit.objects.filter(name="区新设局（测试）").exists()


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def test_load_creates_and_updates_from_csv(admin):
    town, government = UnitFactory(kind=UnitKind.TOWN), UnitFactory()
    finance = UnitFactory(parent=government)
    data = _csv(
        "名称,简称,类别,上级单位,别名\n"
        f"示例村（测试）,,村社区,{town.name},示例村委会（测试）\n"
        f"{finance.name},,政府部门,{government.name},测试财政（测试）\n"
    )
    counts = units_load(actor=admin, data=data, filename="units.csv")
    assert counts["created"] == 1
    village = Unit.objects.get(name="示例村（测试）")
    assert village.parent == town and village.kind == "village"
    assert match_unit("测试财政（测试）").unit == finance
    # loading the same file again creates nothing
    again = units_load(actor=admin, data=data, filename="units.csv")
    assert again["created"] == 0


def test_load_from_xlsx_in_gbk_free_form(admin):
    subdistrict = UnitFactory(kind=UnitKind.SUBDISTRICT)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["名称", "类别", "上级单位"])
    sheet.append(["示例社区（测试）", "村社区", subdistrict.name])
    buffer = io.BytesIO()
    book.save(buffer)
    units_load(actor=admin, data=buffer.getvalue(), filename="units.xlsx")
    assert Unit.objects.get(name="示例社区（测试）").parent == subdistrict


def test_load_gbk_csv(admin):
    town = UnitFactory(kind=UnitKind.TOWN)
    data = f"名称,类别,上级单位\n示例村二（测试）,村社区,{town.name}\n".encode("gbk")
    units_load(actor=admin, data=data, filename="gbk.csv")
    assert Unit.objects.get(name="示例村二（测试）").parent == town


@pytest.mark.parametrize(
    ("content", "row", "field", "reason"),
    [
        ("名称,类别,上级单位\n甲（演示）,政府部门,火星局\n", 2, "上级单位", "不在单位名录中"),
        ("名称,类别\n甲（演示）,外星部门\n", 2, "类别", "不是有效类别"),
        ("名称,类别\n甲（演示）,政府部门\n甲（演示）,政府部门\n", 3, "名称", "与第2行重复"),
        ("名称,类别\n测试医保分局（测试）,垂直管理\n", 2, "名称", "已是单位“测试医疗保障分局（测试）”的别名"),
        (
            "名称,类别,别名\n甲（演示）,政府部门,测试教体局（测试）\n",
            2,
            "别名",
            "已属于单位“测试教育和体育局（测试）”",
        ),
        ("名称,类别\n,政府部门\n", 2, "名称", "不能为空"),
        (
            "名称,类别,上级单位\n甲（演示）,政府部门,乙（演示）\n乙（演示）,政府部门,甲（演示）\n",
            2,
            "上级单位",
            "循环",
        ),
    ],
)
def test_bad_rows_name_file_row_and_field_and_store_nothing(admin, registry, content, row, field, reason):
    before = (Unit.objects.count(), UnitAlias.objects.count())
    with pytest.raises(ApplicationError) as caught:
        units_load(actor=admin, data=_csv(content), filename="bad.csv")
    error = caught.value
    assert "文件“bad.csv”" in error.message
    first = error.extra["errors"][0]
    assert (first["row"], first["field"]) == (row, field) and reason in first["reason"]
    assert (Unit.objects.count(), UnitAlias.objects.count()) == before


def test_mixed_file_is_all_or_nothing(admin):
    before = Unit.objects.count()
    data = _csv("名称,类别\n好单位（演示）,政府部门\n坏单位（演示）,外星部门\n")
    with pytest.raises(ApplicationError, match="第3行"):
        units_load(actor=admin, data=data, filename="mixed.csv")
    assert Unit.objects.count() == before and not Unit.objects.filter(name="好单位（演示）").exists()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.csv", "空文件"),
        (b"\x00\x01\x02binary", "bin.csv", "不是文本"),
        (b"PK\x03\x04garbage", "broken.xlsx", "不是有效的 Excel"),
        (b"x", "units.pdf", "格式不支持"),
        ("简称,别名\n甲,乙\n".encode(), "nohead.csv", "缺少必需的列"),
    ],
)
def test_malformed_files_get_a_clear_error(admin, data, filename, message):
    with pytest.raises(ApplicationError, match=message) as caught:
        units_load(actor=admin, data=data, filename=filename)
    assert filename in caught.value.message


def test_units_command_loads_and_reports_errors(tmp_path, capsys):
    town = UnitFactory(kind=UnitKind.TOWN)
    good = tmp_path / "good.csv"
    good.write_text(f"名称,类别,上级单位\n示例村三（测试）,村社区,{town.name}\n", encoding="utf-8")
    call_command("units", "load", str(good))
    assert "新增1个" in capsys.readouterr().out
    assert Unit.objects.get(name="示例村三（测试）").parent == town
    bad = tmp_path / "bad.csv"
    bad.write_text("名称,类别\n甲（演示）,外星部门\n", encoding="utf-8")
    with pytest.raises(CommandError, match="未保存任何内容"):
        call_command("units", "load", str(bad))
    assert "第2行“类别”" in capsys.readouterr().err


def test_unit_search_page_finds_by_alias(client_for, registry):
    liaison = client_for(UserFactory(role=Role.LIAISON))
    page = liaison.get("/org/units/", {"q": "测试医保分局（测试）"})
    assert [u.name for u in page.context["units"]] == [registry["bureau"].name]
    page = liaison.get("/org/units/", {"q": "测试医保服务中心"})
    assert registry["centre"].name in [u.name for u in page.context["units"]]
