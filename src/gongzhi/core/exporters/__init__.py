"""Renderers for the files users download: 公文 as .docx (`docx.py`), tables as .xlsx (`xlsx.py`).

Pure Python, no Django, no ORM: an exports module in an app runs a selector, turns the rows into
the dataclasses of these modules and calls one renderer. Both renderers write atomically through
`atomic_output`, so a reader never sees a half-written file.
"""

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

# Owner read/write only: exported documents may carry names and ID numbers of people.
EXPORT_FILE_MODE = 0o600


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary file in the target's directory; on success fsync it and rename it into place.

    On any error the temporary file is removed and an existing file at `path` stays untouched.
    """
    target = Path(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, EXPORT_FILE_MODE)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
