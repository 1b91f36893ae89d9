"""Set-up shared by the benchmarks that run on the demo data set (run by hand, not a test).

    from _demo import demo_django
    data = demo_django(args.data_dir)   # before any gongzhi import

A fresh data dir (SQLite, or DATABASE_URL when set) gets `migrate` and `gongzhi demo` in
subprocesses; a given one is used as it is (the demo already loaded). Django is then set up in
this process on the same data dir. Returns the data dir.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def demo_django(data_dir: str = "", *, prefix: str = "gongzhi-bench-") -> str:
    data = data_dir or tempfile.mkdtemp(prefix=prefix)
    env = {**os.environ, "GONGZHI_DATA_DIR": data, "DATABASE_URL": os.environ.get("DATABASE_URL", "")}
    if not data_dir:
        started = time.perf_counter()
        for command in (["migrate", "--noinput", "-v0"], ["demo"]):
            subprocess.run(
                [sys.executable, "-m", "gongzhi.cli", *command],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        print(f"demo loaded in {time.perf_counter() - started:.0f} s ({data})")
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    return data
