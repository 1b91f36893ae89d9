"""Issue 10, part 3: a bad command line is one Chinese line on stderr and a non-zero exit, never a
traceback. In-process through `call_command` (as tests/supervision/test_loop.py does) and through
the real `gongzhi` console script on a fresh database (as tests/exchange/test_crash.py does)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("9999-12-31", "--as-of 日期应在"),
        ("2026-13-45", "--as-of 日期无效"),
        ("20250630x", "--as-of 日期无效"),
    ],
)
def test_plan_status_refuses_a_bad_as_of(as_of, message, capsys):
    """Before the fix `--as-of 9999-12-31` ended in an OverflowError traceback from monitoring."""
    with pytest.raises(CommandError, match=message):
        call_command("plan", "status", "周政办字〔2023〕8号", "--json", "--as-of", as_of)
    assert capsys.readouterr().out == ""


@pytest.mark.django_db
def test_plan_status_still_answers_a_far_but_valid_day(capsys):
    call_command("plan", "status", "周政办字〔2023〕8号", "--json", "--as-of", "2099-12-31")
    assert '"tasks"' in capsys.readouterr().out


@pytest.mark.django_db
def test_taxrisk_run_refuses_a_bad_period():
    """Already a CommandError in-process at the time of the fix; kept so that it stays one."""
    with pytest.raises(CommandError, match="2026-13"):
        call_command("taxrisk", "run", "--period-from", "2026-13", "--json")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["x.yaml", "x.xlsx"])
def test_catalog_export_to_a_missing_directory(name):
    """Before the fix: FileNotFoundError traceback."""
    with pytest.raises(CommandError, match="目录不存在：/no/such/dir"):
        call_command("exchange", "catalog", "export", f"/no/such/dir/{name}")


@pytest.mark.django_db
def test_catalog_export_to_an_unwritable_path(tmp_path):
    """A directory where the file should be: an OSError that is not 'missing directory'."""
    (tmp_path / "x.yaml").mkdir()
    with pytest.raises(CommandError, match="无法写入文件"):
        call_command("exchange", "catalog", "export", str(tmp_path / "x.yaml"))


def _gongzhi(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "gongzhi.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.own_sqlite
def test_the_console_script_prints_one_chinese_line_and_fails(tmp_path, install_migrated):
    """Before the fix `catalog export` and `plan status --as-of 9999-12-31` printed tracebacks."""
    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
    }
    install_migrated(tmp_path / "data")
    for args, message in [
        (["plan", "status", "周政办字〔2023〕8号", "--json", "--as-of", "9999-12-31"], "--as-of 日期应在"),
        (["taxrisk", "run", "--period-from", "2026-13", "--json"], "期间“2026-13”"),
        (["exchange", "catalog", "export", "/no/such/dir/x.yaml"], "目录不存在"),
    ]:
        done = _gongzhi(env, *args)
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 1, args
        assert len(lines) == 1 and message in lines[0] and "Traceback" not in done.stderr, done.stderr
        # only the Chinese line: Django's English "CommandError: " prefix is not printed
        assert lines[0].startswith(message.split("“")[0]) and "CommandError" not in done.stderr, lines


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["audit"], 2, "gongzhi audit：参数错误：缺少必需的参数：action（gongzhi audit --help 查看用法）"),
        (["audit", "verify", "--nope"], 2, "gongzhi audit：参数错误：无法识别的参数：--nope"),
        (["serve", "--workers", "x"], 2, "gongzhi serve：参数错误：参数 --workers：无效的 int 值：'x'"),
        (
            ["audit", "fix"],
            2,
            "gongzhi audit：参数错误：参数 action：无效的取值 'fix'（可选：'verify', 'checkpoint'）",
        ),
        (["no-such-command"], 1, "未知命令：no-such-command（运行 gongzhi help 列出全部命令）"),
        (["serve", "--workers", "0", "--no-worker"], 1, "进程数和线程数至少为 1"),
    ],
)
def test_a_bad_command_line_is_one_chinese_line(tmp_path, args, code, message):
    """Before: argparse's English usage block and "error: the following arguments are required",
    Django's "Unknown command" and "CommandError: " prefix."""
    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
    }
    done = _gongzhi(env, *args)
    assert done.returncode == code, done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message.split("：参数错误")[0]), done.stderr
    assert message in lines[0], lines[0]
    assert not any(word in done.stderr for word in ("usage", "error:", "CommandError", "Unknown command"))


def test_traceback_still_shows_the_error_class(tmp_path):
    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
    }
    done = _gongzhi(env, "serve", "--workers", "0", "--no-worker", "--traceback")
    assert (
        done.returncode == 1
        and "Traceback" in done.stderr
        and "CommandError: 进程数和线程数至少为 1" in done.stderr
    )


def test_call_command_keeps_raising_command_error_for_a_bad_argument():
    with pytest.raises(CommandError, match="Error: "):
        call_command("audit", "verify", "--nope")


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "parse", str(ROOT / "tests/corpus/r01_guowuyuan_zimao_cuoshi.txt"), "--json"],
        ["plan", "status", "周政办字〔2023〕8号", "--json"],
    ],
)
def test_a_data_directory_never_set_up_is_one_chinese_line(tmp_path, args):
    """Before: `plan parse` on a data directory whose database was never migrated ended in a
    traceback ("no such table: plans_parselesson")."""
    env = {
        **os.environ,
        "GONGZHI_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
    }
    done = _gongzhi(env, *args)
    assert done.returncode == 2, done.stderr
    assert (
        done.stderr.strip()
        == "数据库尚未初始化或版本过旧：请先运行 gongzhi migrate（或 README 中的启动命令）后再试"
    )
    assert done.stdout == ""
