"""gongzhi (共治): carry out a district government's policy documents."""

import os

# pyarrow's allocator (mimalloc) gives freed memory back to the system after 10 ms by default.
# The bulk validation engine frees and takes again tens of megabytes per batch, and the kernel
# zeroes every page taken again: a tenth of the engine's CPU went there (perf, docs/adr/0005).
# Kept for a second, the same memory is reused without faults. Set before pyarrow is loaded
# (mimalloc reads it once); an explicit setting in the environment wins.
os.environ.setdefault("MIMALLOC_PURGE_DELAY", "1000")

# numpy's OpenBLAS starts a worker thread per core that spins for about 0.1 CPU s after import,
# taking a core from the start of every command on a 2-core machine; gongzhi's BLAS work (the
# revenue forecast's small regressions) gains nothing from threads. An explicit setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
