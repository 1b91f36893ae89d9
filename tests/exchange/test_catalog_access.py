"""The demand list, purpose-bound access to shared rows, look-ups and quality.

The catalog round trip, the tax look-up and the quality table read the demo's catalog and its
synthetic submissions (the `demo` fixture); the other tests build their datasets, units, users
and submissions with factories.
"""

import datetime
import io

import pytest
import yaml
from django.core.management import CommandError, call_command
from factories import DatasetFactory, UnitFactory, UserFactory, submit_rows

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.roles import Role
from gongzhi.exchange import selectors, services, warehouse
from gongzhi.exchange.models import AccessGrant, Dataset, Submission

pytestmark = pytest.mark.django_db
SYNTHETIC_HISTORY = "2023-01..2025-12"  # the tax-risk demo's history, submitted as one range


def _accepted(code: str) -> int:
    return sum(
        Submission.objects.filter(dataset__code=code, state__in=["accepted", "partial"]).values_list(
            "accepted", flat=True
        )
    )


NEW_DATASET = """
- code: demo_parking
  name: 停车场经营备案（演示）
  provider_units: [{provider}]
  frequency: quarterly
  due_day: 15
  key: [uscc]
  policy: reject
  consumer_units: [{consumer}]
  legal_basis: 周政办字〔2023〕10号
  purpose: 税源核查
  fields:
    - {{code: uscc, name: 统一社会信用代码, type: text, required: true, check: uscc}}
    - {{code: spaces, name: 车位数, type: integer, min: 0}}
"""


