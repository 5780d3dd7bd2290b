"""A real local Ray cluster for the bulk tests: started once by the first test that needs it (2 CPUs,
loopback only, its own temporary directory), stopped at the end of the session."""

from __future__ import annotations

import os
import pathlib
import shutil

import pytest


@pytest.fixture(scope="session")
def ray_cluster(tmp_path_factory):
    """The address of a running local cluster, joined by this process (so that fieldreport.bulk uses it)."""
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    import logging

    temp = pathlib.Path("/tmp") / f"fr-ray-{os.getpid()}"  # short: Ray's socket paths must stay short
    ray.init(address="local", num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1",
             _temp_dir=str(temp), logging_level=logging.WARNING, log_to_driver=False)
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()
        shutil.rmtree(temp, ignore_errors=True)
