"""Every setting is documented (issue 10): docs/settings.md lists each environment variable the
product reads, and nothing it does not read; the README's production settings pass Django's
deployment checks with no issue; the PostgreSQL and Spark settings reach Django."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "gongzhi"
DOC = ROOT / "docs" / "settings.md"
README = ROOT / "README.md"
NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
# written, not read: the `gongzhi` command and wsgi.py set it for Django
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE"}


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def _read_name(node: ast.AST) -> str | None:
    """The variable a node reads: os.environ.get("X"), os.environ["X"], os.getenv("X"),
    "X" in os.environ, or a settings helper named like _env_*("X")."""
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        key = node.slice
    elif isinstance(node, ast.Compare) and any(_is_environ(c) for c in node.comparators):
        key = node.left
    elif isinstance(node, ast.Call) and node.args:
        func = node.func
        environ_get = (
            isinstance(func, ast.Attribute) and func.attr in {"get", "pop"} and _is_environ(func.value)
        )
        getenv = isinstance(func, ast.Attribute) and func.attr == "getenv"
        helper = isinstance(func, ast.Name) and func.id.startswith("_env")
        if not (environ_get or getenv or helper):
            return None
        key = node.args[0]
    else:
        return None
    if isinstance(key, ast.Constant) and isinstance(key.value, str) and NAME.match(key.value):
        return key.value
    return None


def variables_read() -> dict[str, list[str]]:
    """Every environment variable the product's code reads -> the files that read it."""
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            name = _read_name(node)
            if name and name not in NOT_SETTINGS:
                found.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return found


def variables_documented() -> set[str]:
    """The variables in the first column of docs/settings.md's tables."""
    names = set()
    for line in DOC.read_text("utf-8").splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    return names


def production_settings() -> dict[str, str]:
    """The README's production environment file (the fenced block starting with its path)."""
    text = README.read_text("utf-8")
    block = re.search(r"```sh\n# /etc/gongzhi/gongzhi\.env\n(.*?)```", text, re.S)
    assert block, "README: the production settings block (# /etc/gongzhi/gongzhi.env) is missing"
    values = {}
    for line in block.group(1).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_the_scan_finds_what_settings_py_reads():
    """The scanner itself: it sees the ways settings.py reads the environment."""
    read = variables_read()
    assert "src/gongzhi/settings.py" in read["DATABASE_URL"]  # os.environ.get
    assert "src/gongzhi/settings.py" in read["GONGZHI_HTTPS"]  # _env_bool
    assert "src/gongzhi/settings.py" in read["GONGZHI_SPARK_MASTER"]
    assert "src/gongzhi/core/management/commands/serve.py" in read["GONGZHI_WEB_WORKERS"]
    tree = ast.parse('x = os.environ["A_B"]\ny = os.getenv("C")\nz = "D" in os.environ\nw = _env_int("E")')
    assert {_read_name(n) for n in ast.walk(tree)} - {None} == {"A_B", "C", "D", "E"}


def test_every_variable_the_code_reads_is_documented():
    missing = {name: files for name, files in variables_read().items() if name not in variables_documented()}
    assert not missing, f"add these to docs/settings.md (meaning, default, example): {missing}"


def test_every_documented_variable_is_read_somewhere():
    stale = variables_documented() - set(variables_read())
    assert not stale, f"docs/settings.md lists variables nothing reads: {sorted(stale)}"


def test_the_production_settings_are_documented_and_pass_the_deployment_checks(tmp_path):
    values = production_settings()
    assert set(values) <= variables_documented()
    assert values["DEBUG"] == "0" and values["GONGZHI_HTTPS"] == "1"
    # exactly the README's settings; only the data directory is a temporary one here, so that the
    # check creates nothing under /srv (the product creates its data dir when it is missing)
    env = {**values, "GONGZHI_DATA_DIR": str(tmp_path / "var")}
    env.update({key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ})
    done = subprocess.run(
        [str(Path(sys.executable).with_name("gongzhi")), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def _settings_under(env: dict[str, str], tmp_path: Path, expression: str) -> str:
    """Evaluate `expression` on django.conf.settings in a fresh process with `env`."""
    env = {**env, "GONGZHI_DATA_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "gongzhi.settings"}
    env.update({key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ})
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_postgresql_connections_and_the_spark_master_follow_the_environment(tmp_path):
    postgres = {"DATABASE_URL": "postgres://gongzhi@127.0.0.1:5432/gongzhi"}
    db = "settings.DATABASES['default']['CONN_MAX_AGE'], settings.DATABASES['default']['CONN_HEALTH_CHECKS']"
    assert _settings_under(postgres, tmp_path, db) == "60 True"  # the defaults
    tuned = {**postgres, "GONGZHI_DB_CONN_MAX_AGE": "0", "GONGZHI_DB_CONN_HEALTH_CHECKS": "0"}
    assert _settings_under(tuned, tmp_path, db) == "0 False"
    assert _settings_under({**postgres, "GONGZHI_DB_CONN_MAX_AGE": ""}, tmp_path, db) == "None True"
    assert _settings_under({}, tmp_path, db).startswith("0 ")  # SQLite: one connection per request
    master = "settings.SPARK_MASTER"
    assert _settings_under({}, tmp_path, master) == "local[*]"
    assert _settings_under({"GONGZHI_SPARK_MASTER": "spark://10.0.0.20:7077"}, tmp_path, master) == (
        "spark://10.0.0.20:7077"
    )
