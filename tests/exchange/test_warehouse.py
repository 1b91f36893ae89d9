"""The warehouse: the one door to shared data — the catalog's schema, current rows, who may
read what, masking, and an audit entry for every read."""

import pytest

from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.masking import mask_id_number, mask_name, mask_phone
from gongzhi.core.models import AuditEntry
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.services import catalog_load, submission_create
from gongzhi.exchange.tables import Column, mask_sql
from gongzhi.exchange.warehouse import dataset_access, open_warehouse
from gongzhi.org.models import Unit
from gongzhi.taxrisk import services as taxrisk_services
from gongzhi.taxrisk.models import RiskRule


def _submit(write_csv, rows, *, period, name):
    return submission_create(
        actor=None,
        dataset=Dataset.objects.get(code="electricity"),
        unit=Unit.objects.get(name="区发展改革局"),
        period=period,
        source_path=write_csv(rows, ["uscc", "period", "kwh"], name),
        filename=name,
        background=False,
    )


def test_views_are_typed_by_the_catalog_and_show_the_current_row_of_each_key(
    db, write_csv, make_uscc, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    a, b = make_uscc(), make_uscc()
    _submit(write_csv, [{"uscc": a, "period": "2025-10", "kwh": "100.5"}], period="2025-10", name="a.csv")
    # a later submission corrects A's October figure (same key) and adds B
    later = _submit(
        write_csv,
        [{"uscc": a, "period": "2025-10", "kwh": "120"}, {"uscc": b, "period": "2025-11", "kwh": "7"}],
        period="2025-11",
        name="b.csv",
    )
    with open_warehouse(user=None, datasets=["electricity"], purpose="测试：当前数据") as wh:
        assert wh.tables["electricity"].column("kwh").type == "DECIMAL(18, 4)"  # scale from the catalog
        rows = wh.query(
            "SELECT uscc, period, kwh, _submission_id FROM electricity WHERE list_contains(?, uscc) ORDER BY uscc",
            [[a, b]],
        )
        every = wh.scalar("SELECT count(*) FROM typed_electricity WHERE list_contains(?, uscc)", [[a, b]])
    assert {(r["uscc"], str(r["kwh"]), r["_submission_id"]) for r in rows} == {
        (a, "120.0000", later.pk),
        (b, "7.0000", later.pk),
    }
    assert every == 3  # the replaced row is still there, only not current
    entry = AuditEntry.objects.filter(action="shared_data_read").latest("seq")
    assert entry.purpose == "测试：当前数据" and entry.detail["datasets"] == ["electricity"]
    assert entry.detail["returned"] == 2


def test_a_unit_without_a_grant_reads_nothing_and_nothing_is_audited(users):
    before = AuditEntry.objects.count()
    with pytest.raises(ApplicationError, match="没有该数据项的使用授权"):
        with open_warehouse(user=users["liaison"], datasets=["real_estate_tx"], purpose="试探"):
            pass
    assert AuditEntry.objects.count() == before


def test_a_capability_opens_every_unit_with_personal_fields_masked(users):
    dataset = Dataset.objects.get(code="real_estate_tx")
    access = dataset_access(user=users["cogov_office"], dataset=dataset, capability="taxrisk.view_leads")
    assert access.all_units and not access.personal
    # the tax bureau's approved grant covers personal data: it sees them, capability or not
    covered = dataset_access(user=users["tax_officer"], dataset=dataset, capability="taxrisk.view_leads")
    assert covered.personal and covered.grant is not None
    with open_warehouse(
        user=users["cogov_office"],
        datasets=["real_estate_tx"],
        purpose="核实疑点",
        capability="taxrisk.view_leads",
    ) as wh:
        assert wh.masked("real_estate_tx") == ["seller_id", "buyer_id"]
        ids = [
            r[0] for r in wh.rows("SELECT buyer_id FROM real_estate_tx WHERE buyer_id IS NOT NULL LIMIT 20")
        ]
    assert ids and all(len(i) == 18 and i[6:14] == "********" for i in ids)
    with pytest.raises(ApplicationError, match="须说明用途"):
        with open_warehouse(user=None, datasets=["taxpayer"], purpose="  "):
            pass


@pytest.mark.parametrize(
    "column, value, expected",
    [
        (Column("buyer_id", "VARCHAR", "买方身份证号", True, "id_card"), "370306198001011234", None),
        (Column("phone", "VARCHAR", "联系电话", True, "phone"), "13912345678", None),
        (Column("legal_rep", "VARCHAR", "法定代表人", True), "张三丰", None),
        (Column("note", "VARCHAR", "备注", True), "abc", "a**"),
    ],
)
def test_masking_in_sql_matches_the_python_masking(column, value, expected):
    import duckdb

    con = duckdb.connect()
    masked = con.execute(f"SELECT {mask_sql(column, '$v')}", {"v": value}).fetchall()[0][0]
    con.close()
    python = {"id_card": mask_id_number, "phone": mask_phone}.get(column.check, mask_name)(value)
    assert masked == (expected or python)


def test_a_field_renamed_in_the_catalog_fails_the_rule_naming_the_field(users, settings, tmp_path):
    """R02 reads real_estate_tx.buyer_uscc: after the demand list renames it, the rule fails
    loudly with the field's name, it does not read NULL and flag nobody; saving a rule that reads
    a field the catalog lacks is refused."""
    settings.DATA_DIR = tmp_path
    dataset = Dataset.objects.get(code="real_estate_tx")
    spec = dataset.current_version.spec
    renamed = {
        **spec,
        "code": "real_estate_tx",
        "name": dataset.name,
        "provider_units": ["区自然资源局"],
        "fields": [{**f, "code": "buyer_code"} if f["code"] == "buyer_uscc" else f for f in spec["fields"]],
        "required_one_of": [["seller_uscc", "seller_id"], ["buyer_code", "buyer_id"]],
    }
    import yaml

    catalog_load(
        actor=None, data=yaml.safe_dump([renamed], allow_unicode=True).encode(), filename="改名.yaml"
    )
    run = taxrisk_services.run_start(actor=None, rules=["R02"], background=False)
    assert "“buyer_uscc”不在需求清单当前版本中" in run.errors["R02"]
    current = RiskRule.objects.get(code="R02").current
    with pytest.raises(ApplicationError, match="buyer_uscc"):
        taxrisk_services.rule_save(
            actor=users["cogov_office"], code="R02", sql=current.sql, meta=current.meta
        )


def test_the_replaced_rows_are_stored_once_and_a_new_submission_is_never_read_stale(
    db, write_csv, make_uscc, settings, tmp_path, monkeypatch
):
    """The first read after a submission finds the replaced rows and stores them (named by the
    files they come from); later reads of the same files take them from the store; a new
    submission is a new set of files, so its rows are found afresh, never read from a stale
    resolution."""
    from gongzhi.exchange import tables

    settings.DATA_DIR = tmp_path
    store = tmp_path / "exchange" / "current"
    a, b = make_uscc(), make_uscc()
    _submit(write_csv, [{"uscc": a, "period": "2025-10", "kwh": "100"}], period="2025-10", name="a.csv")
    rows = [{"uscc": a, "period": "2025-10", "kwh": "120"}, {"uscc": b, "period": "2025-11", "kwh": "7"}]
    _submit(write_csv, rows, period="2025-11", name="b.csv")

    def current() -> set[tuple[str, str]]:
        with open_warehouse(user=None, datasets=["electricity"], purpose="测试：当前数据") as wh:
            found = wh.rows("SELECT uscc, kwh FROM electricity WHERE list_contains(?, uscc)", [[a, b]])
        return {(uscc, str(kwh)) for uscc, kwh in found}

    assert current() == {(a, "120.0000"), (b, "7.0000")}
    assert len(list(store.glob("electricity-*.parquet"))) == 1

    def not_again(*args, **kwargs):
        raise AssertionError("the replaced rows were looked for again")

    with monkeypatch.context() as patched:
        patched.setattr(tables, "superseded_sql", not_again)
        assert current() == {(a, "120.0000"), (b, "7.0000")}

    # a stored file that cannot be read (a crash, a partial restore) is found again and rewritten
    (kept,) = store.glob("electricity-*.parquet")
    kept.write_bytes(b"not parquet")
    assert current() == {(a, "120.0000"), (b, "7.0000")}
    assert kept.read_bytes()[:4] == b"PAR1"

    # a submission of another period (one of the same period would replace the whole of b.csv)
    _submit(write_csv, [{"uscc": b, "period": "2025-11", "kwh": "9"}], period="2025-12", name="c.csv")
    assert current() == {(a, "120.0000"), (b, "9.0000")}
    assert len(list(store.glob("electricity-*.parquet"))) == 2
