"""Reads of the credit app. Ratings are shared data (dataset `credit_rating`) and are read only
through the warehouse (`exchange.warehouse.open_warehouse`), which keeps the current row of each
(uscc, eval_year) and audits every read. `user=None` is the system (command line, jobs, demo).

Public for the other credit helpers (see /tmp/briefs/credit_api.md): `current_ratings`,
`rating_history`, `latest_rating`, `level_of`, `levels_of`.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db.models import Count, Q, QuerySet

from gongzhi.core import clock
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.permissions import require_capability
from gongzhi.credit.choices import Decision, Scenario
from gongzhi.credit.models import CreditCheck, JointMeasure
from gongzhi.credit.rules import level_problem
from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.exchange.validation import check_value
from gongzhi.exchange.warehouse import open_warehouse

DATASET = "credit_rating"
COLUMNS = "uscc, name, eval_year, level, score, d_reason, _submission_id, _source_row"


@dataclass(frozen=True)
class Rating:
    uscc: str
    name: str
    eval_year: int
    level: str
    score: Decimal | None
    d_reason: str | None
    submission_id: int
    source_row: int

    @property
    def problem(self) -> str | None:
        """Why the level contradicts the score (None: consistent)."""
        return level_problem(self.level, self.score, self.d_reason)


@dataclass(frozen=True)
class RatingVersion(Rating):
    current: bool = True
    submitted_at: datetime.datetime | None = None
    unit: str = ""
    filename: str = ""
    replaced_by: int | None = None  # the submission whose row replaced this one
    replaced_at: datetime.datetime | None = None
    replaced_reason: str = ""


def _rating(row: tuple) -> Rating:
    return Rating(*row)


def normalize_uscc(code: str | None) -> str:
    """The credit code as typed, cleaned; ApplicationError(invalid_input) in Chinese when it is
    not a valid 统一社会信用代码 (the check digit included)."""
    code = "".join((code or "").split()).upper()
    if not code:
        raise ApplicationError(ErrorCode.INVALID_INPUT, "请输入统一社会信用代码")
    if len(code) != 18 or check_value("uscc", code) is not None:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            f"“{code[:30]}”不是有效的统一社会信用代码（应为18位，校验位须正确）",
            {"uscc": code[:30]},
        )
    return code


def rating_dataset_ready() -> bool:
    """Whether the demand list has the rating dataset (without it there are no ratings)."""
    return Dataset.objects.filter(code=DATASET, current_version__isnull=False).exists()


def _open(user, purpose: str, **kwargs):
    return open_warehouse(user=user, datasets=[DATASET], purpose=purpose, capability="credit.view", **kwargs)


def current_ratings(year: int, *, user=None, purpose: str = "纳税信用名单") -> list[Rating]:
    """The current row of each taxpayer of evaluation year `year` (the latest submission of each
    key wins), sorted by credit code."""
    if not rating_dataset_ready():
        return []
    with _open(user, purpose) as wh:
        rows = wh.rows(f"SELECT {COLUMNS} FROM {DATASET} WHERE eval_year = ? ORDER BY uscc", [int(year)])
        wh.detail["eval_year"] = int(year)
    return [_rating(r) for r in rows]


def rating_years(*, user=None, purpose: str = "纳税信用名单") -> list[tuple[int, dict[str, int]]]:
    """Evaluation years with their count of taxpayers per level, latest first."""
    with _open(user, purpose) as wh:
        rows = wh.rows(f"SELECT eval_year, level, count(*) FROM {DATASET} GROUP BY 1, 2 ORDER BY 1 DESC, 2")
    years: dict[int, dict[str, int]] = {}
    for year, level, count in rows:
        years.setdefault(year, {})[level] = count
    return list(years.items())


def _replaced_reason(old: Rating, new: Rating) -> str:
    if old.level != new.level:
        return f"级别由{old.level}级调整为{new.level}级"
    if old.score != new.score:
        return "评价得分更正"
    if (old.d_reason or "") != (new.d_reason or ""):
        return "D级原因更正"
    return "重新报送，内容未变"


def rating_history(uscc: str, *, user=None, purpose: str = "纳税信用记录") -> list[RatingVersion]:
    """Every row ever submitted for the taxpayer (rows of every accepted submission, replaced ones
    included), oldest first, each with the submission it came from and, when replaced, by which
    submission, when and why."""
    uscc = normalize_uscc(uscc)
    with _open(user, purpose) as wh:
        rows = wh.rows(
            f'SELECT {COLUMNS} FROM "typed_{DATASET}" WHERE uscc = ? '
            "ORDER BY eval_year, _submission_id, _source_row",
            [uscc],
        )
        wh.detail["uscc"] = uscc
    ratings = [_rating(r) for r in rows]
    subs = {
        s.pk: s
        for s in Submission.objects.filter(pk__in={r.submission_id for r in ratings}).select_related("unit")
    }
    out: list[RatingVersion] = []
    for index, r in enumerate(ratings):
        later = ratings[index + 1] if index + 1 < len(ratings) else None
        if later is not None and later.eval_year != r.eval_year:
            later = None
        sub, by = subs.get(r.submission_id), subs.get(later.submission_id) if later else None
        out.append(
            RatingVersion(
                *(getattr(r, f) for f in Rating.__dataclass_fields__),
                current=later is None,
                submitted_at=sub.created_at if sub else None,
                unit=sub.unit.name if sub else "",
                filename=sub.filename if sub else "",
                replaced_by=later.submission_id if later else None,
                replaced_at=by.created_at if by else None,
                replaced_reason=_replaced_reason(r, later) if later else "",
            )
        )
    return out


class _LatestIndex:
    """Each taxpayer's rating of its latest evaluation year, built from one warehouse read and kept
    while the set of current rating submissions (and their files) is unchanged: the check answers
    from it in well under a millisecond instead of opening DuckDB per request. Checked against the
    database on every use, so every process sees a new or superseded submission at once; a stored
    file gone missing makes the next use rebuild, and the warehouse refuses (DATA_MISSING)."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.rows: dict[str, Rating] = {}
        self.lock = threading.Lock()

    @staticmethod
    def current_key() -> tuple:
        files = tuple(
            Submission.objects.filter(dataset__code=DATASET, state__in=SubmissionState.visible())
            .order_by("pk")
            .values_list("pk", "parquet_path")
        )
        if any(path and not Path(path).is_file() for _pk, path in files):
            return ("missing", *files)
        return files

    def get(self, uscc: str) -> Rating | None:
        key = self.current_key()
        with self.lock:
            if key != self.key or key[:1] == ("missing",):
                self.rows = self._build()
                self.key = key
            return self.rows.get(uscc)

    @staticmethod
    def _build() -> dict[str, Rating]:
        with _open(None, "联合奖惩核查：纳税信用（各纳税人最新评价年度）") as wh:
            rows = wh.rows(
                f"SELECT {COLUMNS} FROM {DATASET} WHERE uscc IS NOT NULL "
                "QUALIFY row_number() OVER (PARTITION BY uscc ORDER BY eval_year DESC) = 1"
            )
            wh.detail["index"] = len(rows)
        return {r[0]: _rating(r) for r in rows}


