"""Importing this module loads the process's Pipeline (``batching.init()``), once.

For a ``forkserver`` worker pool: ``multiprocessing.get_context("forkserver").set_forkserver_preload(
["fieldreport.service.preload"])`` makes the fork server load spaCy, the model and the plugins once, and
every worker forked from it starts with them in memory (shared copy-on-write) instead of loading its own.
The fork server is a fresh single-threaded process, so forking from it is safe even after the server has
started gRPC's threads. ``bench/bench_cold_start.py`` measures it against ``spawn``.
"""

from __future__ import annotations

from fieldreport.service import batching

batching.init()
