"""`fieldreport serve`: the gRPC server with health, reflection, graceful drain, metrics, TLS and auth."""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import errno
import signal
import socket
import threading
import time

import grpc
import structlog
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from fieldreport.service import logs, metrics, reflection
from fieldreport.service.config import ServerConfig
from fieldreport.service.interceptors import RequestInterceptor
from fieldreport.service.pipeline import PipelineConfig
from fieldreport.service.servicer import FieldReportServicer
from fieldreport.service.workers import Executor
from fieldreport.v1 import fieldreport_pb2 as pb, fieldreport_pb2_grpc as pb_grpc

log = structlog.get_logger("fieldreport.server")

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["FieldReportService"].full_name

# Keepalive: the client pings every 30 s (keepalive_time_ms 30000); the server accepts pings down to
# every 10 s, also without calls in flight, so idle client connections are not torn down.
KEEPALIVE_OPTIONS = [
    ("grpc.keepalive_time_ms", 60_000),
    ("grpc.keepalive_timeout_ms", 20_000),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.min_recv_ping_interval_without_data_ms", 10_000),
    ("grpc.http2.max_pings_without_data", 0),
]

# gRPC sets SO_REUSEPORT by default: a second server on a taken port binds beside the first and the
# kernel splits the calls between them. Off, a taken port is an error at start-up.
SOCKET_OPTIONS = [("grpc.so_reuseport", 0)]


def _in_use(what: str, host: str, port: int, flag: str) -> SystemExit:
    env = "FIELDREPORT_" + flag.lstrip("-").replace("-", "_").upper()
    return SystemExit(f"{what} {port} on {host} is in use ({flag} / {env}): stop what listens there or choose "
                      "another port")


def check_port_free(host: str, port: int, what: str, flag: str) -> None:
    """One line naming the port and its flag when something listens on it (checked before the model loads,
    so that a second server fails at once; the real bind below is the final word)."""
    if not port:
        return
    address = host.strip("[]")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gRPC does: TIME_WAIT is no owner
        try:
            probe.bind((address, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise _in_use(what, host, port, flag) from None
            raise SystemExit(f"cannot listen on {host}:{port} ({flag}): {exc.strerror}") from None


@dataclasses.dataclass
class RunningServer:
    server: grpc.Server
    health: health.HealthServicer
    executor: Executor
    config: ServerConfig
    port: int

    @property
    def address(self) -> str:
        host = "127.0.0.1" if self.config.host in ("0.0.0.0", "[::]", "::") else self.config.host
        return f"{host}:{self.port}"

    def stop(self, grace: float | None = None) -> bool:
        """Flip health to NOT_SERVING, refuse new calls, drain in-flight ones for ``grace`` seconds,
        then stop the workers whatever they are doing. True when every call finished within grace."""
        grace = self.config.grace if grace is None else grace
        started = time.monotonic()
        self.health.enter_graceful_shutdown()
        stopped = self.server.stop(grace)  # gRPC refuses new calls now, and cancels the rest after grace
        drained = stopped.wait(grace)
        # Past grace: every job still queued or running is stopped (its worker killed), so that the
        # handler threads waiting for them return and the process can exit.
        stopped_jobs = self.executor.shutdown(kill=True)
        stopped.wait(5)
        log.info("server_stopped", grace_s=grace, drained=drained, stopped_jobs=stopped_jobs,
                 duration_s=round(time.monotonic() - started, 2))
        return drained

    def wait(self) -> None:
        self.server.wait_for_termination()


def start_server(config: ServerConfig) -> RunningServer:
    """Load the pipeline (in the workers), bind the port, and start serving. Port 0 takes a free port."""
    check_port_free(config.host, config.port, "port", "--port")
    executor = Executor(
        PipelineConfig(model=config.model, allow=config.plugins, deny=config.disable_plugins,
                       max_text_chars=config.max_text_chars),
        config.workers, config.log_format if config.log_format != "auto" else "json", config.log_level,
        max_queue=config.queue_limit, overrun_margin=config.overrun_margin,
    )
    health_servicer = health.HealthServicer(experimental_non_blocking=True,
                                            experimental_thread_pool=cf.ThreadPoolExecutor(max_workers=1))
    for name in ("", SERVICE_NAME):
        health_servicer.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
    server = grpc.server(
        cf.ThreadPoolExecutor(max_workers=config.handler_threads, thread_name_prefix="rpc"),
        interceptors=[RequestInterceptor(config.auth_token)],
        options=[
            ("grpc.max_receive_message_length", config.max_message_bytes),
            ("grpc.max_send_message_length", config.max_message_bytes),
            *KEEPALIVE_OPTIONS,
            *SOCKET_OPTIONS,
        ],
    )
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    # Load the pipeline (in every worker) before binding: nothing answers until it can serve.
    executor.start()
    pb_grpc.add_FieldReportServiceServicer_to_server(FieldReportServicer(executor, config.max_batch), server)
    if config.reflection:
        reflection.enable((SERVICE_NAME, health.SERVICE_NAME), server)
    try:
        if config.tls_cert:
            with open(config.tls_key, "rb") as key, open(config.tls_cert, "rb") as cert:
                creds = grpc.ssl_server_credentials([(key.read(), cert.read())])
            port = server.add_secure_port(config.address, creds)
        else:
            port = server.add_insecure_port(config.address)
    except RuntimeError:  # grpc ≥ 1.6x raises where it used to return 0
        port = 0
    if port == 0:
        executor.shutdown()
        check_port_free(config.host, config.port, "port", "--port")  # taken since the first check?
        raise SystemExit(f"cannot listen on {config.address} (--host / FIELDREPORT_HOST, --port / FIELDREPORT_PORT)")
    server.start()
    for name in ("", SERVICE_NAME):
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    metrics.WORKERS.set(config.workers)
    log.info("server_ready", address=config.host, port=port, workers=config.workers,
             max_queue=executor.max_queue if config.workers else 0, tls=bool(config.tls_cert),
             auth=bool(config.auth_token), reflection=config.reflection)
    return RunningServer(server, health_servicer, executor, config, port)


def serve(config: ServerConfig) -> int:
    """Run until SIGTERM/SIGINT; then flip health, drain in-flight calls for ``grace`` seconds, stop the
    workers and exit 0 (also when grace ran out: what was left is stopped, and said in the log)."""
    logs.configure(config.log_format, config.log_level)
    check_port_free(config.host, config.port, "port", "--port")
    try:
        metrics.serve(config.metrics_port, config.host)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise _in_use("metrics port", config.host, config.metrics_port, "--metrics-port") from None
        raise SystemExit(f"cannot serve metrics on {config.host}:{config.metrics_port} (--metrics-port / "
                         f"FIELDREPORT_METRICS_PORT): {exc.strerror}") from None
    running = start_server(config)
    stopping = threading.Event()

    def on_signal(signum, frame):  # noqa: ANN001
        log.info("shutdown_requested", signal=signal.Signals(signum).name, grace_s=config.grace)
        stopping.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    stopping.wait()
    running.stop()
    return 0


def main() -> int:
    import argparse

    from fieldreport.service import config as config_module

    parser = argparse.ArgumentParser(prog="python -m fieldreport.service.server")
    config_module.add_arguments(parser)
    return serve(config_module.from_args(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
