"""The `fieldreport` command: serve, extract, batch, compare, view, normalize, plugins, health, eval.

Work runs in-process by default (the real pipeline, loaded once); ``--server HOST:PORT`` sends the same
work to a running server through the bundled client. JSON output uses the proto field names.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import NamedTuple

from google.protobuf import json_format

from fieldreport.v1 import fieldreport_pb2 as pb

EXIT_INVALID = 2
EXIT_FAILED = 1


def to_json(message, pretty: bool = True) -> str:  # noqa: ANN001
    data = json_format.MessageToDict(message, preserving_proto_field_name=True)
    return json.dumps(data, ensure_ascii=False, indent=2 if pretty else None)


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


class _Local:
    """In-process backend: one Pipeline, loaded on first use."""

    def __init__(self, args: argparse.Namespace) -> None:
        from fieldreport.service.pipeline import Pipeline, PipelineConfig

        self.pipeline = Pipeline.create(PipelineConfig(model=getattr(args, "model", None) or PipelineConfig.model))

    def extract(self, doc: pb.Document, plugins: Sequence[str] = ()) -> pb.ExtractResponse:
        return self.pipeline.extract(doc, pb.ExtractOptions(plugins=list(plugins)))

    def normalize(self, item: pb.NormalizeItem) -> pb.NormalizeResult:
        return self.pipeline.normalize_item(item, "items[0]")

    def compare(self, request: pb.CompareRequest) -> pb.CompareResponse:
        from fieldreport.service.compare import compare

        return compare(request, lambda d, f: self.pipeline.extract(d, field=f))

    def plugins(self) -> pb.ListPluginsResponse:
        return self.pipeline.plugin_infos()


def _client(args: argparse.Namespace, target: str | None = None):  # noqa: ANN202
    """The bundled client for ``--server`` (or ``target``), with the command's TLS, token and deadline."""
    from fieldreport.client import Client

    root_certificates = None
    if args.tls_ca:
        with open(args.tls_ca, "rb") as handle:
            root_certificates = handle.read()
    options = [("grpc.ssl_target_name_override", args.tls_server_name)] if args.tls_server_name else []
    return Client(target or args.server, timeout=args.timeout, token=args.token or None,
                  tls=args.tls or root_certificates is not None, root_certificates=root_certificates,
                  options=options)


class _Remote:
    """Backend that calls a server through the bundled client."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.client = _client(args)

    def extract(self, doc: pb.Document, plugins: Sequence[str] = ()) -> pb.ExtractResponse:
        return self.client.extract(doc, plugins=plugins)

    def normalize(self, item: pb.NormalizeItem) -> pb.NormalizeResult:
        result = self.client.normalize_many([item]).results[0]
        if result.HasField("error"):
            from fieldreport.client.errors import from_status

            raise from_status(result.error)
        return result

    def compare(self, request: pb.CompareRequest) -> pb.CompareResponse:
        return self.client.compare(request.documents, event_sets=request.event_sets)

    def plugins(self) -> pb.ListPluginsResponse:
        return self.client.list_plugins()


def _backend(args: argparse.Namespace):  # noqa: ANN202
    return _Remote(args) if args.server else _Local(args)


def _document(args: argparse.Namespace, text: str, doc_id: str = "") -> pb.Document:
    return pb.Document(text=text, id=args.id or doc_id, title=args.title or "", source=args.source or "",
                       published=args.published or "")


# -- commands ----------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    from fieldreport.service import config, server

    if args.model_dir:
        # The workers read FIELDREPORT_MODEL_DIR at start-up; a directory that cannot serve stops here.
        from fieldreport.plugins.classifier import ENV
        from fieldreport.plugins.classifier.model import EventModel, ModelError

        try:
            EventModel.read_meta(args.model_dir)
        except ModelError as exc:
            print(f"error: --model-dir: {exc}", file=sys.stderr)
            return EXIT_INVALID
        os.environ[ENV] = os.path.abspath(args.model_dir)
    return server.serve(config.from_args(args))


def cmd_train(args: argparse.Namespace) -> int:
    from fieldreport.plugins.classifier import learning_installed

    if not learning_installed():
        print("error: fieldreport train needs scikit-learn and skops: pip install 'fieldreport[learned]'",
              file=sys.stderr)
        return EXIT_INVALID
    from fieldreport.plugins.classifier import training

    if args.out is None and not args.cv_only:
        print("error: --out DIR is required (or --cv-only to score without writing a model)", file=sys.stderr)
        return EXIT_INVALID
    workers = (os.cpu_count() or 1) if args.workers < 0 else args.workers
    try:
        training.train(args.data, None if args.cv_only else args.out, folds=args.folds, workers=workers,
                       progress=not args.quiet, name=args.name or "", version=args.version or "",
                       cv=not args.no_cv)
    except training.TrainingDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from fieldreport.service import render

    doc = _document(args, _read(args.file), "" if args.file == "-" else os.path.basename(args.file))
    response = _backend(args).extract(doc, args.plugins.split(",") if args.plugins else ())
    if args.html:
        from fieldreport.service.view import extract_page

        sys.stdout.write(extract_page(response, doc.text))
        return 0
    print(render.extract_table(response) if args.pretty else to_json(response))
    return 0


# The keys of a JSONL document line: the proto's Document fields.
DOCUMENT_KEYS = tuple(f.name for f in pb.Document.DESCRIPTOR.fields)

BATCH_INPUT = f"""input: JSONL, one document per line: a JSON object with the Document's fields
  ({", ".join(DOCUMENT_KEYS)}; "text" is required, "published" is YYYY-MM-DD),
  or a bare JSON string (the text). A line with any other key (e.g. "body") is refused with
  UNKNOWN_KEY, naming the key; the other lines go on.
