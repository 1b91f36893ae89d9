"""Files of the data directory: private modes, temporary work folders and their removal.

Everything under the data directory may hold personal data (ID numbers in Parquet files,
evidence, exports), so only the service's own user may read it: settings sets the umask to 077
(files 0600, folders 0700) and the data directory to 0700. Temporary work goes to folders made by
`temporary_directory` (under the data directory, not the world's /tmp); whoever makes one removes
it when its work ends, and `sweep_temporary` removes what a crash left behind.
"""

import datetime
import shutil
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

TEMP_DIR_NAME = "tmp"
TEMP_PREFIX = "gongzhi-"
# Left behind by the atomic writers of exchange.validation (".tmp-…") and core.exporters (".….part").
_STRAY_PATTERNS = (".tmp-*", ".*.part")


def temp_root() -> Path:
    root = Path(settings.DATA_DIR) / TEMP_DIR_NAME
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def temporary_directory(kind: str) -> Path:
    """A new private folder for one piece of work; remove it with `remove_temporary` when done."""
    return Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{kind}-", dir=temp_root()))


def remove_temporary(path: Path) -> None:
    """Remove a file or folder made under `temporary_directory` (its whole folder); else nothing."""
    path = Path(path)
    root = temp_root().resolve()
    for candidate in (path, *path.parents):
        if candidate.resolve().parent == root and candidate.name.startswith(TEMP_PREFIX):
            if candidate.is_dir():
                shutil.rmtree(candidate, ignore_errors=True)
            else:
                candidate.unlink(missing_ok=True)
            return


def open_then_remove(path: Path) -> BinaryIO:
    """Open a temporary file for reading (e.g. for a FileResponse), then remove it and its folder:
    the open handle still reads it (POSIX), and nothing is left once the response is sent."""
    handle = open(path, "rb")
    remove_temporary(Path(path))
    return handle


def sweep_temporary(*, older_than: datetime.timedelta = datetime.timedelta(days=1)) -> list[Path]:
    """Remove temporary files and folders not touched for `older_than`: everything in the data
    directory's tmp/ and exchange/incoming/, and the half-written files of atomic writers anywhere
    in the data directory. Returns what was removed. Safe to run while work goes on (anything
    younger than `older_than` is kept)."""
    data_dir = Path(settings.DATA_DIR)
    limit = time.time() - older_than.total_seconds()
    candidates: list[Path] = []
    for folder in (data_dir / TEMP_DIR_NAME, data_dir / "exchange" / "incoming"):
        if folder.is_dir():
            candidates.extend(folder.iterdir())
    for pattern in _STRAY_PATTERNS:
        candidates.extend(data_dir.rglob(pattern))
    removed = []
    for path in candidates:
        try:
            if path.lstat().st_mtime >= limit:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed
