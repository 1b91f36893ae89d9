"""`gongzhi worker`: the job worker (django-tasks db_worker) with a heartbeat and recovery."""

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from gongzhi.core import jobs


class Command(BaseCommand):
    help = "运行后台任务执行进程（含心跳与中断任务恢复）"

    def add_arguments(self, parser):
        parser.add_argument("--beat-seconds", type=float, default=10.0)
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *args, beat_seconds: float, interval: float, max_tasks: int | None, **options):
        worker_id = jobs.new_worker_id()
        jobs.WORKER_ID = worker_id
        jobs.worker_beat(worker_id, started=True)
        recovered = jobs.jobs_recover()
        if recovered:
            self.stdout.write(f"已恢复中断的任务：{recovered}")
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(beat_seconds):
                try:
                    jobs.worker_beat(worker_id)
                    jobs.jobs_recover()
                except Exception:  # keep beating; a passing database error must not kill it
                    jobs.logger.exception("worker heartbeat failed")
                finally:
                    close_old_connections()

        thread = threading.Thread(target=beat, name="gongzhi-heartbeat", daemon=True)
        thread.start()
        try:
            extra = {"max_tasks": max_tasks} if max_tasks else {}
            call_command("db_worker", worker_id=worker_id, interval=interval, startup_delay=False, **extra)
        finally:
            stop.set()