output: JSONL, one line per input line, in order:
  {{"index": 0, "document_id": "...", "response": {{...the ExtractResponse, proto field names...}}}}
  {{"index": 1, "document_id": "...", "error": {{"code", "reason", "message", "field_violations"}}}}"""


class LineProblem(NamedTuple):
    """Why a JSONL line gives no Document: an error reason and a message naming the line (and the key)."""

    reason: str
    message: str
    violations: tuple[tuple[str, str], ...] = ()

    def error(self) -> dict:
        return {"code": "INVALID_ARGUMENT", "reason": self.reason, "message": self.message,
                "field_violations": [{"field": f, "description": d} for f, d in self.violations]}


def _jsonl_documents(path: str) -> list[tuple[pb.Document | None, LineProblem | None]]:
    """Each line → (Document, None) or (None, why the line gives no document)."""
    out: list[tuple[pb.Document | None, LineProblem | None]] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if isinstance(data, str):
                    data = {"text": data}
                unknown = [k for k in data if k not in DOCUMENT_KEYS]
                if unknown:
                    names = ", ".join(repr(k) for k in unknown)
                    out.append((None, LineProblem(
                        "UNKNOWN_KEY", f"line {number}: unknown key {names} (a document has {', '.join(DOCUMENT_KEYS)})",
                        tuple((k, f"not a Document field (a document has {', '.join(DOCUMENT_KEYS)})")
                              for k in unknown))))
                    continue
                doc = pb.Document(**{k: ("" if v is None else str(v)) for k, v in data.items()})
                out.append((doc, None))
            except (ValueError, TypeError, AttributeError) as exc:
                out.append((None, LineProblem("MALFORMED_LINE",
                                              f"line {number}: not a JSON document ({type(exc).__name__})")))
    return out


def cmd_batch(args: argparse.Namespace) -> int:
    if args.engine == "ray":
        from fieldreport.bulk import cli as bulk_cli

        return bulk_cli.batch(args)
    from tqdm import tqdm

    items = _jsonl_documents(args.input)
    failed = 0
    client = None
    if args.server:
        client = _client(args)
        outcomes = _remote_batch(client, items, args.chunk)
    else:
        outcomes = _local_batch(items, args.workers)
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            for i, outcome in enumerate(tqdm(outcomes, total=len(items), unit="doc", disable=args.quiet)):
                doc = items[i][0]
                line: dict = {"index": i, "document_id": doc.id if doc is not None else ""}
                if isinstance(outcome, pb.ExtractResponse):
                    line["response"] = json_format.MessageToDict(outcome, preserving_proto_field_name=True)
                else:
                    failed += 1
                    line["error"] = outcome
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if client is not None:
            client.close()
    print(f"{len(items) - failed} documents extracted, {failed} failed -> {args.output}", file=sys.stderr)
    return 0 if failed == 0 else EXIT_FAILED


def _error_dict(exc: BaseException) -> dict:
    code = getattr(exc, "code", None)
    return {"code": getattr(code, "name", "INTERNAL"), "reason": getattr(exc, "reason", ""),
            "message": getattr(exc, "message", str(exc)),
            "field_violations": [{"field": f, "description": d} for f, d in
                                 getattr(exc, "violations", getattr(exc, "field_violations", []))]}


def _local_batch(items, workers: int):  # noqa: ANN001
    """In-process, batched: documents go ``BATCH_SIZE`` at a time through ``Pipeline.iter_extract`` (one
    nlp.pipe per batch) in this process (``--workers`` 0 or 1) or in a pool of worker processes, each with
    its own Pipeline (``batching``), over all cores by default."""
    from fieldreport.service.pipeline import BATCH_SIZE

    workers = workers if workers >= 0 else (os.cpu_count() or 1)
    todo = [(i, doc) for i, (doc, _) in enumerate(items) if doc is not None]
    chunks = [todo[start:start + BATCH_SIZE] for start in range(0, len(todo), BATCH_SIZE)]
    outcomes = _batches_inline(chunks) if workers <= 1 else _batches_in_workers(chunks, workers)
    for i, (doc, problem) in enumerate(items):
        if doc is None:
            yield problem.error()
            continue
        outcome = next(outcomes)
        yield outcome if isinstance(outcome, pb.ExtractResponse) else _error_dict(outcome)


def _batches_inline(chunks):  # noqa: ANN001, ANN202 - one outcome per document, in order
    from fieldreport.service.pipeline import Pipeline, PipelineConfig

    pipeline = Pipeline.create(PipelineConfig())
    for chunk in chunks:
        yield from pipeline.iter_extract([d for _, d in chunk], pb.ExtractOptions(),
                                         fields=[f"documents[{i}]" for i, _ in chunk])


def _batches_in_workers(chunks, workers: int):  # noqa: ANN001, ANN202 - one outcome per document, in order
    import concurrent.futures as cf
    import multiprocessing

    from fieldreport.service import batching
    from fieldreport.service.pipeline import PipelineConfig

    # spawn, as the server's pool: a forked child would share this process's threads' state
    pool = cf.ProcessPoolExecutor(min(workers, max(1, len(chunks))), mp_context=multiprocessing.get_context("spawn"),
                                  initializer=batching.init, initargs=(PipelineConfig(), "json", "warning"))
    try:
        options = pb.ExtractOptions().SerializeToString()
        futures = [pool.submit(batching.extract_batch, [d.SerializeToString() for _, d in chunk], options, None,
                               [f"documents[{i}]" for i, _ in chunk]) for chunk in chunks]
        for chunk, future in zip(chunks, futures):
            try:
                out = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died: each document of its chunk says so
                out = [exc] * len(chunk)
            for outcome in out:
                yield pb.ExtractResponse.FromString(outcome) if isinstance(outcome, bytes) else outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _remote_batch(client, items, chunk: int):  # noqa: ANN001
    from fieldreport.client.errors import from_status

    for start in range(0, len(items), chunk):
        part = items[start:start + chunk]
        docs = [d if d is not None else pb.Document() for d, _ in part]
        response = client.batch_extract(docs)
        for (doc, problem), result in zip(part, response.results):
            if doc is None:
                yield problem.error()
            elif result.HasField("error"):
                yield _error_dict(from_status(result.error))
            else:
                yield result.response


def cmd_compare(args: argparse.Namespace) -> int:
    if args.engine == "ray":
        from fieldreport.bulk import cli as bulk_cli

        return bulk_cli.compare(args)
    from fieldreport.service import render

    documents: list[pb.Document] = []
    for path in args.files:
        if path.endswith(".jsonl"):
            for doc, problem in _jsonl_documents(path):
                if doc is None:
                    raise SystemExit(f"{path}: {problem.message}")
                documents.append(doc)
        else:
            documents.append(pb.Document(text=_read(path), id=os.path.basename(path), published=args.published or ""))
    for i, doc in enumerate(documents):
        if not doc.id:
            doc.id = f"doc{i + 1}"
    response = _backend(args).compare(pb.CompareRequest(documents=documents, threshold=args.threshold))
    if args.html:
        from fieldreport.service.view import compare_page

        sys.stdout.write(compare_page(response, [d.text for d in documents]))
        return 0
    print(to_json(response) if args.json else render.compare_table(response))
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from fieldreport.service.view import commands

    return commands.view(args, lambda: _backend(args))


def cmd_normalize(args: argparse.Namespace) -> int:
    kinds = {"date": pb.NormalizeItem.DATE, "quantity": pb.NormalizeItem.QUANTITY,
             "location": pb.NormalizeItem.LOCATION, "actor": pb.NormalizeItem.ACTOR}
    item = pb.NormalizeItem(kind=kinds[args.kind], text=" ".join(args.text), context=pb.NormalizeContext(
        reference_date=args.ref or "", country_hint=args.country or "", sentence=args.sentence or ""))
    print(to_json(_backend(args).normalize(item)))
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    info = _backend(args).plugins()
    if args.json:
        print(to_json(info))
        return 0
    print(f"model: {info.model}")
    for p in info.plugins:
        print(f"{p.name:<12} {p.version:<8} requires {','.join(p.requires) or '-':<40} provides "
              f"{','.join(p.provides):<22} {p.description}")
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    from fieldreport.client import FieldReportError

    # The container's HEALTHCHECK runs this beside the server: the server's own port variable says where,
    # and FIELDREPORT_TLS_CA (beside the server's FIELDREPORT_TLS_CERT) that it speaks TLS.
    target = args.server or f"localhost:{os.environ.get('FIELDREPORT_PORT') or 50051}"
    try:
        with _client(args, target) as client:
            status = client.health(args.service)
    except FieldReportError as exc:
        print(f"{target}: {exc.code.name}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{target}: {status}")
    return 0 if status == "SERVING" else EXIT_FAILED


def cmd_eval(args: argparse.Namespace) -> int:
    from fieldreport.evaluation import cli as eval_cli

    return eval_cli.run(args)


# -- parser ------------------------------------------------------------------------------------


def _env_token() -> str:
    return os.environ.get("FIELDREPORT_TOKEN") or os.environ.get("FIELDREPORT_AUTH_TOKEN", "")


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes", "on")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldreport", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def remote(p: argparse.ArgumentParser,
               server_help: str = "HOST:PORT of a server; default: run in-process [FIELDREPORT_SERVER]") -> None:
        p.add_argument("--server", default=os.environ.get("FIELDREPORT_SERVER", ""), help=server_help)
        p.add_argument("--token", default=_env_token(),
                       help="bearer token; better in the environment, where ps does not show it "
                            "[FIELDREPORT_TOKEN, else the server's FIELDREPORT_AUTH_TOKEN]")
        p.add_argument("--tls-ca", default=os.environ.get("FIELDREPORT_TLS_CA", ""), metavar="PEM",
                       help="speak TLS, trusting this CA certificate (or the server's self-signed one) "
                            "[FIELDREPORT_TLS_CA]")
        p.add_argument("--tls", action="store_true", default=_env_flag("FIELDREPORT_TLS"),
                       help="speak TLS, trusting the system's CAs [FIELDREPORT_TLS=1]")
        p.add_argument("--tls-server-name", default=os.environ.get("FIELDREPORT_TLS_SERVER_NAME", ""),
                       metavar="NAME", help="the name the server's certificate carries, when it is not the host "
                       "called (e.g. the health check calls localhost) [FIELDREPORT_TLS_SERVER_NAME]")
        p.add_argument("--timeout", type=float, default=120.0, help="deadline per call, seconds")

    def engine(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument("--engine", choices=["local", "ray"], default="local",
                       help=f"local: this machine's cores; ray: a Ray cluster (the ray extra); {what}")
        p.add_argument("--address", default="", help="with --engine ray: the cluster, auto or HOST:PORT or "
                       "ray://HOST:PORT (default: start a local one)")

    def meta(p: argparse.ArgumentParser) -> None:
        p.add_argument("--published", help="publication date YYYY-MM-DD (else read from the header)")
        p.add_argument("--source", help="outlet")
        p.add_argument("--title")
        p.add_argument("--id")

    p = sub.add_parser("serve", help="run the gRPC server")
    from fieldreport.service import config

    config.add_arguments(p)
    p.add_argument("--model-dir", default=os.environ.get("FIELDREPORT_MODEL_DIR", ""),
                   help="event classifier model directory made by `fieldreport train` (default: the shipped "
                        "model) [FIELDREPORT_MODEL_DIR]")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("train", help="fit the event classifier on your own coded documents",
                       description="Fit the event classifier on coded documents (an ACLED export or your own "
                                   "taxonomy), print cross-validated scores beside a TF-IDF baseline, and write "
                                   "a model directory for `fieldreport serve --model-dir`.")
    p.add_argument("--data", required=True, metavar="FILE",
                   help="CSV with columns notes, event_type, sub_event_type (an ACLED export), or JSONL "
                        "({text, event_type, sub_event_type} or the ../shared/eval format)")
    p.add_argument("--out", metavar="DIR", help="the model directory to write")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    p.add_argument("--no-cv", action="store_true", help="fit only, no cross-validated scores")
    p.add_argument("--cv-only", action="store_true", help="cross-validated scores only, no model written")
    p.add_argument("--name", help="the model's name (default: the data file's name)")
    p.add_argument("--version", help="the model's version (default: today's date)")
    p.add_argument("--workers", type=int, default=-1, help="processes running the pipeline (default: all cores)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("extract", help="extract events from one document (a file or - for stdin)")
    p.add_argument("file")
    p.add_argument("--pretty", action="store_true", help="a readable table instead of JSON")
    p.add_argument("--html", action="store_true", help="the analyst's page (self-contained HTML) instead of JSON")
    p.add_argument("--plugins", help="comma-separated plugins to run")
    meta(p)
    remote(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("batch", help="extract every document of a JSONL file into another JSONL file",
                       description="Extract every document of a JSONL file into another JSONL file.",
                       epilog=BATCH_INPUT, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--workers", type=int, default=-1, help="worker processes in-process (default: all cores)")
    p.add_argument("--chunk", type=int, default=32, help="documents per BatchExtract call with --server")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    engine(p, "with ray, IN is a JSONL or Parquet file or a directory of them, OUT a directory of part "
              "files (named *.parquet: Parquet, else JSONL) that a rerun resumes")
    remote(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("compare", help="cluster reports into incidents and reconcile their figures")
    p.add_argument("files", nargs="+", help="text files, or JSONL files of documents")
    p.add_argument("--published", help="publication date of text files")
    p.add_argument("--threshold", type=float, default=0.0, help="same-incident score threshold (0 = default)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--html", action="store_true", help="the analyst's page (self-contained HTML) instead of a table")
    engine(p, "with ray, FILES are IN (the output of batch --engine ray) and OUT (a directory)")
    remote(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("view", help="the analyst's page of reports: highlighted text, event cards, a map, figures")
    from fieldreport.service.view import options as view_options

    view_options.add_arguments(p)
    remote(p)
    p.set_defaults(func=cmd_view)

    p = sub.add_parser("normalize", help="normalize one expression")
    p.add_argument("text", nargs="+", help="the expression (several words need no quotes)")
    p.add_argument("--kind", choices=["date", "quantity", "location", "actor"], required=True)
    p.add_argument("--ref", help="reference (publication) date YYYY-MM-DD")
    p.add_argument("--country", help="ISO 3166-1 alpha-2 country hint")
    p.add_argument("--sentence", help="the sentence the text comes from")
    remote(p)
    p.set_defaults(func=cmd_normalize)

    p = sub.add_parser("plugins", help="list the loaded plugins")
    p.add_argument("--json", action="store_true")
    remote(p)
    p.set_defaults(func=cmd_plugins)

    p = sub.add_parser("health", help="exit 0 when the server is SERVING",
                       description="Ask a server's gRPC health service; exit 0 when it is SERVING, 1 otherwise.")
    p.add_argument("--service", default="", help="service name ('' = the whole server)")
    remote(p, "HOST:PORT of the server; default: localhost and the port of FIELDREPORT_PORT (50051 when unset), "
              "as the container's HEALTHCHECK runs it beside the server [FIELDREPORT_SERVER]")
    p.set_defaults(func=cmd_health, timeout=5.0)

    p = sub.add_parser("eval", help="score the pipeline on gold-annotated datasets, beside baselines")
    try:
        from fieldreport.evaluation import cli as eval_cli

        eval_cli.add_arguments(p)
    except ImportError:
        pass
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from fieldreport.client.errors import FieldReportError as ClientError
    from fieldreport.service import logs
    from fieldreport.service.errors import FieldReportError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command != "serve":
        logs.configure(os.environ.get("FIELDREPORT_LOG_FORMAT", "auto"), os.environ.get("FIELDREPORT_LOG_LEVEL", "warning"))
    try:
        return args.func(args)
    except (FieldReportError, ClientError) as exc:
        violations = getattr(exc, "violations", None) or getattr(exc, "field_violations", [])
        code = exc.code.name
        print(f"error: {code} {getattr(exc, 'reason', '')}: {exc.message}", file=sys.stderr)
        for field, description in violations:
            print(f"  {field}: {description}", file=sys.stderr)
        return EXIT_INVALID if code == "INVALID_ARGUMENT" else EXIT_FAILED
    except FileNotFoundError as exc:
        print(f"error: {exc.filename}: no such file", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `fieldreport extract … | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - a user sees a line, not a traceback
        print(f"error: internal: {type(exc).__name__}: {exc} (FIELDREPORT_DEBUG=1 for the traceback)", file=sys.stderr)
        if os.environ.get("FIELDREPORT_DEBUG"):
            raise
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