_LATEST = _LatestIndex()


def latest_rating(uscc: str, *, user=None, purpose: str = "纳税信用查询") -> Rating | None:
    """The current rating of the latest evaluation year the taxpayer has one for; None: no rating.
    The system's reads (user=None: the check, commands) answer from the index of the latest
    ratings (see `_LatestIndex`); a person's read goes to the warehouse with its purpose."""
    if not rating_dataset_ready():
        return None
    if user is None:
        return _LATEST.get(uscc)
    with _open(user, purpose) as wh:
        rows = wh.rows(
            f"SELECT {COLUMNS} FROM {DATASET} WHERE uscc = ? ORDER BY eval_year DESC LIMIT 1", [uscc]
        )
        wh.detail["uscc"] = uscc
    return _rating(rows[0]) if rows else None


def level_of(uscc: str, *, user=None) -> str | None:
    rating = latest_rating(uscc, user=user)
    return rating.level if rating else None


def levels_of(usccs: Iterable[str] | None = None, *, user=None, purpose: str = "纳税信用查询") -> dict:
    """uscc -> (eval_year, level) of each taxpayer's latest evaluation year (all rated taxpayers
    when `usccs` is None); one warehouse read. Empty without the rating dataset."""
    if not rating_dataset_ready():
        return {}
    sql = (
        f"SELECT uscc, arg_max(eval_year, eval_year), arg_max(level, eval_year) FROM {DATASET} "
        "WHERE uscc IS NOT NULL"
    )
    params: list = []
    if usccs is not None:
        sql += " AND list_contains(?, uscc)"
        params.append(sorted(set(usccs)))
    with _open(user, purpose) as wh:
        rows = wh.rows(sql + " GROUP BY uscc", params)
    return {uscc: (year, level) for uscc, year, level in rows}


