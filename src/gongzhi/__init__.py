"""gongzhi (共治): carry out a district government's policy documents."""

import os

# pyarrow's allocator (mimalloc) gives freed memory back to the system after 10 ms by default.
# The bulk validation engine frees and takes again tens of megabytes per batch, and the kernel
# zeroes every page taken again: a tenth of the engine's CPU went there (perf, docs/adr/0005).
# Kept for a second, the same memory is reused without faults. Set before pyarrow is loaded
# (mimalloc reads it once); an explicit setting in the environment wins.
os.environ.setdefault("MIMALLOC_PURGE_DELAY", "1000")
