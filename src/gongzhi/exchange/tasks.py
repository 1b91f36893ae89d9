"""Job handlers of the exchange app."""

from gongzhi.core.jobs import job_handler, job_progress, job_progress_reporter
from gongzhi.exchange.models import Submission
from gongzhi.exchange.services import submission_fail, submission_validate


def submission_failed(job, error: str) -> None:
    submission_fail(submission_id=job.params["submission_id"], error=error)


@job_handler("exchange.validate", on_failure=submission_failed)
def validate_submission(job, *, submission_id: int) -> dict:
    submission = Submission.objects.select_related("dataset", "version", "unit").get(pk=submission_id)
    submission = submission_validate(submission=submission, progress=job_progress_reporter(job))
    job_progress(job, 100, f"{submission.get_state_display()}：{submission.accepted}/{submission.rows}行")
    return {
        "submission": submission.pk,
        "state": submission.state,
        "rows": submission.rows,
        "accepted": submission.accepted,
        "rejected": submission.rejected,
    }
