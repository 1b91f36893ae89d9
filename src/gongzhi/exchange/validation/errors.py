"""Errors raised while reading a file, before any row is checked."""


class FileRejected(Exception):
    """The whole file is refused (empty, binary, unsafe, unreadable, no header …).

    `message` is the Chinese text shown to the submitter; it names the file.
    """

    def __init__(self, message: str, *, code: str = "invalid_file"):
        self.message = message
        self.code = code
        super().__init__(message)
