"""The import graph of src/gongzhi keeps the layers (DESIGN.md "Arrows go one way").

Every module under src/gongzhi is parsed with `ast`; every import counts, at module level and
inside functions. Each module belongs to an app (its first folder under src/gongzhi); modules
directly under src/gongzhi (settings, urls, api, cli, wsgi) are the project, above every app.

(a) no import cycle between apps;
(b) an app imports only apps below it in LAYERS (or itself);
(c) core imports no other app;
(d) the pure packages (PURE) import no Django, not even through a gongzhi module they import.

How it fails: if src/gongzhi/org/views.py gained `from gongzhi.accounts.models import User`
(org is below accounts), `test_an_app_imports_only_apps_below_it` fails with

    org/views.py:6 imports gongzhi.accounts.models: org (layer 1) may not import accounts (layer 2)

and `test_the_checks_catch_what_they_should` shows each check failing on a small made-up tree.

Known offenders in files this change could not edit are in ALLOWED, each with the change that
removes it; `test_allowed_offenders_still_exist` fails once an entry is no longer needed, so the
list only shrinks.
"""

import ast
import functools
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import gongzhi

SRC = Path(gongzhi.__file__).resolve().parent  # src/gongzhi

# Bottom to top; apps on one line share a layer and may not import each other.
LAYERS: list[set[str]] = [
    {"core"},
    {"org"},
    {"accounts"},
    {"plans"},
    {"exchange"},
    {"supervision"},
    {"inspections"},
    {"taxrisk"},
    {"credit"},
    {"economy"},
    {"cogov", "children"},
    {"assessment"},
    {"meetings"},
    # the top: pages over every app, and the demo data set that fills every app
    {"workspace", "public", "demo"},
]
PROJECT = "<project>"  # settings.py, urls.py, api.py, cli.py, wsgi.py: above every app

# Packages with no Django in them (paths relative to src/gongzhi).
PURE = [
    "plans/parsing",
    "exchange/validation",
    "taxrisk/engine",
    "supervision/warning",
]
DJANGO_TOP_MODULES = {"django", "ninja", "django_tasks", "django_tasks_db", "dj_database_url", "whitenoise"}

# Known offenders: (importing file relative to src/gongzhi, imported module) -> what removes it.
# Only files this change was not allowed to edit; the engineer who owns them empties the list.
ALLOWED: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Import:
    file: str  # relative to the package root, e.g. "org/views.py"
    line: int
    module: str  # e.g. "gongzhi.accounts.models"
    from_name: bool = False  # `from a.b import c` also records a.b.c: c may be a module


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports_of(root: Path, path: Path) -> list[Import]:
    """Every import in one file (module level and inside functions), relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(root).as_posix()
    package = _module_name(root, path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(rel, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append(Import(rel, node.lineno, base))
            # `from gongzhi import org` / `from gongzhi.org import models` import modules too
            found += [Import(rel, node.lineno, f"{base}.{alias.name}", True) for alias in node.names]
    return found


def scan(root: Path) -> dict[str, list[Import]]:
    """File (relative to root) -> its imports, for every .py file except migrations."""
    return {
        path.relative_to(root).as_posix(): _imports_of(root, path)
        for path in sorted(root.rglob("*.py"))
        if "migrations" not in path.relative_to(root).parts
    }


def app_of_file(file: str) -> str:
    parts = file.split("/")
    return parts[0] if len(parts) > 1 else PROJECT


def app_of_module(module: str, root_name: str) -> str | None:
    """The app a gongzhi module belongs to; None for modules outside the package."""
    parts = module.split(".")
    if parts[0] != root_name:
        return None
    if len(parts) == 1:
        return PROJECT  # `import gongzhi`
    return parts[1] if (SRC_ROOT_FOR_APPS / parts[1]).is_dir() else PROJECT


SRC_ROOT_FOR_APPS = SRC


def layer_of(app: str) -> int:
    if app == PROJECT:
        return len(LAYERS)
    for number, apps in enumerate(LAYERS):
        if app in apps:
            return number
    raise AssertionError(f"{app}/ is in no layer: add it to LAYERS in {Path(__file__).name}")


def app_edges(graph: dict[str, list[Import]], root_name: str) -> list[tuple[str, str, Import]]:
    edges = []
    for file, imports in graph.items():
        source = app_of_file(file)
        for imp in imports:
            if imp.from_name and imp.module.count(".") > 1:
                continue  # `from gongzhi.org import models`: the app is that of gongzhi.org
            target = app_of_module(imp.module, root_name)
            if target is not None and target != source:
                edges.append((source, target, imp))
    return edges


def upward_imports(graph, root_name: str) -> list[str]:
    """(b) and (c): imports of an app in a layer that is not below the importer's."""
    problems = []
    for source, target, imp in app_edges(graph, root_name):
        if source == PROJECT:
            continue
        if source == "core":
            problems.append(f"{imp.file}:{imp.line} imports {imp.module}: core imports no app")
        elif layer_of(target) >= layer_of(source):
            problems.append(
                f"{imp.file}:{imp.line} imports {imp.module}: {source} (layer {layer_of(source)}) "
                f"may not import {target} (layer {layer_of(target)})"
            )
    return problems


