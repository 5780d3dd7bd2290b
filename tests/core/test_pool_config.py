"""The pool's settings (flag > FIELDREPORT_* variable > default), the shed status it sends, and the
deadline check the plugins call."""

from __future__ import annotations

import argparse
import time

import grpc
import pytest
from google.rpc import error_details_pb2

from fieldreport.service import config, status
from fieldreport.service.document import AnnotatedDocument, CallCancelled, DeadlineExceeded
from fieldreport.service.workers import overloaded


def _parse(argv: list[str], environ: dict[str, str]) -> config.ServerConfig:
    parser = argparse.ArgumentParser()
    config.add_arguments(parser)
    return config.from_args(parser.parse_args(argv), environ)


def test_the_queue_bound_and_overrun_margin_come_from_flags_over_variables_over_defaults():
    assert _parse([], {}).max_queue == 0
    assert _parse([], {"FIELDREPORT_MAX_QUEUE": "12", "FIELDREPORT_OVERRUN_MARGIN": "0.5"}).max_queue == 12
    cfg = _parse(["--max-queue", "3", "--overrun-margin", "1.5"], {"FIELDREPORT_MAX_QUEUE": "12"})
    assert (cfg.max_queue, cfg.overrun_margin) == (3, 1.5)
    with pytest.raises(SystemExit, match="--max-queue"):
        _parse(["--max-queue", "-1"], {})
    with pytest.raises(SystemExit, match="--overrun-margin"):
        _parse(["--overrun-margin", "-2"], {})


def test_the_default_queue_is_four_per_worker_and_threads_leave_room_to_shed():
    assert config.ServerConfig(workers=3).queue_limit == 12
    assert config.ServerConfig(workers=3, max_queue=5).queue_limit == 5
    assert config.ServerConfig(workers=1).handler_threads == 16  # 1 + 4 + 8, at least 16
    assert config.ServerConfig(workers=2).handler_threads == 18  # 2 running + 8 queued + 8
    assert config.ServerConfig(workers=8).handler_threads == 48  # 8 running + 32 queued + 8
    assert config.ServerConfig(workers=8, threads=20).handler_threads == 20


def test_a_shed_call_carries_error_info_and_retry_info():
    proto = status.status_proto(overloaded(1.25, 8), "req-7")
    assert proto.code == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
    info, retry = error_details_pb2.ErrorInfo(), error_details_pb2.RetryInfo()
    assert proto.details[0].Unpack(info) and proto.details[1].Unpack(retry)
    assert (info.reason, info.domain, dict(info.metadata)) == (
        "OVERLOADED", "fieldreport", {"queue_limit": "8", "request_id": "req-7"})
    assert retry.retry_delay.ToNanoseconds() == 1_250_000_000


def test_check_deadline_stops_on_a_passed_deadline_or_a_gone_caller():
    AnnotatedDocument(text="x").check_deadline()  # no deadline: goes on
    AnnotatedDocument(text="x", deadline=time.monotonic() + 60, cancelled=lambda: False).check_deadline()
    with pytest.raises(DeadlineExceeded):
        AnnotatedDocument(text="x", deadline=time.monotonic() - 0.001).check_deadline()
    with pytest.raises(CallCancelled):
        AnnotatedDocument(text="x", deadline=time.monotonic() + 60, cancelled=lambda: True).check_deadline()