def test_catalog_yaml_creates_and_a_field_change_makes_a_new_version(tmp_path, capsys):
    provider, consumer = UnitFactory(), UnitFactory()
    catalog = NEW_DATASET.format(provider=provider.name, consumer=consumer.name)
    path = tmp_path / "catalog.yaml"
    path.write_text(catalog, encoding="utf-8")
    call_command("exchange", "catalog", "load", str(path))
    dataset = Dataset.objects.get(code="demo_parking")
    assert dataset.current_version.version == 1 and dataset.policy == "reject"
    assert list(dataset.provider_units.all()) == [provider]
    assert list(dataset.consumer_units.all()) == [consumer] and dataset.purpose == "税源核查"
    call_command("exchange", "catalog", "load", str(path))  # the same list: no new version
    assert dataset.versions.count() == 1
    path.write_text(
        catalog + "    - {code: rate, name: 收费标准（元/小时）, type: decimal, min: 0}\n",
        encoding="utf-8",
    )
    call_command("exchange", "catalog", "load", str(path))
    dataset.refresh_from_db()
    assert dataset.current_version.version == 2 and dataset.versions.count() == 2
    assert "新版本1项" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "- code: x\n  name: 甲\n  provider_units: [火星局]\n  fields: [{{code: a, name: 甲, type: text}}]\n",
            "不在单位名录中",
        ),
        (
            "- code: x\n  name: 甲\n  provider_units: [{unit}]\n  fields: [{{code: a, name: 甲, type: colour}}]\n",
            "x",
        ),
        (
            "- code: x\n  name: 甲\n  provider_units: [{unit}]\n  key: [nope]\n  fields: [{{code: a, name: 甲}}]\n",
            "nope",
        ),
        (": : not yaml [", "YAML"),
    ],
)
def test_bad_catalogs_store_nothing(tmp_path, content, message):
    unit = UnitFactory()
    before = (Dataset.objects.count(), sum(d.versions.count() for d in Dataset.objects.all()))
    path = tmp_path / "bad.yaml"
    path.write_text(content.format(unit=unit.name), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("exchange", "catalog", "load", str(path))
    assert (Dataset.objects.count(), sum(d.versions.count() for d in Dataset.objects.all())) == before


def test_catalog_round_trips_through_xlsx_and_yaml(demo, users, tmp_path):
    xlsx = tmp_path / "需求清单.xlsx"
    call_command("exchange", "catalog", "export", str(xlsx))
    before = {d.code: d.current_version.fingerprint for d in Dataset.objects.all()}
    counts = services.catalog_load(actor=users["cogov_office"], data=xlsx.read_bytes(), filename=xlsx.name)
    assert counts["created"] == 0 and counts["new_versions"] == 0
    assert {d.code: d.current_version.fingerprint for d in Dataset.objects.all()} == before
    exported = yaml.safe_load(services.catalog_export_yaml())
    assert {e["code"] for e in exported} == set(before)
    real_estate = next(e for e in exported if e["code"] == "real_estate_tx")
    assert real_estate["required_one_of"] == [["seller_uscc", "seller_id"], ["buyer_uscc", "buyer_id"]]


def test_only_the_office_manages_the_catalog():
    catalog = NEW_DATASET.format(provider=UnitFactory().name, consumer=UnitFactory().name)
    with pytest.raises(ApplicationError, match="没有权限"):
        services.catalog_load(actor=UserFactory(role=Role.LIAISON), data=catalog.encode(), filename="x.yaml")
    assert not Dataset.objects.filter(code="demo_parking").exists()


# A dataset with personal fields (like 不动产交易登记): identity numbers of sellers and buyers.
DEALS_FIELDS = [
    {"code": "unit_no", "name": "不动产单元号", "type": "text", "required": True},
    {"code": "seller_id", "name": "卖方身份证号", "type": "text", "check": "id_card", "personal": True},
    {"code": "buyer_id", "name": "买方身份证号", "type": "text", "check": "id_card", "personal": True},
    {"code": "price", "name": "成交价格（元）", "type": "decimal", "required": True, "min": 0},
]


@pytest.fixture
def provider():
    return UnitFactory()


@pytest.fixture
def real_estate(provider, data_dir, rng):
    """A dataset with personal fields and one accepted submission of three rows by its provider."""
    from gongzhi.exchange.validation import synthetic

    dataset = DatasetFactory(providers=[provider], spec__fields=DEALS_FIELDS, spec__key=["unit_no"])
    rows = [
        {
            "unit_no": f"测试单元{n}",
            "seller_id": synthetic.id_card(rng),
            "buyer_id": synthetic.id_card(rng),
            "price": "100",
        }
        for n in range(3)
    ]
    assert submit_rows(dataset, provider, "2025-11", rows).accepted == 3
    return dataset


def test_a_unit_reads_its_own_rows_and_not_others_without_a_grant(provider, real_estate):
    own_user = UserFactory(role=Role.LIAISON, unit=provider)
    own = selectors.shared_rows(user=own_user, dataset=real_estate)
    assert own.own_only and own.total == _accepted(real_estate.code) == 3 and not own.masked
    assert AuditEntry.objects.filter(
        action="shared_rows_read", username=own_user.username, purpose="本单位报送数据核对"
    ).exists()
    other = UserFactory(role=Role.LIAISON)
    with pytest.raises(ApplicationError, match="没有该数据项的使用授权"):
        selectors.shared_rows(user=other, dataset=real_estate)
    assert not AuditEntry.objects.filter(action="shared_rows_read", username=other.username).exists()


def test_a_grant_opens_rows_with_personal_fields_masked_unless_covered(real_estate, client_for):
    finance, admin = UserFactory(role=Role.COGOV_OFFICE), UserFactory(role=Role.ADMIN)
    grant = services.grant_request(
        actor=finance,
        dataset=real_estate,
        purpose="税源分析（演示）",
        legal_basis="周政办字〔2023〕10号",
        valid_from=datetime.date(2025, 1, 1),
        valid_until=None,
    )
    with pytest.raises(ApplicationError):  # not yet approved
        selectors.shared_rows(user=finance, dataset=real_estate)
    services.grant_decide(actor=admin, grant=grant, approve=True)
    rows = selectors.shared_rows(user=finance, dataset=real_estate, purpose="税源分析（演示）")
    assert rows.total == _accepted(real_estate.code) == 3 and set(rows.masked) == {"seller_id", "buyer_id"}
    position = [c for c, _ in rows.columns].index("buyer_id")
    assert rows.rows and all("*" in (r[position] or "*") for r in rows.rows)
    entry = AuditEntry.objects.filter(action="shared_rows_read", username=finance.username).latest("seq")
    assert entry.purpose == "税源分析（演示）" and entry.detail["grant"] == grant.pk
    # a grant that covers personal data shows them
    officer = UserFactory(role=Role.TAX_OFFICER)
    personal = services.grant_request(
        actor=officer,
        dataset=real_estate,
        purpose="税源核查（测试）",
        legal_basis="周政办字〔2023〕10号",
        valid_from=datetime.date(2025, 1, 1),
        valid_until=None,
        include_personal=True,
    )
    services.grant_decide(actor=admin, grant=personal, approve=True)
    tax = client_for(officer).get(f"/exchange/datasets/{real_estate.code}/rows/")
    assert tax.status_code == 200 and not tax.context["data"].masked
    services.grant_revoke(actor=admin, grant=grant)
    assert client_for(finance).get(f"/exchange/datasets/{real_estate.code}/rows/").status_code == 403


def test_expired_grants_open_nothing():
    liaison, dataset = UserFactory(role=Role.LIAISON), DatasetFactory()
    grant = AccessGrant.objects.create(
        dataset=dataset,
        unit=liaison.unit,
        purpose="过期（演示）",
        legal_basis="x",
        valid_from=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2020, 12, 31),
        state="approved",
        requested_by=liaison,
    )
    assert warehouse.active_grant(user=liaison, dataset=dataset) is None
    assert grant.pk


