"""`gongzhi serve`: the production server — gunicorn with the job worker beside it.

Why gunicorn: the product is a synchronous Django (WSGI) application; gunicorn is the WSGI
server Django documents, pure Python (nothing to build), with pre-forked worker processes
(a crash or a leak costs one process, which is replaced), threads per process for requests
waiting on the database, request timeouts, and graceful restarts (HUP reloads the code, TERM
lets requests in flight finish). Static files are collected first (collectstatic, unless
--no-collectstatic) under hashed names with gzip copies (core/staticstorage.py) and served by
WhiteNoise from STATIC_ROOT, cached for ever by those names, so no separate file server is needed.
Put it behind a TLS-terminating proxy (nginx, Caddy) and set GONGZHI_HTTPS=1 (README).
"""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def _default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 9)


class Command(BaseCommand):
    help = "以生产方式运行：gunicorn 网页服务，同时启动后台任务进程"

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("GONGZHI_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("GONGZHI_PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("GONGZHI_WEB_WORKERS", _default_workers())),
            help="网页进程数（默认 2×CPU+1，最多 9）",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("GONGZHI_WEB_THREADS", "4")),
            help="每个进程的线程数",
        )
        parser.add_argument("--timeout", type=int, default=60, help="单个请求的超时秒数")
        parser.add_argument(
            "--no-worker", action="store_true", help="不启动后台任务进程（在别处运行 gongzhi worker）"
        )
        parser.add_argument("--no-collectstatic", action="store_true", help="启动前不收集静态文件")

    def handle(self, *args, **options):
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("进程数和线程数至少为 1")
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "gongzhi.cli", "worker"])
        try:
            self._gunicorn(options)
        finally:
            if worker is not None and worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()

    def _gunicorn(self, options) -> None:
        from django.core.wsgi import get_wsgi_application
        from gunicorn.app.base import BaseApplication

        application = get_wsgi_application()

        config = {
            "bind": f"{options['host']}:{options['port']}",
            "workers": options["workers"],
            "worker_class": "gthread",
            "threads": options["threads"],
            "timeout": options["timeout"],
            "graceful_timeout": 30,
            "keepalive": 5,
            # replace each process now and then: a slow leak never grows without bound
            "max_requests": 5000,
            "max_requests_jitter": 500,
            "accesslog": os.environ.get("GONGZHI_ACCESS_LOG", "-"),
            "errorlog": "-",
            "proc_name": "gongzhi",
            # the same list as the client address of the audit trail (core.middleware.client_ip_of)
            "forwarded_allow_ips": ",".join(settings.GONGZHI_TRUSTED_PROXIES),
        }

        class Server(BaseApplication):
            def load_config(self):
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self):
                return application

        self.stdout.write(
            f"共治 gongzhi: http://{config['bind']}/  （{config['workers']}个进程 × {config['threads']}线程；Ctrl+C 停止）"
        )
        Server().run()
