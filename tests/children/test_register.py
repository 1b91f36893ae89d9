"""The child-friendly spaces register: entry by the responsible unit or the office, the .xlsx
import (a bad row stores nothing), counting targets computed from it, and the per-village
roll-up of a per-unit target."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from factories import IndicatorFactory, TargetFactory, UnitFactory, UserFactory

from gongzhi.children.register import selectors, services
from gongzhi.children.register.choices import SpaceKind, SpaceStatus
from gongzhi.children.register.models import Space
from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.roles import Role
from gongzhi.org.choices import UnitKind
from gongzhi.supervision import monitoring
from gongzhi.supervision.choices import IndicatorKind, ValueSource
from gongzhi.supervision.models import IndicatorValue
from gongzhi.supervision.services import indicators_sync, value_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    town = UnitFactory(kind=UnitKind.TOWN, name="示例镇（虚构）")
    return {
        "town": town,
        "village": UnitFactory(kind=UnitKind.VILLAGE, parent=town, name="示例一村（虚构）"),
        "village2": UnitFactory(kind=UnitKind.VILLAGE, parent=town, name="示例二村（虚构）"),
        "community": UnitFactory(kind=UnitKind.COMMUNITY, parent=town, name="示例社区（虚构）"),
        "bureau": UnitFactory(name="示例住建局（虚构）"),
        "other": UnitFactory(name="示例文旅局（虚构）"),
        "office": UserFactory(role=Role.PLAN_OFFICE, unit=UnitFactory()),
    }


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["名称", "类别", "所在地", "地址", "责任单位", "状态", "日期", "备注"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_responsible_unit_enters_its_space_and_another_unit_is_refused(place):
    liaison = UserFactory(role=Role.LIAISON, unit=place["bureau"])
    fields = {
        "name": "示例口袋公园（虚构）",
        "kind": SpaceKind.PARK,
        "location_unit": place["village"],
        "responsible_unit": place["bureau"],
        "status": SpaceStatus.BUILDING,
        "status_date": clock.today(),
    }
    space = services.space_save(actor=liaison, **fields)
    stranger = UserFactory(role=Role.LIAISON, unit=place["other"])
    with pytest.raises(ApplicationError):
        services.space_save(actor=stranger, space=space, status=SpaceStatus.BUILT)
    with pytest.raises(ApplicationError):
        services.space_save(actor=stranger, **{**fields, "name": "另一个（虚构）"})
    with pytest.raises(ApplicationError, match="将来"):
        services.space_save(
            actor=liaison, space=space, status_date=clock.today() + datetime.timedelta(days=1)
        )
    space.refresh_from_db()
    assert space.status == SpaceStatus.BUILDING
    services.space_save(actor=place["office"], space=space, status=SpaceStatus.BUILT)
    assert Space.objects.get(pk=space.pk).status == SpaceStatus.BUILT


def test_the_import_stores_every_row_or_none(place):
    office, day = place["office"], "2024-05-01"
    good = [
        "示例阅读角（虚构）",
        "儿童阅读空间",
        place["community"].name,
        "示例路1号",
        place["bureau"].name,
        "建成",
        day,
        "",
    ]
    bad = ["示例操场（虚构）", "运动场地", place["village"].name, "", place["bureau"].name, "快好了", day, ""]
    with pytest.raises(ApplicationError) as caught:
        services.spaces_load(actor=office, data=_xlsx([good, bad]), filename="空间.xlsx")
    assert "文件“空间.xlsx”，第3行，“状态”字段" in caught.value.message
    assert not Space.objects.filter(name__in=["示例阅读角（虚构）", "示例操场（虚构）"]).exists()
    counts = services.spaces_load(actor=office, data=_xlsx([good]), filename="空间.xlsx")
    assert counts == {"created": 1, "updated": 0, "unchanged": 0}
    again = services.spaces_load(actor=office, data=_xlsx([good]), filename="空间.xlsx")
    assert again["unchanged"] == 1 and Space.objects.filter(name="示例阅读角（虚构）").count() == 1
    # a liaison may load only its own unit's spaces
    liaison = UserFactory(role=Role.LIAISON, unit=place["other"])
    with pytest.raises(ApplicationError, match="只能导入本单位负责的空间"):
        services.spaces_load(actor=liaison, data=_xlsx([good]), filename="空间.xlsx")


def test_a_counting_target_takes_its_value_from_the_register(place):
    office = place["office"]
    target = TargetFactory(indicator="儿童友好公园数（虚构）", value=Decimal(3), unit_of_measure="个")
    indicator = IndicatorFactory(
        target=target, task=target.task, plan=target.task.document, kind=IndicatorKind.CUMULATIVE
    )
    indicator.plan.office_unit = office.unit
    indicator.plan.save()
    today = clock.today()
    counted = [SpaceStatus.BUILT, SpaceStatus.CERTIFIED]
    before = Space.objects.filter(kind=SpaceKind.PARK, status__in=counted).count()  # the demo's
    for n, status in enumerate([SpaceStatus.BUILT, SpaceStatus.CERTIFIED, SpaceStatus.BUILDING]):
        services.space_save(
            actor=office,
            name=f"示例公园{n}（虚构）",
            kind=SpaceKind.PARK,
            location_unit=place["village"],
            responsible_unit=place["bureau"],
            status=status,
            status_date=today - datetime.timedelta(days=10),
        )
    services.counting_target_link(
        actor=office,
        indicator=indicator,
        kind=SpaceKind.PARK,
        statuses=[SpaceStatus.BUILT, SpaceStatus.CERTIFIED],
    )
    latest = IndicatorValue.objects.filter(indicator=indicator, period_end=today).get()
    assert latest.value == before + 2 and latest.source == ValueSource.REGISTER
    # a park finished: the count follows without anyone typing it
    building = Space.objects.get(name="示例公园2（虚构）")
    services.space_save(actor=office, space=building, status=SpaceStatus.BUILT, status_date=today)
    assert IndicatorValue.objects.get(indicator=indicator, period_end=today).value == before + 3
    status = next(
        i
        for s in monitoring.plan_status(plan=indicator.plan, as_of=today)
        for i in s.indicators
        if i.indicator.pk == indicator.pk
    )
    assert status.assessment.latest == before + 3
    with pytest.raises(ApplicationError, match="由登记册计算"):  # counted, not typed
        value_save(
            actor=None, indicator=indicator, unit=indicator.reporting_unit, period_end=today, value=Decimal(9)
        )
    with pytest.raises(ApplicationError):
        services.counting_target_link(
            actor=UserFactory(role=Role.LIAISON, unit=place["bureau"]),
            indicator=indicator,
            kind=SpaceKind.PARK,
            statuses=[SpaceStatus.BUILT],
        )


def test_a_per_village_target_is_reported_by_each_village_and_rolled_up(place):
    office = place["office"]
    target = TargetFactory(
        indicator="儿童主任（虚构）",
        value=Decimal(1),
        unit_of_measure="名",
        per="村（社区）",
        text="村（社区）配备1名儿童主任",
    )
    plan = target.task.document
    plan.office_unit = office.unit
    plan.save()
    from gongzhi.plans.models import Responsibility

    Responsibility.objects.create(task=target.task, unit=place["bureau"], role="lead", name_as_written="民政")
    indicators_sync(actor=office, plan=plan)
    indicator = plan.indicators.get(target=target)
    assert indicator.kind == IndicatorKind.PER_UNIT
    assert set(indicator.per_units.all()) >= {place["village"], place["village2"], place["community"]}
    today = clock.today()
    village_user = UserFactory(role=Role.LIAISON, unit=place["village"])
    value_save(
        actor=village_user,
        indicator=indicator,
        unit=place["village"],
        period_end=today,
        value=Decimal(1),
        submit=True,
    )
    value_save(
        actor=UserFactory(role=Role.LIAISON, unit=place["community"]),
        indicator=indicator,
        unit=place["community"],
        period_end=today,
        value=Decimal(0),
        submit=True,
    )
    towns, district = selectors.village_report(user=office, indicator=indicator)
    town = next(t for t in towns if t.town == place["town"])
    assert (len(town.rows), town.reported, town.meeting) == (3, 2, 1)
    assert town.share == pytest.approx(33.3)
    assert district.meeting == 1 and len(district.rows) >= 3
    assert indicator in selectors.village_indicators(user=office)
    # the monitoring judges each village alone instead of "nothing reported"
    status = next(
        i
        for s in monitoring.plan_status(plan=plan, as_of=today)
        for i in s.indicators
        if i.indicator.pk == indicator.pk
    )
    assert "尚未报送任何数据" not in status.reason
    assert {u.unit for u in status.assessment.units} >= {"示例一村（虚构）", "示例社区（虚构）"}


def test_pages_open_for_the_office_and_a_liaison(place, client_for):
    liaison = UserFactory(role=Role.LIAISON, unit=place["bureau"])
    for user in (place["office"], liaison):
        client = client_for(user)
        for url in (
            "/children/spaces/",
            "/children/spaces/targets/",
            "/children/villages/",
            "/children/impact/checklist/",
        ):
            assert client.get(url).status_code == 200, url
    response = client_for(liaison).post(
        "/children/spaces/new/",
        {
            "name": "示例上学路（虚构）",
            "kind": "road",
            "location_unit": place["town"].pk,
            "responsible_unit": place["bureau"].pk,
            "status": "planned",
            "status_date": str(clock.today()),
        },
    )
    assert response.status_code == 302
    assert "示例上学路（虚构）" in client_for(place["office"]).get("/children/spaces/").content.decode()


def test_the_command_loads_all_or_nothing_and_recounts(place, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    bad = tmp_path / "空间.xlsx"
    bad.write_bytes(
        _xlsx(
            [
                [
                    "示例命令公园（虚构）",
                    "公园",
                    place["village"].name,
                    "",
                    place["bureau"].name,
                    "建成",
                    "明天",
                    "",
                ]
            ]
        )
    )
    with pytest.raises(CommandError, match="第2行，“日期”字段"):
        call_command("spaces", "load", str(bad))
    assert not Space.objects.filter(name="示例命令公园（虚构）").exists()
    with pytest.raises(CommandError, match="--as-of"):
        call_command("spaces", "count", "--as-of", "2999-01-01")
    call_command("spaces", "count")
    assert "已重算" in capsys.readouterr().out
