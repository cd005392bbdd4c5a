"""Peak memory of this process, which every benchmark reports beside its timings.

A module of its own: a benchmark process that imports it loads nothing else, so the figure
is the benchmark's, not its imports'.
"""

from __future__ import annotations

import resource


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