def app_cycles(graph, root_name: str) -> list[list[str]]:
    """(a): strongly connected groups of more than one app (Tarjan)."""
    succ: dict[str, set[str]] = defaultdict(set)
    for source, target, _imp in app_edges(graph, root_name):
        succ[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(succ[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(set(succ) | {t for targets in succ.values() for t in targets}):
        if node not in index:
            visit(node)
    return groups


def django_in_pure(graph, root_name: str, pure: list[str]) -> list[str]:
    """(d): a pure module that imports Django, directly or through gongzhi modules it imports."""
    file_of = {}
    for file in graph:
        module = ".".join([root_name, *Path(file).with_suffix("").parts])
        file_of[module.removesuffix(".__init__")] = file

    def files_run_by(module: str) -> list[str]:
        """Importing a.b.c runs a/__init__, a/b/__init__ and a/b/c."""
        parts = module.split(".")
        return [file_of[m] for i in range(1, len(parts) + 1) if (m := ".".join(parts[:i])) in file_of]

    problems = []
    for start in sorted(f for f in graph if any(f.startswith(p + "/") for p in pure)):
        seen, queue, via = {start}, [start], {start: None}
        while queue:
            file = queue.pop(0)
            for imp in graph[file]:
                if imp.module.split(".")[0] in DJANGO_TOP_MODULES:
                    chain, step = [], file
                    while step is not None:
                        chain.append(step)
                        step = via[step]
                    problems.append(
                        f"{start} imports Django ({imp.module}, {file}:{imp.line})"
                        + (f" through {' <- '.join(chain[:-1])}" if len(chain) > 1 else "")
                    )
                    break
                for nxt in files_run_by(imp.module):
                    if nxt not in seen:
                        seen.add(nxt)
                        via[nxt] = file
                        queue.append(nxt)
            else:
                continue
            break
    return problems


def _without_allowed(problems: list[str], graph) -> list[str]:
    allowed_lines = {
        f"{imp.file}:{imp.line} imports {imp.module}:"
        for file, imports in graph.items()
        for imp in imports
        if (file, imp.module) in ALLOWED
    }
    return [p for p in problems if not any(p.startswith(a) for a in allowed_lines)]


@functools.cache
def source_graph() -> dict[str, list[Import]]:
    """The source tree's imports, scanned once, when a test first asks (not at collection)."""
    return scan(SRC)


ROOT = SRC.name


def test_no_import_cycle_between_apps():
    allowed = {(f, m) for f, m in ALLOWED}
    graph = {
        file: [imp for imp in imports if (file, imp.module) not in allowed]
        for file, imports in source_graph().items()
    }
    assert app_cycles(graph, ROOT) == []


def test_an_app_imports_only_apps_below_it():
    assert _without_allowed(upward_imports(source_graph(), ROOT), source_graph()) == []


def test_core_imports_no_app():
    core = {f: i for f, i in source_graph().items() if app_of_file(f) == "core"}
    assert [p for p in upward_imports(core, ROOT) if "core imports no app" in p] == []


def test_pure_packages_import_no_django():
    for package in PURE:
        assert (SRC / package).is_dir(), f"{package} is listed as pure but does not exist"
    assert django_in_pure(source_graph(), ROOT, PURE) == []


def test_every_app_has_a_layer():
    for app in {app_of_file(f) for f in source_graph()} - {PROJECT}:
        layer_of(app)


def test_allowed_offenders_still_exist():
    present = {(file, imp.module) for file, imports in source_graph().items() for imp in imports}
    stale = sorted(set(ALLOWED) - present)
    assert stale == [], f"no longer needed, remove from ALLOWED: {stale}"


def test_the_checks_catch_what_they_should(tmp_path, monkeypatch):
    """Each check fails on a made-up package with the fault it looks for."""
    root = tmp_path / "fake"
    files = {
        "__init__.py": "",
        "settings.py": "",
        "core/__init__.py": "",
        "core/models.py": "def f():\n    from fake.org.models import Unit\n",  # (c), inside a function
        "org/__init__.py": "",
        "org/models.py": "from fake.accounts import models\n",  # (b) and, with the next, (a)
        "accounts/__init__.py": "",
        "accounts/models.py": "from ..org.models import X\nfrom fake import settings\n",  # relative; project
        "plans/__init__.py": "",
        "plans/parsing/__init__.py": "",
        "plans/parsing/pure.py": "from fake.plans.helpers import x\n",
        "plans/helpers.py": "from django.db import models\n",  # (d) through a gongzhi module
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    monkeypatch.setattr(sys.modules[__name__], "SRC_ROOT_FOR_APPS", root)
    graph = scan(root)

    problems = upward_imports(graph, "fake")
    assert "core/models.py:2 imports fake.org.models: core imports no app" in problems
    assert (
        "org/models.py:1 imports fake.accounts: org (layer 1) may not import accounts (layer 2)" in problems
    )
    assert any(p.startswith("accounts/models.py:2 imports fake.settings: accounts") for p in problems)
    assert ["accounts", "org"] in app_cycles(graph, "fake")
    assert django_in_pure(graph, "fake", ["plans/parsing"]) == [
        "plans/parsing/pure.py imports Django (django.db, plans/helpers.py:1) through plans/helpers.py"
    ]
