"""Issue 15, items 1, 2 and 6: schemes as versioned data, scores computed only from platform
records with the records behind every lost point, the exact command line, reproducibility."""

import datetime
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command
from factories import LeadFactory, UserFactory, uscc

from gongzhi.assessment import services
from gongzhi.assessment.choices import ManualKind, RunStatus
from gongzhi.assessment.models import Scheme, ScoreRun
from gongzhi.assessment.schemes import parse_assessment_period
from gongzhi.assessment.selectors import run_payload
from gongzhi.core.exceptions import ApplicationError
from gongzhi.core.models import AuditEntry
from gongzhi.core.periods import PeriodError
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.selectors import quality_problems
from gongzhi.org.models import Unit
from gongzhi.taxrisk.services import lead_dismiss

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def _previous_half(day: datetime.date):
    """The last half-year that ended before ``day``."""
    return parse_assessment_period(f"{day.year - 1}H2" if day.month <= 6 else f"{day.year}H1")


def _current_half(day: datetime.date):
    return parse_assessment_period(f"{day.year}H{1 if day.month <= 6 else 2}")


def test_periods_parse_half_years_and_years():
    assert parse_assessment_period("2025H1").text == "2025H1"
    assert parse_assessment_period("2025h2").end == datetime.date(2025, 12, 31)
    assert parse_assessment_period("2025").start == datetime.date(2025, 1, 1)
    with pytest.raises(PeriodError, match="考核期间“2025H3”无法识别"):
        parse_assessment_period("2025H3")


def test_schemes_command_prints_the_contract(demo, capsys):
    call_command("assess", "schemes", "--json")
    out = json.loads(capsys.readouterr().out)
    codes = {s["code"]: s for s in out["schemes"]}
    assert {"cogov", "child_friendly"} <= set(codes)
    for s in out["schemes"]:
        assert set(s) == {"code", "name", "periods"}
        assert isinstance(s["name"], str) and s["name"]
    half = _current_half(demo).text
    assert half in codes["child_friendly"]["periods"]
    assert str(demo.year) in codes["child_friendly"]["periods"]


