"""Where the pipeline runs: a pool of worker processes (the default) or the server process (``workers=0``).

NLP is CPU-bound and the GIL serialises Python threads, so the server spreads documents over worker
processes, each holding one Pipeline (spaCy model + plugins) loaded once at its start. Messages cross
the process boundary as serialized protobuf bytes. The ``spawn`` start method is used because forking
a process that has started gRPC's threads is unsafe.

Why not ``concurrent.futures.ProcessPoolExecutor``: it feeds all its workers from one shared call
queue, so (1) a job handed to it can no longer be taken back (it prefetches, and a job's clock cannot
be checked when a worker takes it), (2) one worker that dies breaks the whole pool (BrokenProcessPool
fails every call in flight on every worker), and (3) a worker that runs past its deadline cannot be
stopped without shutting the pool down. Here the server keeps the queue (bounded: a full queue sheds
new calls) and each worker has its own pipe and its own feeding thread, which hands it one job at a
time when it is free, drops jobs whose caller has gone or whose deadline has passed, and kills and
replaces its worker alone when it dies or overruns its deadline.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import dataclasses
import itertools
import multiprocessing
import multiprocessing.connection as mpc
import pickle
import signal
import threading
import time
from collections.abc import Callable

import grpc
import structlog

from fieldreport.service import metrics
from fieldreport.service.document import CallCancelled, DeadlineExceeded
from fieldreport.service.errors import FieldReportError
from fieldreport.service.pipeline import Pipeline, PipelineConfig
from fieldreport.v1 import fieldreport_pb2 as pb

log = structlog.get_logger("fieldreport.workers")

#: Queue room per worker when ``max_queue`` is 0 (auto): a call waits at most about this many
#: documents' work per worker before it starts, i.e. a second or two for news articles, well within
#: any sensible deadline, and enough to keep every worker busy between a client's calls.
QUEUE_PER_WORKER = 4
START_TIMEOUT_S = 600.0  # loading spaCy and the gazetteer on a loaded machine


def worker_lost() -> FieldReportError:
    return FieldReportError(grpc.StatusCode.UNAVAILABLE, "WORKER_LOST",
                            "the worker process running this call died; retry the call")


def shutting_down() -> FieldReportError:
    return FieldReportError(grpc.StatusCode.UNAVAILABLE, "SHUTTING_DOWN",
                            "the server stopped before the document was processed; retry on another server")


def overloaded(retry_delay: float, limit: int) -> FieldReportError:
    return FieldReportError(grpc.StatusCode.RESOURCE_EXHAUSTED, "OVERLOADED",
                            f"the server's queue is full ({limit} documents waiting); retry after "
                            f"{retry_delay:.2f} s", metadata={"queue_limit": str(limit)}, retry_delay=retry_delay)


# -- the worker process ------------------------------------------------------------------------------

def _normalize_all(pipeline: Pipeline, items, fields: list[str]) -> list:  # noqa: ANN001
    """One result per item, or the exception that item raised: one bad item does not sink the others."""
    out: list = []
    for item, field in zip(items, fields):
        try:
            out.append(pipeline.normalize_item(item, field))
        except Exception as exc:  # noqa: BLE001 - handed back to the servicer, which reports it per item
            out.append(exc)
    return out


def _run_job(pipeline: Pipeline, kind: str, payload: tuple, deadline: float | None,
             stop: Callable[[], bool] | None):  # noqa: ANN202
    if kind == "extract":
        document, options, field = payload
        resp = pipeline.extract(pb.Document.FromString(document), pb.ExtractOptions.FromString(options),
                                deadline, field, stop=stop)
        return resp.SerializeToString()
    if kind == "normalize":
        request, fields = payload
        results = _normalize_all(pipeline, pb.NormalizeRequest.FromString(request).items, fields)
        return [r.SerializeToString() if isinstance(r, pb.NormalizeResult) else _picklable(r) for r in results]
    raise ValueError(f"unknown job kind {kind!r}")


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.dumps(exc)
        return exc
    except Exception:  # noqa: BLE001 - an exception that cannot cross the pipe is described instead
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _worker_main(conn, config: PipelineConfig, log_format: str, log_level: str, cancelled) -> None:  # noqa: ANN001
    """A worker: load the pipeline, say ready (with the plugin list), then run one job at a time.

    ``cancelled`` is shared memory holding the id of a job whose caller has gone: the pipeline reads it
    between plugins and inside long loops (``AnnotatedDocument.check_deadline``) and stops."""
    from fieldreport.service import logs

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the server decides
    logs.configure(log_format, log_level)
    try:
        pipeline = Pipeline.create(config)
    except Exception as exc:  # noqa: BLE001 - the server raises it at start-up, with its own message
        conn.send(("init_error", _picklable(exc)))
        return
    conn.send(("ready", pipeline.plugin_infos().SerializeToString()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the server has gone
            return
        if message is None:
            return
        job_id, kind, payload, remaining = message
        deadline = None if remaining is None else time.monotonic() + remaining
        try:
            result = (job_id, True, _run_job(pipeline, kind, payload, deadline,
                                             lambda job_id=job_id: cancelled.value == job_id))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
            result = (job_id, False, _picklable(exc))
        try:
            conn.send(result)
        except (EOFError, OSError):
            return


def _outcome(ok: bool, value: object) -> str:
    if ok:
        return "ok"
    if isinstance(value, CallCancelled):
        return "cancelled"  # stopped at a check in the worker: the caller had gone
    if isinstance(value, DeadlineExceeded):
        return "deadline"  # stopped at a check in the worker: the deadline had passed
    return "error"


# -- the server side ---------------------------------------------------------------------------------

@dataclasses.dataclass(eq=False)
class _Job:
    id: int
    kind: str
    payload: tuple
    deadline: float | None  # time.monotonic() in the server: when the call's deadline passes
    future: cf.Future
    slot: _Slot | None = None


class _Slot:
    """One worker process, its pipe, and the thread that feeds it one job at a time."""

    def __init__(self, pool: Executor, index: int) -> None:
        self.pool = pool
        self.index = index
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn: mpc.Connection | None = None
        self.cancelled = None  # multiprocessing.Value: the id of the running job to stop, 0 = none
        self.current: _Job | None = None
        self.thread: threading.Thread | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    # process life --------------------------------------------------------------------------------

    def spawn(self) -> None:
        ctx = self.pool.ctx
        parent, child = ctx.Pipe(duplex=True)
        self.cancelled = ctx.Value("q", 0, lock=False)
        self.process = ctx.Process(target=_worker_main, name=f"fieldreport-worker-{self.index}", daemon=True,
                                   args=(child, self.pool.config, *self.pool.log_settings, self.cancelled))
        self.process.start()
        child.close()  # the worker holds the only other end: EOF on either side means the other has gone
        self.conn = parent

    def await_ready(self, timeout: float = START_TIMEOUT_S) -> bytes:
        """The worker's plugin list once its pipeline is loaded; raises its start-up error."""
        assert self.conn is not None and self.process is not None
        ready = mpc.wait([self.conn, self.process.sentinel], timeout)
        if self.conn in ready:
            try:
                what, value = self.conn.recv()
            except (EOFError, OSError):
                what, value = "died", None
            if what == "ready":
                return value
            if what == "init_error":
                raise value
        self.kill()
        raise RuntimeError(f"worker {self.index} did not start (exit code {self.process.exitcode})")

    def kill(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.kill()
        if self.process is not None:
            self.process.join(5)
        if self.conn is not None:
            self.conn.close()

    def replace(self, cause: str) -> None:
        """Kill (if needed) and start a new worker; returns once it is ready (the other slots go on)."""
        old = self.pid
        self.kill()
        metrics.WORKER_RESTARTS.labels(cause).inc()
        metrics.WORKERS.set(self.pool.alive())
        delay = 0.5
        while not self.pool.stopping.is_set():
            try:
                self.spawn()
                self.await_ready()
                break
            except Exception as exc:  # noqa: BLE001 - keep trying: the other workers serve meanwhile
                log.error("worker_restart_failed", worker=self.index, error=type(exc).__name__, message=str(exc))
                time.sleep(delay)
                delay = min(delay * 2, 30.0)
        metrics.WORKERS.set(self.pool.alive())
        log.warning("worker_replaced", worker=self.index, cause=cause, old_pid=old, pid=self.pid)

    # feeding -------------------------------------------------------------------------------------

    def loop(self) -> None:
        while not self.pool.stopping.is_set():
            job = self.pool.take(self, timeout=0.5)
            if job is None:
                if not self.pool.stopping.is_set() and not self.process.is_alive():
                    self.replace("died")  # died while idle: replaced before the next job needs it
                continue
            try:
                self.serve(job)
            except Exception as exc:  # noqa: BLE001 - the slot must go on feeding; its caller is told
                log.error("worker_feed_failed", worker=self.index, error=type(exc).__name__)
                self.current = None
                if not job.future.done():
                    job.future.set_exception(worker_lost())
        self.stop_worker()

    def serve(self, job: _Job) -> None:
        if job.deadline is not None and time.monotonic() >= job.deadline:
            metrics.JOBS_DROPPED.labels("expired").inc()
            self.current = None
            job.future.set_exception(DeadlineExceeded())
            return
        if not self.process.is_alive():
            self.replace("died")
        try:
            self._send(job)
            self._await(job)
        finally:
            self.current = None

    def _send(self, job: _Job) -> None:
        remaining = None if job.deadline is None else max(0.0, job.deadline - time.monotonic())
        message = (job.id, job.kind, job.payload, remaining)
        try:
            self.conn.send(message)
        except (OSError, ValueError):  # died between jobs: the job has not run, so give it to a new one
            self.replace("died")
            self.conn.send(message)

    def _await(self, job: _Job) -> None:
        """Wait for the answer, the worker's death, the overrun limit, or the server's shutdown."""
        started = time.monotonic()
        kill_at = None if job.deadline is None else job.deadline + self.pool.overrun_margin
        while True:
            now = time.monotonic()
            wait = 0.5 if kill_at is None else max(0.0, min(0.5, kill_at - now))
            ready = mpc.wait([self.conn, self.process.sentinel], wait)
            if self.conn in ready:
                try:
                    job_id, ok, value = self.conn.recv()
                except (EOFError, OSError):
                    ready = [self.process.sentinel]
                else:
                    if job_id != job.id:  # an answer to a job given up earlier; not expected
                        continue
                    self.pool.observe_seconds(time.monotonic() - started)
                    metrics.JOBS.labels(_outcome(ok, value)).inc()
                    (job.future.set_result if ok else job.future.set_exception)(value)
                    return
            if self.process.sentinel in ready:
                self.process.join(1)
                log.error("worker_died", worker=self.index, pid=self.pid, exit_code=self.process.exitcode)
                metrics.JOBS.labels("lost").inc()
                job.future.set_exception(worker_lost())
                self.current = None  # not busy while its replacement loads (busy_pids, cancel_running)
                if not self.pool.stopping.is_set():
                    self.replace("died")
                return
            if self.pool.killing.is_set():
                metrics.JOBS.labels("stopped_at_shutdown").inc()
                self.kill()
                job.future.set_exception(shutting_down())
                return
            if kill_at is not None and time.monotonic() >= kill_at:
                log.warning("worker_overrun", worker=self.index, pid=self.pid,
                            over_deadline_s=round(time.monotonic() - job.deadline, 2))
                metrics.JOBS.labels("killed_overrun").inc()
                job.future.set_exception(DeadlineExceeded())
                self.current = None
                self.replace("overrun")
                return

    def cancel_running(self, job: _Job) -> None:
        """Ask the worker to stop ``job`` at its next deadline check (the caller has gone)."""
        if self.current is job and self.cancelled is not None:
            self.cancelled.value = job.id

    def stop_worker(self) -> None:
        if self.process is None:
            return
        try:
            if self.process.is_alive() and not self.pool.killing.is_set():
                self.conn.send(None)
                self.process.join(2)
        except (OSError, ValueError):
            pass
        self.kill()


class Executor:
    """Runs pipeline calls in worker processes, or inline when ``workers == 0``.

    ``max_queue`` bounds the documents waiting for a worker (0: ``QUEUE_PER_WORKER`` per worker);
    ``overrun_margin`` is how long past its deadline a job may run before its worker is killed."""

    def __init__(self, config: PipelineConfig, workers: int, log_format: str = "json", log_level: str = "info",
                 max_queue: int = 0, overrun_margin: float = 2.0):
        self.config = config
        self.workers = workers
        self.log_settings = (log_format, log_level)
        self.max_queue = max_queue or QUEUE_PER_WORKER * max(1, workers)
        self.overrun_margin = overrun_margin
        self.ctx = multiprocessing.get_context("spawn")
        self._queue: collections.deque[_Job] = collections.deque()
        self._cond = threading.Condition()
        self._ids = itertools.count(1)
        self._slots: list[_Slot] = []
        self._job_seconds = 0.5  # moving average of one job's time, for the RetryInfo delay
        self.stopping = threading.Event()  # no new jobs taken from the queue
        self.killing = threading.Event()  # running jobs are stopped too
        self._inline: Pipeline | None = None
        self.info: pb.ListPluginsResponse | None = None
        self._plugin_names: set[str] = set()

    # -- life --------------------------------------------------------------------------------------

    def start(self) -> None:
        """Load the pipeline where it runs; returns when every worker is ready (warm-up).

        With workers, the server process loads no model (one model less in memory, and start-up is
        not serialised behind it): ListPlugins and validation use the plugin list the workers report."""
        metrics.QUEUE_LIMIT.set(self.max_queue if self.workers else 0)
        if self.workers > 0:
            self._slots = [_Slot(self, i) for i in range(self.workers)]
            try:
                for slot in self._slots:  # all load at once
                    slot.spawn()
                answers = [slot.await_ready() for slot in self._slots]
            except BaseException:
                for slot in self._slots:
                    slot.kill()
                raise  # a missing model or plugin requirement, with its own message
            self.info = pb.ListPluginsResponse.FromString(answers[0])
            for slot in self._slots:
                slot.thread = threading.Thread(target=slot.loop, name=f"worker-feed-{slot.index}", daemon=True)
                slot.thread.start()
            metrics.WORKERS.set(self.alive())
        else:
            self._inline = Pipeline.create(self.config)
            self.info = self._inline.plugin_infos()
        self._plugin_names = {p.name for p in self.info.plugins}

    def shutdown(self, kill: bool = True) -> int:
        """Stop the workers. Jobs still queued fail with UNAVAILABLE (SHUTTING_DOWN); with ``kill``,
        running jobs are stopped too, whatever they are doing (their worker is killed). Returns how
        many jobs were stopped so (queued and running)."""
        running = sum(1 for s in self._slots if s.current is not None) if kill else 0
        self.stopping.set()
        if kill:
            self.killing.set()
        with self._cond:
            queued, self._queue = list(self._queue), collections.deque()
            self._cond.notify_all()
        metrics.QUEUE_LENGTH.set(0)
        for job in queued:
            if job.future.set_running_or_notify_cancel():
                job.future.set_exception(shutting_down())
        for slot in self._slots:
            if slot.thread is not None:
                slot.thread.join(10)
            slot.kill()
        metrics.WORKERS.set(0)
        return len(queued) + running

    def alive(self) -> int:
        return sum(1 for s in self._slots if s.process is not None and s.process.is_alive())

    def worker_pids(self) -> list[int]:
        return [s.pid for s in self._slots if s.pid is not None]

    def busy_pids(self) -> list[int]:
        """The workers running a job now."""
        return [s.pid for s in self._slots if s.current is not None and s.pid is not None]

    # -- the queue ---------------------------------------------------------------------------------

    def take(self, slot: _Slot, timeout: float) -> _Job | None:
        """The next job for ``slot``, set running (it can no longer be cancelled in the queue: a caller
        who goes now has its worker told instead), or None."""
        with self._cond:
            if not self._queue and not self.stopping.is_set():
                self._cond.wait(timeout)
            while self._queue and not self.stopping.is_set():
                job = self._queue.popleft()
                metrics.QUEUE_LENGTH.set(len(self._queue))
                if job.future.set_running_or_notify_cancel():
                    job.slot, slot.current = slot, job
                    return job
            return None

    def queue_length(self) -> int:
        return len(self._queue)

    def observe_seconds(self, seconds: float) -> None:
        self._job_seconds = 0.8 * self._job_seconds + 0.2 * seconds

    def retry_delay(self) -> float:
        """About when a worker will be free for one more document: the queue's work over the workers."""
        estimate = self._job_seconds * (len(self._queue) + 1) / max(1, self.workers)
        return round(min(max(estimate, 0.05), 10.0), 3)

    def admit(self, method: str) -> None:
        """Refuse a call at once (RESOURCE_EXHAUSTED, OVERLOADED, RetryInfo) when the queue is full.

        A call admitted queues all its documents: a batch is never cut in half, so the queue may run
        over its bound by one call's documents, and the next call is refused."""
        if self.workers == 0:
            return
        if self.stopping.is_set():
            raise shutting_down()
        if len(self._queue) >= self.max_queue:
            metrics.SHED.labels(method).inc()
            raise overloaded(self.retry_delay(), self.max_queue)

    def _enqueue(self, kind: str, payload: tuple, deadline: float | None) -> cf.Future:
        future: cf.Future = cf.Future()
        job = _Job(next(self._ids), kind, payload, deadline, future)
        future.job = job  # type: ignore[attr-defined]  # for cancel()
        with self._cond:
            if self.stopping.is_set():
                raise shutting_down()
            self._queue.append(job)
            metrics.QUEUE_LENGTH.set(len(self._queue))
            self._cond.notify()
        return future

    def cancel(self, future: cf.Future) -> None:
        """The caller has gone: drop the job if it is queued (at once, freeing its place), or ask
        its worker to stop it."""
        job = getattr(future, "job", None)
        if future.done() or job is None:
            return
        with self._cond:
            if future.cancel():  # still queued (a job is set running as it leaves the queue)
                try:
                    self._queue.remove(job)
                except ValueError:
                    pass
                metrics.QUEUE_LENGTH.set(len(self._queue))
                # gRPC ends a call at its deadline a little before the deadline read at arrival
                expired = job.deadline is not None and time.monotonic() >= job.deadline - 0.1
                metrics.JOBS_DROPPED.labels("expired" if expired else "cancelled").inc()
            elif job.slot is not None:
                job.slot.cancel_running(job)

    def cancel_on(self, context, future: cf.Future) -> None:  # noqa: ANN001
        """Cancel ``future`` when the gRPC call ends (the client cancelled, its deadline passed)."""
        context.add_callback(lambda: self.cancel(future))

    # -- calls -------------------------------------------------------------------------------------

    @staticmethod
    def _inline_future(fn: Callable) -> cf.Future:
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn())
        except BaseException as exc:  # noqa: BLE001 - delivered to the caller like a worker's exception
            future.set_exception(exc)
        return future

    def result(self, future: cf.Future):  # noqa: ANN201
        return future.result()

    # Calls made inline run on the server's Pipeline; calls made in workers use theirs.
    def submit_extract(self, document: pb.Document, options: pb.ExtractOptions, deadline: float | None,
                       field: str) -> cf.Future:
        """``deadline`` is a time.monotonic() value, taken when the call arrived (None: no deadline)."""
        if self.workers == 0:
            return self._inline_future(lambda: self._inline.extract(document, options, deadline, field))
        return self._enqueue("extract", (document.SerializeToString(), options.SerializeToString(), field),
                             deadline)

    def extract(self, document: pb.Document, options: pb.ExtractOptions, deadline: float | None,
                field: str) -> pb.ExtractResponse:
        out = self.result(self.submit_extract(document, options, deadline, field))
        return out if isinstance(out, pb.ExtractResponse) else pb.ExtractResponse.FromString(out)

    def submit_normalize(self, items, fields: list[str], deadline: float | None = None) -> cf.Future:  # noqa: ANN001
        """Future of a NormalizeResult or exception per item. The items of one request go to one worker
        together: they often share a context (a document) whose analysis a plugin caches."""
        if self.workers == 0:
            return self._inline_future(lambda: _normalize_all(self._inline, items, fields))
        return self._enqueue("normalize", (pb.NormalizeRequest(items=items).SerializeToString(), fields), deadline)

    def normalize(self, items, fields: list[str], deadline: float | None = None) -> list:  # noqa: ANN001
        out = self.result(self.submit_normalize(items, fields, deadline))
        return [pb.NormalizeResult.FromString(r) if isinstance(r, bytes) else r for r in out]

    def validate(self, document: pb.Document, options: pb.ExtractOptions, field: str) -> None:
        """Cheap checks in the server process, so invalid input never occupies a worker."""
        from fieldreport.service import errors

        errors.validate_document(document, field, self.config.max_text_chars)
        errors.validate_plugins(list(options.plugins), self._plugin_names)

