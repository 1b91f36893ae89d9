"""/api/v1/cogov/assistance/: the assistance list (税费协助事项清单), the look-up a department runs
before it handles a matter (unit token or session), its outcome, and the ledger. The same
services and selectors as the pages: the same permissions, the same audit."""

from datetime import date, datetime

from ninja import Router, Schema

from gongzhi.cogov import selectors_assistance as selectors
from gongzhi.cogov import services_assistance as services
from gongzhi.cogov.choices_assistance import LookupChannel
from gongzhi.core import clock
from gongzhi.core.api import errors

router = Router(tags=["税费协助事项"])


class VersionOut(Schema):
    version: int
    state: str
    matter: str
    conditions: list[dict]
    condition_labels: list[str]
    legal_basis: str
    units: list[str]
    effective_from: date | None
    change_reason: str


class ItemOut(Schema):
    id: int
    code: str
    matter: str
    current: VersionOut | None
    retired_on: date | None


class ItemDetailOut(ItemOut):
    retired_reason: str
    versions: list[VersionOut]


def _version(v) -> dict | None:
    if v is None:
        return None
    return {
        "version": v.version,
        "state": v.state,
        "matter": v.matter,
        "conditions": v.conditions,
        "condition_labels": v.condition_labels(),
        "legal_basis": v.legal_basis,
        "units": [u.name for u in v.units.all()],
        "effective_from": v.effective_from,
        "change_reason": v.change_reason,
    }


def _item(row) -> dict:
    shown = row.current or row.shown
    return {
        "id": row.item.pk,
        "code": row.item.code,
        "matter": shown.matter if shown else row.item.code,
        "current": _version(row.current),
        "retired_on": row.item.retired_on,
    }


@router.get(
    "/assistance/items",
    response={200: list[ItemOut], **errors()},
    summary="协助事项清单：现行事项（部门只列适用于本单位的）",
)
def assistance_items(request):
    rows = selectors.item_rows(user=request.principal, today=clock.today())
    return [_item(r) for r in rows if r.current is not None]


@router.get(
    "/assistance/items/{item_id}",
    response={200: ItemDetailOut, **errors(404)},
    summary="协助事项及其版本记录",
)
def assistance_item(request, item_id: int):
    row = selectors.item_get(user=request.principal, pk=item_id)
    versions = [
        v for v in row.item.versions.all() if selectors.sees_all(request.principal) or v.state == "approved"
    ]
    return {
        **_item(row),
        "retired_reason": row.item.retired_reason,
        "versions": [_version(v) for v in versions],
    }


class LookupIn(Schema):
    item: str
    code: str
    purpose: str = ""


class CheckOut(Schema):
    kind: str
    label: str
    ok: bool | None
    detail: str


class LookupOut(Schema):
    lookup_id: int
    item: str
    matter: str
    version: int
    subject: str
    name: str | None
    passed: bool | None
    checks: list[CheckOut]
    data_date: datetime | None
    outcome: str
    handling: str
    looked_up_at: datetime


def _lookup(record) -> dict:
    return {
        "lookup_id": record.pk,
        "item": record.item.code,
        "matter": record.version.matter,
        "version": record.version.version,
        "subject": record.subject,
        "name": record.taxpayer_name or None,
        "passed": record.passed,
        "checks": record.checks,
        "data_date": record.data_date,
        "outcome": record.outcome,
        "handling": record.handling,
        "looked_up_at": record.looked_up_at,
    }


@router.post(
    "/assistance/lookups",
    response={200: LookupOut, **errors(400, 404, 503)},
    summary="涉税查验：按协助事项现行版本逐项查验（每次查验留痕，待记录查验结果）",
)
def assistance_lookup(request, body: LookupIn):
    record = services.lookup_run(
        actor=request.principal,
        item_code=body.item,
        code=body.code,
        purpose=body.purpose,
        channel=LookupChannel.API,
    )
    return _lookup(record)


@router.get(
    "/assistance/lookups/{lookup_id}",
    response={200: LookupOut, **errors(404)},
    summary="一次涉税查验及其查验结果",
)
def assistance_lookup_get(request, lookup_id: int):
    return _lookup(selectors.lookup_get(user=request.principal, pk=lookup_id))


class OutcomeIn(Schema):
    outcome: str  # passed | failed
    handling: str = ""


@router.post(
    "/assistance/lookups/{lookup_id}/outcome",
    response={200: LookupOut, **errors(400, 404, 409)},
    summary="记录查验结果：查验通过（passed）或未通过（failed），及经办人处理结果",
)
def assistance_outcome(request, lookup_id: int, body: OutcomeIn):
    record = selectors.lookup_get(user=request.principal, pk=lookup_id)
    record = services.lookup_outcome(
        actor=request.principal, lookup=record, outcome=body.outcome, handling=body.handling
    )
    return _lookup(record)


class LedgerOut(Schema):
    unit: str
    item: str
    item_id: int
    lookups: int
    passed: int
    failed: int
    pending: int
    overdue: int


@router.get(
    "/assistance/ledger",
    response={200: list[LedgerOut], **errors()},
    summary="查验台账：各部门各事项的查验次数、通过、未通过、待记录（部门只看本单位）",
)
def assistance_ledger(request, start: date | None = None, end: date | None = None):
    rows = selectors.ledger(user=request.principal, today=clock.today(), start=start, end=end)
    return [r.__dict__ for r in rows]
