"""Cold start of a worker pool: seconds until N workers hold a ready Pipeline, started with ``spawn`` (each
worker loads spaCy, the model and the plugins itself, as the server's pool does) or from a ``forkserver``
that preloaded them once (``fieldreport.service.preload``). Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_cold_start.py [--workers 2] [--runs 2]
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import multiprocessing
import os
import time


_READY_AT: float | None = None


def ready(_: int) -> tuple[int, float]:
    """Answered by a worker once its Pipeline is there: (its pid, when it was first ready, wall clock)."""
    global _READY_AT
    from fieldreport.service import batching

    batching.init()  # spawn: loads here; forkserver: already loaded before the fork
    if _READY_AT is None:
        _READY_AT = time.time()
    time.sleep(0.3)  # so that the calls spread over every worker
    return os.getpid(), _READY_AT


def start(method: str, workers: int) -> float:
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["fieldreport.service.preload"])
    t = time.time()
    pool = cf.ProcessPoolExecutor(workers, mp_context=ctx)
    try:
        answers = dict(pool.map(ready, range(workers * 4)))
    finally:
        pool.shutdown()
    if len(answers) < workers:
        raise RuntimeError(f"only {len(answers)} of {workers} workers answered")
    return max(answers.values()) - t  # the last worker ready


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    print(f"cold start of {args.workers} workers, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    for method in ("spawn", "forkserver"):
        times = [start(method, args.workers) for _ in range(args.runs)]
        print(f"  {method:<11} " + "  ".join(f"{t:5.2f} s" for t in times)
              + ("   (the first run starts the fork server and loads once; later ones only fork)"
                 if method == "forkserver" else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