def test_quality_lists_late_missing_and_inaccurate_and_drafts_the_notice(demo, users, client_for, demo_day):
    from gongzhi.exchange.demo import demo_months

    year, month = map(int, demo_months(demo_day, 1)[0].split("-"))
    start = datetime.date(year, month, 1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    cells = selectors.quality_cells(start=start, end=end, today=end + datetime.timedelta(days=25))
    by_key = {(c.dataset.code, c.unit.name): c for c in cells}
    assert by_key[("housing_fund", "市住房公积金管理中心周村分中心")].problems == ["未报送"]
    assert by_key[("electricity", "区发展改革局")].problems == ["逾期4天"]
    assert by_key[("taxpayer", "区税务局")].problems == []
    assert by_key[("real_estate_tx", "区自然资源局")].accuracy == pytest.approx(38 / 40)
    assert by_key[("electricity", "区发展改革局")].registry_match == 1.0  # every code is registered
    assert by_key[("taxpayer", "区税务局")].registry_match is None
    page = client_for(users["cogov_office"]).get("/exchange/quality/", {"from": str(start), "to": str(end)})
    assert "市住房公积金管理中心周村分中心" in page.context["late_units"]
    assert "通报" in page.content.decode()
    assert client_for(users["liaison"]).get("/exchange/quality/").status_code == 403


def test_errors_report_downloads_with_the_bad_cells(client_for, provider, real_estate, rng):
    from openpyxl import load_workbook

    from gongzhi.exchange.validation import synthetic

    rows = [
        {
            "unit_no": "测试单元9",
            "seller_id": synthetic.id_card(rng),
            "buyer_id": "370306199001011235",
            "price": "1",
        },
        {"unit_no": "测试单元8", "seller_id": synthetic.id_card(rng), "buyer_id": "", "price": "1"},
    ]
    submission = submit_rows(real_estate, provider, "2025-12", rows)
    assert submission.rejected == 1 and submission.report_path
    own = UserFactory(role=Role.LIAISON, unit=provider)
    response = client_for(own).get(f"/exchange/submissions/{submission.pk}/report.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(book.sheetnames) >= 2
    text = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value)
    assert "身份证号校验位错误" in text
    other = UserFactory(role=Role.LIAISON)
    assert client_for(other).get(f"/exchange/submissions/{submission.pk}/report.xlsx").status_code == 404