def rating_problems(*, submission_ids: Iterable[int] | None = None) -> dict[int, list[str]]:
    """Current rows whose level contradicts the score (A with 65 …), per submission: the finding
    the data-quality view shows (read as the system). A row replaced by a later correction is no
    longer flagged."""
    sql = f"SELECT {COLUMNS} FROM {DATASET}"
    params: list = []
    if submission_ids is not None:
        ids = sorted(set(submission_ids))
        if not ids:
            return {}
        sql += " WHERE list_contains(?, _submission_id)"
        params.append(ids)
    with _open(None, "数据质量：纳税信用级别与得分一致性", missing="skip") as wh:
        rows = wh.rows(sql + " ORDER BY _submission_id, _source_row", params)
    out: dict[int, list[str]] = {}
    for row in rows:
        rating = _rating(row)
        if problem := rating.problem:
            out.setdefault(rating.submission_id, []).append(
                f"第{rating.submission_id}号报送第{rating.source_row}行 {rating.uscc}（{rating.eval_year}年度）{problem}"
            )
    return out


def data_date() -> datetime.datetime | None:
    """When the latest accepted rating submission arrived: how fresh the answer is."""
    return (
        Submission.objects.filter(dataset__code=DATASET, state__in=SubmissionState.visible())
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )


# --- joint measures ------------------------------------------------------------------


def measure_list(*, current_only: bool = True) -> QuerySet[JointMeasure]:
    measures = JointMeasure.objects.all()
    if current_only:
        measures = measures.filter(current=True)
    return measures.order_by("level", "kind", "code")


def applicable_measures(
    *, level: str | None, scenario: str, today: datetime.date | None = None
) -> list[JointMeasure]:
    """The current measures of the catalogue for a level and scenario, valid on `today`."""
    if not level:
        return []
    today = today or clock.today()
    return [
        m
        for m in JointMeasure.objects.filter(current=True, level=level).order_by("kind", "code")
        if scenario in m.scenarios and m.valid_on(today)
    ]


def check_scenario(scenario: str | None) -> str:
    scenario = (scenario or "").strip()
    if scenario not in Scenario.values:
        raise ApplicationError(
            ErrorCode.INVALID_INPUT,
            f"场景“{scenario[:30]}”无效（可选：{'、'.join(f'{v} {label}' for v, label in Scenario.choices)}）",
            {"scenarios": list(Scenario.values)},
        )
    return scenario


# --- checks and the 联合奖惩 ledger --------------------------------------------------


def check_list(*, user) -> QuerySet[CreditCheck]:
    """The checks the user may see: the office (credit.view_ledger) sees all; a unit its own."""
    return CreditCheck.objects.visible_to(user).select_related("unit").prefetch_related("measures")


def check_get(*, user, pk) -> CreditCheck:
    from gongzhi.core.permissions import access_or_404

    return access_or_404(check_list(user=user), pk)


@dataclass
class LedgerRow:
    unit: str
    checks: int
    with_measures: int
    applied: int
    not_applied: int
    pending: int

    @property
    def applied_rate(self) -> float | None:
        decided = self.applied + self.not_applied
        return self.applied / decided if decided else None


def ledger(*, user, start: datetime.date | None = None, end: datetime.date | None = None) -> list[LedgerRow]:
    """联合奖惩台账: per department, how often it checked, how many checks had measures, and how
    often it applied them."""
    require_capability(user, "credit.view_ledger")
    checks = CreditCheck.objects.all()
    if start:
        checks = checks.filter(checked_at__date__gte=start)
    if end:
        checks = checks.filter(checked_at__date__lte=end)
    rows = (
        checks.values("unit__name")
        .annotate(
            n=Count("pk", distinct=True),
            with_measures=Count("pk", filter=Q(measures__isnull=False), distinct=True),
            applied=Count("pk", filter=Q(decision=Decision.APPLIED), distinct=True),
            not_applied=Count("pk", filter=Q(decision=Decision.NOT_APPLIED), distinct=True),
            pending=Count("pk", filter=Q(decision=Decision.PENDING), distinct=True),
        )
        .order_by("-n", "unit__name")
    )
    return [
        LedgerRow(
            unit=r["unit__name"] or "（系统/命令行）",
            checks=r["n"],
            with_measures=r["with_measures"],
            applied=r["applied"],
            not_applied=r["not_applied"],
            pending=r["pending"],
        )
        for r in rows
    ]
