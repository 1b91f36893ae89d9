"""Job handler of the economic analysis report: built in the background with progress for the
user who asked (its file is the job's result, downloaded by that user through
economy:report_download, which audits it)."""

from gongzhi.core.jobs import job_handler, job_progress


@job_handler("economy.report")
def report_job(job, *, period: str, mode: str, names: bool = False) -> dict:
    from gongzhi.core.models import JobRun
    from gongzhi.economy.report import report_docx, report_path

    out = report_path(job.pk)
    out.parent.mkdir(parents=True, exist_ok=True)
    path = report_docx(
        user=job.created_by,
        period=period,
        mode=mode,
        with_names=names,
        out=out,
        progress=lambda percent, message: job_progress(job, percent, message),
    )
    JobRun.objects.filter(pk=job.pk).update(result_file=str(path))
    return {"period": period, "mode": mode, "names": names, "size": path.stat().st_size}
