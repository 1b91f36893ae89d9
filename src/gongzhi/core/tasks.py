"""Job handlers of the core app."""

import time

from gongzhi.core.jobs import job_handler, job_progress


@job_handler("core.selfcheck")
def selfcheck(job, *, seconds: float = 1.0, steps: int = 10) -> dict:
    """自检任务：按步骤推进进度，用于确认任务执行进程在工作。"""
    for step in range(1, steps + 1):
        time.sleep(seconds / steps)
        job_progress(job, step * 100 / steps, f"自检第{step}/{steps}步")
    return {"steps": steps}
