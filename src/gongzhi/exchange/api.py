from django.utils.translation import gettext as _
from ninja import Router, Schema

from gongzhi.core.api import errors
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.exchange import selectors, services

router = Router(tags=["数据共享"])


class FieldOut(Schema):
    code: str
    name: str
    type: str
    required: bool = False


class DatasetOut(Schema):
    code: str
    name: str
    version: int
    frequency: str
    due_day: int | None
    provider_units: list[str]
    fields: list[FieldOut]


@router.get("/datasets", response={200: list[DatasetOut], **errors()}, summary="需求清单（数据项及字段）")
def datasets(request):
    return [
        {
            "code": d.code,
            "name": d.name,
            "version": d.current_version.version,
            "frequency": d.frequency,
            "due_day": d.due_day,
            "provider_units": [u.name for u in d.provider_units.all()],
            "fields": [
                {
                    "code": f["code"],
                    "name": f["name"],
                    "type": f.get("type", "text"),
                    "required": bool(f.get("required")),
                }
                for f in d.current_version.spec["fields"]
            ],
        }
        for d in selectors.dataset_list()
        if d.current_version
    ]


class RowsIn(Schema):
    period: str
    rows: list[dict]


class RowErrorOut(Schema):
    row: int
    field: str | None
    value: str | None
    reason: str


class SubmissionOut(Schema):
    submission: int
    status: str
    rows: int
    accepted: int
    rejected: int
    errors: list[RowErrorOut]


def _submission_out(submission, *, api_rows: bool) -> dict:
    # pushed rows count from 1; a file's from its header line (= 1)
    return submission.outcome(row_shift=1 if api_rows else 0)


@router.post(
    "/datasets/{code}/rows",
    response={200: SubmissionOut, **errors(400, 404, 409)},
    summary="推送数据行（接口令牌，按本单位报送；校验规则同文件报送）",
)
def push_rows(request, code: str, body: RowsIn):
    principal = request.principal
    if principal.unit is None:
        raise ApplicationError(ErrorCode.PERMISSION_DENIED, _("调用者没有所属单位"))
    dataset = selectors.dataset_get(code=code)
    submission = services.submission_push_rows(
        actor=principal, dataset=dataset, unit=principal.unit, period=body.period, rows=body.rows
    )
    return _submission_out(submission, api_rows=True)


@router.get("/submissions/{submission_id}", response={200: SubmissionOut, **errors(404)}, summary="报送结果")
def submission(request, submission_id: int):
    sub = selectors.submission_get(user=request.principal, pk=submission_id)
    return _submission_out(sub, api_rows=sub.source == "api")
