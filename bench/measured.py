"""Run one `ipso-dashboard` command and report its own peak memory.

    python -m bench.measured ingest EXTRACT --warehouse PATH ...

The last line on stdout is `peak_memory_mb=<n>`: the process's VmHWM (its peak resident set
since it started this program). The benchmark uses it rather than the parent's
`getrusage(RUSAGE_CHILDREN)`, whose ru_maxrss also counts the memory the parent held when it
started the child (Linux records the pre-exec high-water mark, the parent's, into the child's).
"""

from __future__ import annotations

import resource
from pathlib import Path

from dashboard.cli import main as cli_main


def peak_memory_mb() -> float:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # elsewhere: an upper bound


def main(argv: list[str] | None = None) -> int:
    code = cli_main(argv)
    print(f"peak_memory_mb={peak_memory_mb():.0f}", flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
