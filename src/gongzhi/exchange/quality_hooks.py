"""Content checks that apps above exchange declare for their datasets (the quality view calls them).

A check reads the rows of some submissions (through the warehouse) and says, per submission, which
rows contradict themselves in a way the row-level validation cannot express (e.g. a credit level
that does not fit its score). The rows stay accepted; the quality view lists the finding beside
completeness and the registry match, so it is not silently taken as consistent.

    # credit/apps.py, in ready():
    quality_hooks.register("credit_rating", rating_problems)  # (submission_ids) -> {id: [text, ...]}

An app above exchange may also add lines about each unit to the quality notice (the leads past their
verification deadline, from taxrisk), through `register_notice_lines`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from gongzhi.core.exceptions import ApplicationError

logger = logging.getLogger(__name__)

Check = Callable[[list[int]], dict[int, list[str]]]
_CHECKS: dict[str, Check] = {}


NoticeLines = Callable[..., dict]  # (start=, end=, today=, units=) -> {Unit: [text, ...]}
_NOTICE_LINES: list[NoticeLines] = []


def register(dataset_code: str, check: Check) -> None:
    _CHECKS[dataset_code] = check


def register_notice_lines(source: NoticeLines) -> None:
    if source not in _NOTICE_LINES:
        _NOTICE_LINES.append(source)


def notice_lines(*, start, end, today, units) -> dict:
    """Unit -> the lines the registered apps add about it to the quality notice of the window
    (units None: every unit)."""
    out: dict = {}
    for source in _NOTICE_LINES:
        for unit, lines in source(start=start, end=end, today=today, units=units).items():
            out.setdefault(unit, []).extend(lines)
    return out


def content_findings(submissions: Iterable) -> dict[int, list[str]]:
    """submission id -> the texts of its inconsistent rows, for the submissions whose dataset has a
    registered check. A check that cannot read its data (a missing file) is skipped with a warning:
    the quality view stays usable."""
    from gongzhi.exchange.choices import SubmissionState
    from gongzhi.exchange.models import Submission

    shown: dict[tuple, int] = {}  # (dataset, unit, period) -> the submission the view shows
    for s in submissions:
        if s is not None and s.dataset.code in _CHECKS:
            shown[(s.dataset_id, s.unit_id, s.period)] = s.pk
    if not shown:
        return {}
    # a dataset whose rows are replaced by key (replace: key) has several current submissions per
    # period: their findings are reported under the one the view shows
    by_code: dict[str, dict[int, int]] = {}
    for pk, code, dataset_id, unit_id, period in Submission.objects.filter(
        dataset_id__in={k[0] for k in shown}, state__in=SubmissionState.visible()
    ).values_list("pk", "dataset__code", "dataset_id", "unit_id", "period"):
        if (target := shown.get((dataset_id, unit_id, period))) is not None:
            by_code.setdefault(code, {})[pk] = target
    out: dict[int, list[str]] = {}
    for code, targets in by_code.items():
        try:
            found = _CHECKS[code](sorted(targets))
        except ApplicationError as exc:
            logger.warning("content check of %s skipped: %s", code, exc.message)
            continue
        for pk in sorted(found):
            out.setdefault(targets[pk], []).extend(found[pk])
    return out
