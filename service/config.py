"""Server configuration: flags, ``FIELDREPORT_*`` environment variables, and defaults that run on a laptop.

Precedence: flag > environment variable > default. Every option's variable is its flag in upper case
with ``FIELDREPORT_`` in front (``--max-batch`` ↔ ``FIELDREPORT_MAX_BATCH``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os

from fieldreport.service import errors, nlp


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclasses.dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 50051
    workers: int = dataclasses.field(default_factory=_cores)
    threads: int = 0  # 0: enough for every admitted call plus room to shed (see handler_threads)
    metrics_port: int = 9464
    max_message_bytes: int = 8 * 1024 * 1024
    max_text_chars: int = errors.DEFAULT_MAX_TEXT_CHARS
    max_batch: int = errors.DEFAULT_MAX_BATCH
    reflection: bool = True
    grace: float = 20.0
    max_queue: int = 0  # 0: 4 per worker (fieldreport.service.workers.QUEUE_PER_WORKER)
    overrun_margin: float = 2.0
    model: str = nlp.DEFAULT_MODEL
    plugins: tuple[str, ...] = ()
    disable_plugins: tuple[str, ...] = ()
    tls_cert: str = ""
    tls_key: str = ""
    auth_token: str = ""
    log_format: str = "auto"
    log_level: str = "info"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def queue_limit(self) -> int:
        from fieldreport.service.workers import QUEUE_PER_WORKER

        return self.max_queue or QUEUE_PER_WORKER * max(1, self.workers)

    @property
    def handler_threads(self) -> int:
        """gRPC handler threads: one per call that can be running or queued, plus room to answer
        health checks and to shed at once (a call waiting for a thread would wait, not be shed)."""
        return self.threads or max(16, self.workers + self.queue_limit + 8)


# (flag, field, type, help)
_OPTIONS = [
    ("--host", "host", str, "address to listen on (0.0.0.0 in the container)"),
    ("--port", "port", int, "gRPC port (0 = any free port)"),
    ("--workers", "workers", int, "worker processes running the pipeline (0 = in the server process)"),
    ("--threads", "threads", int, "gRPC handler threads (0 = workers + queue + 8, at least 16)"),
    ("--metrics-port", "metrics_port", int, "Prometheus metrics port (0 = off)"),
    ("--max-message-bytes", "max_message_bytes", int, "largest request/response message"),
    ("--max-text-chars", "max_text_chars", int, "longest document text, in characters"),
    ("--max-batch", "max_batch", int, "most documents in one BatchExtract/StreamExtract/Compare"),
    ("--grace", "grace", float, "seconds to drain in-flight calls on SIGTERM, then stop the workers"),
    ("--max-queue", "max_queue", int, "documents waiting for a worker before new calls are shed (0 = 4 per worker)"),
    ("--overrun-margin", "overrun_margin", float, "seconds past its deadline a document may run before its "
     "worker is killed and replaced"),
    ("--model", "model", str, "spaCy model package"),
    ("--plugins", "plugins", str, "comma-separated plugins to load (default: all installed)"),
    ("--disable-plugins", "disable_plugins", str, "comma-separated plugins not to load"),
    ("--tls-cert", "tls_cert", str, "server certificate (PEM); with --tls-key turns TLS on"),
    ("--tls-key", "tls_key", str, "server private key (PEM)"),
    ("--auth-token", "auth_token", str, "require 'authorization: Bearer <token>' on every call but health"),
    ("--log-format", "log_format", str, "auto | json | console"),
    ("--log-level", "log_level", str, "debug | info | warning | error"),
]


def env_name(field: str) -> str:
    return "FIELDREPORT_" + field.upper()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = ServerConfig()
    for flag, field, typ, help_ in _OPTIONS:
        default = getattr(defaults, field)
        shown = ",".join(default) if isinstance(default, tuple) else default
        parser.add_argument(flag, dest=field, type=typ, default=None,
                            help=f"{help_} [{env_name(field)}; default {shown!r}]")
    parser.add_argument("--no-reflection", dest="reflection", action="store_false", default=None,
                        help=f"turn off server reflection [{env_name('reflection')}=0]")


def _coerce(field: str, raw, typ):  # noqa: ANN001
    if field in ("plugins", "disable_plugins"):
        return tuple(p.strip() for p in str(raw).split(",") if p.strip())
    if typ is bool:
        return str(raw).lower() not in ("0", "false", "no", "off", "")
    return typ(raw)


def from_args(args: argparse.Namespace | None = None, environ: dict[str, str] | None = None) -> ServerConfig:
    """Build the config: flags (when given) over ``FIELDREPORT_*`` variables over defaults."""
    environ = os.environ if environ is None else environ
    cfg = ServerConfig()
    for _flag, field, typ, _help in [*_OPTIONS, ("", "reflection", bool, "")]:
        raw = getattr(args, field, None) if args is not None else None
        if raw is None and env_name(field) in environ:
            raw = environ[env_name(field)]
        if raw is not None:
            try:
                setattr(cfg, field, raw if isinstance(raw, bool) else _coerce(field, raw, typ))
            except ValueError as exc:
                raise SystemExit(f"invalid value for {field} ({env_name(field)}): {raw!r}") from exc
    if bool(cfg.tls_cert) != bool(cfg.tls_key):
        raise SystemExit("--tls-cert and --tls-key go together")
    if cfg.workers < 0:
        raise SystemExit("--workers must be 0 or more")
    if cfg.max_queue < 0 or cfg.threads < 0:
        raise SystemExit("--max-queue and --threads must be 0 (auto) or more")
    if cfg.overrun_margin < 0:
        raise SystemExit("--overrun-margin must be 0 or more")
    return cfg
