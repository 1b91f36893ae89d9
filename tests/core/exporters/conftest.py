"""Fixtures for the exporter tests (pure: no Django database).

`soffice_writer` / `soffice_calc` convert a file with LibreOffice when it is installed (`soffice`
or `libreoffice` on PATH, with that component) and skip the test otherwise. Each conversion uses its own LibreOffice profile, so tests do
not collide with each other or with a LibreOffice someone has open.
"""

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

SOFFICE_TIMEOUT_S = 180
# The library each LibreOffice component installs beside the soffice binary.
COMPONENT_LIBRARIES = {"writer": "libswlo.so", "calc": "libsclo.so"}
PACKAGES = {"writer": "libreoffice-writer-nogui", "calc": "libreoffice-calc-nogui"}


def _soffice(component: str) -> str:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        pytest.skip(
            f"LibreOffice is not installed (no soffice/libreoffice on PATH); "
            f"install {PACKAGES[component]} to run this test"
        )
    program = Path(binary).resolve().parent
    # Only judge a directory that looks like LibreOffice's program folder (not a wrapper script's).
    looks_like_program_dir = any(program.glob("lib*lo.so"))
    if looks_like_program_dir and not (program / COMPONENT_LIBRARIES[component]).exists():
        pytest.skip(
            f"LibreOffice {component} is not installed; install {PACKAGES[component]} to run this test"
        )
    return binary


@pytest.fixture
def soffice_writer(tmp_path: Path) -> Callable[[Path, str], Path]:
    return _converter(_soffice("writer"), tmp_path)


@pytest.fixture
def soffice_calc(tmp_path: Path) -> Callable[[Path, str], Path]:
    return _converter(_soffice("calc"), tmp_path)


def _converter(binary: str, tmp_path: Path) -> Callable[[Path, str], Path]:
    profile = tmp_path / "lo-profile"
    outdir = tmp_path / "lo-out"

    def convert(source: Path, target_format: str) -> Path:
        """Convert `source` (e.g. "pdf", or "csv:...filter options") and return the output file."""
        completed = subprocess.run(
            [
                binary,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                target_format,
                "--outdir",
                str(outdir),
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=SOFFICE_TIMEOUT_S,
            check=False,
        )
        extension = target_format.split(":", 1)[0]
        output = outdir / f"{source.stem}.{extension}"
        assert completed.returncode == 0 and output.exists(), (
            f"LibreOffice failed ({completed.returncode}): {completed.stdout} {completed.stderr}"
        )
        return output

    return convert


@pytest.fixture
def cjk_fonts() -> None:
    """Skip layout measurements when no Chinese font is installed (LibreOffice would draw boxes)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("fontconfig (fc-list) is not available to look for Chinese fonts")
    listed = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, timeout=30, check=False)
    if not listed.stdout.strip():
        pytest.skip("no Chinese font installed (fc-list :lang=zh is empty), layout cannot be measured")
