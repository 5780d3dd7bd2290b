"""Ray, when it is there: a clear error naming the extra when it is not, and a connection to a cluster.

Ray is an optional extra (``pip install 'fieldreport[ray]'``): the server and the default install never
import it. ``connect(address)`` joins a running cluster (``auto``, ``HOST:PORT`` or ``ray://HOST:PORT``)
or, without an address, starts a local one for the duration of the call; a Ray session the caller
already started is used as it is and left running.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

EXTRA = "fieldreport[ray]"
INSTALL_HINT = f"pip install '{EXTRA}' (in a checkout: .venv/bin/pip install -e '.[ray]')"


class RayNotInstalled(RuntimeError):
    """Ray (the ``ray`` extra) is not installed."""


def require_ray():  # noqa: ANN201 - the ray module
    """The ``ray`` module with Ray Data, or RayNotInstalled saying which extra to install."""
    try:
        import ray
        import ray.data  # noqa: F401 - Ray Data is what the extra brings beside the core
    except ImportError as exc:
        raise RayNotInstalled(f"the Ray engine needs Ray Data, which is not installed: {INSTALL_HINT}") from exc
    return ray


@contextlib.contextmanager
def connect(address: str | None = None, num_cpus: int | None = None, quiet: bool = False) -> Iterator:
    """A Ray session for the body of the ``with``: ``address`` None or "" starts a local cluster
    (``num_cpus`` of this machine's cores, default all), anything else joins that cluster ("auto": the
    one RAY_ADDRESS or `ray start` on this machine names)."""
    ray = require_ray()
    if ray.is_initialized():
        yield ray
        return
    kwargs: dict = {"logging_level": logging.WARNING, "log_to_driver": not quiet}
    if address:
        kwargs["address"] = address
    else:
        # "local": a new cluster of this machine only (never one that `ray start` left running here), on
        # loopback only.
        kwargs.update(address="local", num_cpus=num_cpus, include_dashboard=False, _node_ip_address="127.0.0.1")
    ray.init(**kwargs)
    try:
        yield ray
    finally:
        ray.shutdown()


def cluster_cpus() -> int:
    """CPUs of the connected cluster (at least 1)."""
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def quiet_data_context() -> None:
    """Ray Data's own progress bars and plan printing off: the caller shows one bar counting documents."""
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.enable_operator_progress_bars = False
    context.print_on_execution_start = False


@contextlib.contextmanager
def task_shuffles() -> Iterator[None]:
    """Group-bys shuffle with tasks (sort-based, pull) for the body of the ``with``. Ray Data's default
    (hash shuffle through aggregator actors) reserves CPUs for its actors and costs 5–15 s per group-by
    on a small cluster: Compare over 300 reports took 72 s with it and 14 s with tasks (2 CPUs)."""
    import ray.data
    from ray.data.context import ShuffleStrategy

    context = ray.data.DataContext.get_current()
    before = context.shuffle_strategy
    context.shuffle_strategy = ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
    try:
        yield
    finally:
        context.shuffle_strategy = before