@pytest.mark.parametrize("scheme", ["cogov", "child_friendly"])
def test_score_command_prints_the_contract(demo, capsys, scheme):
    period = _current_half(demo).text
    call_command("assess", "score", "--scheme", scheme, "--period", period, "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["scheme"] == scheme and out["period"] == period
    assert out["units"], "every scheme assesses units of the demo"
    previous = None
    for position, unit in enumerate(out["units"], start=1):
        assert set(unit) == {"unit", "score", "rank", "items"}
        # items add up to the score
        assert sum(Decimal(str(i["points"])) for i in unit["items"]) == Decimal(str(unit["score"]))
        # ranks follow scores; ties share a rank (1, 1, 3)
        if previous is None:
            assert unit["rank"] == 1
        elif unit["score"] == previous["score"]:
            assert unit["rank"] == previous["rank"]
        else:
            assert unit["score"] < previous["score"] and unit["rank"] == position
        for item in unit["items"]:
            assert set(item) == {"criterion", "points", "max_points", "evidence"}
            if item["points"] < item["max_points"]:
                assert item["evidence"], f"{unit['unit']} {item['criterion']} lost points without records"
            for e in item["evidence"]:
                assert set(e) == {"kind", "id", "text"} and isinstance(e["id"], int) and e["text"]
        previous = unit


def test_the_demo_scores_differ_between_units(demo, capsys):
    """The demo's last half-year: differences between units come from its own records."""
    call_command(
        "assess", "score", "--scheme", "child_friendly", "--period", _previous_half(demo).text, "--json"
    )
    out = json.loads(capsys.readouterr().out)
    assert len({u["score"] for u in out["units"]}) > 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scheme", "nope", "--period", "2025H1"], "考核办法“nope”不存在"),
        (["--scheme", "cogov", "--period", "2025H3"], "考核期间“2025H3”无法识别"),
        (["--scheme", "cogov", "--period", "1999"], "考核期间“1999”没有税费协同共治考核的数据"),
    ],
)
def test_score_command_refuses_unknown_scheme_or_period(demo, capsys, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("assess", "score", *args, "--json")
    assert capsys.readouterr().out == ""


def test_an_overdue_lead_costs_points_and_names_the_lead(demo, users):
    scheme = Scheme.objects.get(code="cogov") if Scheme.objects.filter(code="cogov").exists() else None
    scheme = scheme or {s.code: s for s in services.ensure_default_schemes()}["cogov"]
    period = _previous_half(demo)
    town = Unit.objects.filter(kind="town").order_by("name").first()
    late = LeadFactory(
        assignee_unit=town, status="dispatched", deadline=period.end - datetime.timedelta(days=10)
    )
    closed = LeadFactory(
        assignee_unit=town, status="dispatched", deadline=period.end - datetime.timedelta(days=5)
    )
    lead_dismiss(
        actor=None, lead=closed, reason="already_paid", note="已在其他期间缴纳"
    )  # closed today: late
    on_time = LeadFactory(
        assignee_unit=town, status="dispatched", deadline=demo + datetime.timedelta(days=400)
    )
    run = services.score_compute(actor=None, scheme=scheme, period=period)
    units = {u["unit"]: u for u in run_payload(run)["units"]}
    assert town.name in units
    item = next(i for i in units[town.name]["items"] if i["criterion"] == "leads")
    assert {e["id"] for e in item["evidence"]} == {late.pk, closed.pk}
    assert on_time.pk not in {e["id"] for e in item["evidence"]}
    assert item["points"] == 20 - 4 - 4
    assert all(e["kind"] == "lead" for e in item["evidence"])


def test_deduction_and_veto_recorded_by_the_office(demo, users):
    scheme = {s.code: s for s in services.ensure_default_schemes()}["child_friendly"]
    period = _current_half(demo)
    first = services.score_compute(actor=users["plan_office"], scheme=scheme, period=period)
    a, b = [s.unit for s in first.scores.order_by("unit__name")[:2]]
    with pytest.raises(ApplicationError, match="一票否决须附证明材料"):
        services.manual_item_record(
            actor=users["plan_office"],
            scheme=scheme,
            unit=b,
            period=period.text,
            kind=ManualKind.VETO,
            points=None,
            reason="数据挪作他用",
            day=demo,
        )
    with pytest.raises(ApplicationError, match="没有权限"):
        services.manual_item_record(
            actor=users["liaison"],
            scheme=scheme,
            unit=a,
            period=period.text,
            kind=ManualKind.DEDUCTION,
            points=Decimal("3"),
            reason="x",
            day=demo,
        )
    deduction = services.manual_item_record(
        actor=users["plan_office"],
        scheme=scheme,
        unit=a,
        period=period.text,
        kind=ManualKind.DEDUCTION,
        points=Decimal("3"),
        reason="未按要求参加督查（合成数据）",
        day=demo,
    )
    veto = services.manual_item_record(
        actor=users["plan_office"],
        scheme=scheme,
        unit=b,
        period=period.text,
        kind=ManualKind.VETO,
        points=None,
        reason="共享数据挪作他用（合成数据）",
        day=demo,
        attachment=("说明.png", PNG),
    )
    assert AuditEntry.objects.filter(action="assessment_manual_recorded", object_id=str(veto.pk)).exists()
    second = services.score_compute(actor=users["plan_office"], scheme=scheme, period=period)
    assert second.pk != first.pk
    old = {s.unit_id: s.score for s in first.scores.all()}
    new = {s.unit_id: s for s in second.scores.all()}
    assert new[a.pk].score == old[a.pk] - 3
    ded = new[a.pk].items.get(criterion="deductions")
    assert ded.points == -3 and ded.evidence.get().ref == deduction.pk
    assert new[b.pk].score == 0 and new[b.pk].vetoed
    assert new[b.pk].items.get(criterion="veto").evidence.get().ref == veto.pk
    assert new[b.pk].rank == max(s.rank for s in new.values())


def test_a_scheme_edit_rescores_in_a_new_version_and_never_changes_a_frozen_run(demo, users):
    """Figure: a scheme edit re-scores a past period reproducibly in a new version; the frozen run
    stays as it was."""
    scheme = {s.code: s for s in services.ensure_default_schemes()}["child_friendly"]
    period = _current_half(demo)
    office, approver = users["plan_office"], users["admin"]
    run = services.score_compute(actor=office, scheme=scheme, period=period)
    # the same inputs: the same numbers (the same run comes back)
    assert services.score_compute(actor=office, scheme=scheme, period=period).pk == run.pk
    frozen_payload = run_payload(run)
    services.run_publish(actor=office, run=run, appeal_deadline=demo)
    services.run_submit(actor=office, run=run)
    services.run_approve(actor=approver, run=run)
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    version = scheme.current
    criteria = [dict(c) for c in version.criteria]
    for c in criteria:
        if c["code"] == "task_reports":
            c["params"] = {**c["params"], "per_missing": 5}
    new_version = services.scheme_version_save(
        actor=office, scheme=scheme, criteria=criteria, note="未报送加重扣分"
    )
    assert new_version.version == version.version + 1
    assert AuditEntry.objects.filter(action="assessment_scheme_saved", object_id=str(new_version.pk)).exists()
    scheme.refresh_from_db()
    rerun = services.score_compute(actor=office, scheme=scheme, period=period)
    assert rerun.pk != run.pk and rerun.version_id == new_version.pk
    # reproducible in the new version too
    assert services.score_compute(actor=office, scheme=scheme, period=period).pk == rerun.pk
    # the frozen run is untouched
    assert run_payload(ScoreRun.objects.get(pk=run.pk)) == frozen_payload
    version.refresh_from_db()
    assert version.criteria != criteria
    with pytest.raises(ApplicationError, match="评分细则没有变化"):
        services.scheme_version_save(actor=office, scheme=scheme, criteria=criteria)


def _late_rows(dataset: Dataset, month: str) -> list[dict]:
    """One row of the dataset's fields (whether the checks accept it does not matter: any
    submission but a failed one counts as sent)."""
    row = {}
    for f in dataset.current_version.to_spec().fields:
        kind = str(f.type)
        row[f.code] = (
            uscc()
            if f.code == "uscc"
            else month
            if f.code == "period"
            else f"{month}-01"
            if "date" in kind
            else "1"
            if kind in ("decimal", "integer", "int", "number")
            else "测试（合成数据）"
        )
    return [row]


def test_a_past_half_year_scores_the_same_later_and_a_scheme_edit_never_changes_its_frozen_run(demo, users):
    """Figure, on the previous half-year of the co-governance scheme: the same inputs give the
    same numbers; records made after the period (a month sent late, an overdue lead closed) do
    not change its score when it is recomputed later; a scheme edit scores it in a new version
    and the frozen run's payload stays byte for byte."""
    from factories import submit_rows

    scheme = {s.code: s for s in services.ensure_default_schemes()}["cogov"]
    period = _previous_half(demo)
    office, approver = users["cogov_office"], users["admin"]
    unit = services.scheme_units(scheme)[0]
    lead = LeadFactory(
        assignee_unit=unit, status="dispatched", deadline=period.end - datetime.timedelta(days=10)
    )
    run = services.score_compute(actor=office, scheme=scheme, period=period)
    assert run.as_of == period.end
    # the same inputs: the same numbers, and the same run comes back
    again = services.score_compute_rows(version=scheme.current, period=period, as_of=run.as_of)
    assert services._fingerprint(scheme.current, period, run.as_of, again) == run.fingerprint
    assert services.score_compute(actor=office, scheme=scheme, period=period).pk == run.pk
    frozen = json.dumps(run_payload(run), ensure_ascii=False, sort_keys=True).encode()
    leads_item = next(u for u in run_payload(run)["units"] if u["unit"] == unit.name)["items"]
    assert any(e["id"] == lead.pk for i in leads_item if i["criterion"] == "leads" for e in i["evidence"])
    missing = next(
        q for q in quality_problems(start=period.start, end=period.end, today=period.end) if q.missing
    )
    item = missing.missing[0]
    services.run_publish(actor=office, run=run, appeal_deadline=demo)
    services.run_submit(actor=office, run=run)
    services.run_approve(actor=approver, run=run)

    later = datetime.datetime.combine(
        demo + datetime.timedelta(days=45),
        datetime.time(10, 0),
        tzinfo=datetime.timezone(datetime.timedelta(hours=8)),
    )
    with time_machine.travel(later, tick=False):
        # records made after the period: the missing month sent now, the overdue lead closed now
        dataset = Dataset.objects.get(pk=item.dataset_id)
        sent = submit_rows(dataset, missing.unit, item.period, _late_rows(dataset, item.period))
        assert sent.state != "failed"
        lead_dismiss(actor=None, lead=lead, reason="already_paid", note="已在其他期间缴纳（合成数据）")
        today = later.date()
        # judged today they count: the month is late, no longer missing, and the lead was closed late
        now = next(
            q for q in quality_problems(start=period.start, end=period.end, today=today, units=[missing.unit])
        )
        assert item.period in {i.period for i in now.late if i.dataset_id == item.dataset_id}
        assert services.score_compute_rows(version=scheme.current, period=period, as_of=today) != again
        # judged on the period's last day, as a recomputation does: nothing changed
        assert services.score_compute(actor=office, scheme=scheme, period=period).pk == run.pk
        assert json.dumps(run_payload(run), ensure_ascii=False, sort_keys=True).encode() == frozen

        # a scheme edit: a new version scores the past period, the frozen run stays byte for byte
        criteria = [dict(c) for c in scheme.current.criteria]
        for c in criteria:
            if c["code"] == "leads":
                before = Decimal(str(c["params"]["per_overdue"]))
                c["params"] = {**c["params"], "per_overdue": float(before + 3)}
        version = services.scheme_version_save(
            actor=office, scheme=scheme, criteria=criteria, note="疑点逾期加重扣分"
        )
        scheme.refresh_from_db()
        rerun = services.score_compute(actor=office, scheme=scheme, period=period)
        assert rerun.pk != run.pk and rerun.version_id == version.pk and rerun.as_of == period.end
        old = {u["unit"]: u["score"] for u in json.loads(frozen)["units"]}
        new = {u["unit"]: u["score"] for u in run_payload(rerun)["units"]}
        assert new[unit.name] < old[unit.name]
        weights = {
            r.version_id: r.scores.get(unit=unit)
            .items.get(criterion="leads")
            .evidence.get(kind="lead", ref=lead.pk)
            .points
            for r in (run, rerun)
        }
        assert weights == {
            run.version_id: before,
            rerun.version_id: before + 3,
        }  # the overdue lead weighs more
        assert services.score_compute(actor=office, scheme=scheme, period=period).pk == rerun.pk
        stored = ScoreRun.objects.get(pk=run.pk)
        assert stored.status == RunStatus.APPROVED
        assert json.dumps(run_payload(stored), ensure_ascii=False, sort_keys=True).encode() == frozen


def test_criteria_are_checked(users):
    scheme = services.ensure_default_schemes()[0]
    bad = [{"code": "x", "name": "x", "max_points": 10, "kind": "nope", "params": {}}]
    with pytest.raises(ApplicationError, match="计分方式“nope”不存在"):
        services.scheme_version_save(actor=users["cogov_office"], scheme=scheme, criteria=bad)
    with pytest.raises(ApplicationError, match="没有权限"):
        services.scheme_version_save(actor=users["liaison"], scheme=scheme, criteria=scheme.current.criteria)


def test_an_accepted_appeal_lifts_a_veto_and_the_items_still_add_up(demo, users):
    scheme = {s.code: s for s in services.ensure_default_schemes()}["child_friendly"]
    period = _current_half(demo)
    office = users["plan_office"]
    first = services.score_compute(actor=office, scheme=scheme, period=period)
    unit = first.scores.order_by("-unit__name").first().unit
    services.manual_item_record(
        actor=office,
        scheme=scheme,
        unit=unit,
        period=period.text,
        kind=ManualKind.VETO,
        points=None,
        reason="共享数据挪作他用（合成数据）",
        day=demo,
        attachment=("说明.png", PNG),
    )
    run = services.score_compute(actor=office, scheme=scheme, period=period)
    services.run_publish(actor=office, run=run, appeal_deadline=demo)
    score = run.scores.get(unit=unit)
    assert score.vetoed and score.score == 0
    veto = score.items.get(criterion="veto")
    appeal = services.appeal_file(
        actor=UserFactory(unit=unit), item=veto, reason="该数据用于批准的用途（合成数据）"
    )
    with pytest.raises(ApplicationError, match="调整后得分应为0"):
        services.appeal_decide(actor=office, appeal=appeal, accept=True, note="x", new_points=Decimal("5"))
    services.appeal_decide(
        actor=office, appeal=appeal, accept=True, note="核实为批准用途，撤销否决", new_points=0
    )
    score.refresh_from_db()
    assert not score.vetoed and score.score == first.scores.get(unit=unit).score
    for unit_score in run_payload(ScoreRun.objects.get(pk=run.pk))["units"]:
        assert sum(Decimal(str(i["points"])) for i in unit_score["items"]) == Decimal(
            str(unit_score["score"])
        )
