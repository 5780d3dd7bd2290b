"""Compare at scale on Ray Data: the event sets of a bulk extraction → incidents, with the same clusters,
pair scores and reconciled figures as the in-process Compare (``fieldreport.service.compare``) gives
for the same reports in the same order. Every step reuses that code; what is new here is where each
step runs and what travels between steps.

1. **Reports** (parallel): each output row becomes an event set as the in-process Compare sees it
   (document metadata and text, events with ids); rows that failed extraction are counted and left out.
2. **Word statistics** (parallel counts, summed by term): the TF-IDF weights are fitted on all the
   reports, as in one in-process call; the driver turns the sums into one ``Vectorizer``.
3. **Blocking keys** (parallel): each report's records, with their term keys (terms carried by 2 to 12
   reports: no other term can pair anything) and place-and-week keys (``blocking.report_terms``,
   ``place_keys``); a group-by on the key forms each bucket and ``blocking.term_bucket_pairs`` /
   ``place_bucket_pairs`` turn it into candidate pairs. One report's own events always pair.
4. **Scores** (parallel, by partition): pairs are split into partitions by their left report; each
   partition receives the records of every report its pairs touch and scores its pairs
   (``api.score_pair``). Why not group pairs by connected component of the candidate pairs: on real news
   those components percolate (992 of 1,000 compare_gvc / events_gva reports form one), so that would be
   one block, i.e. no parallelism.
5. **Blocks** (driver: scipy's connected components over the pairs scored at or above the threshold;
   one integer pair each): two clusters merge only when their mean cross score reaches the threshold,
   which needs one such pair, so no incident crosses a block, and clustering each block on its own
   (``api.cluster_scored``, with every pair score inside the block) gives the clusters one call over
   everything would. Blocks are small (an incident and its look-alikes); an event in none is its own
   incident.
6. **Incidents** (parallel, a group-by on the block): clustered and reconciled per block; numbered
   ``i1``, ``i2`` … in the order of their first member, as the in-process call numbers them.

Reports are in the order of their key, (input file, line): the order an in-process call must be given
to number incidents and break exact ties the same way. Memory on the driver: a few integers per report
and per candidate pair.
"""

from __future__ import annotations

import dataclasses
import json
import math
import pickle
import time
from collections import Counter
from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from google.protobuf import json_format

from fieldreport.bulk import parts, runtime
from fieldreport.service import errors
from fieldreport.service.compare import api, blocking, records, scoring
from fieldreport.service.compare import text as words
from fieldreport.v1 import fieldreport_pb2 as pb

#: Record key = report key << EVENT_BITS | event index; report key = input file rank << 32 | line.
EVENT_BITS = 12
MAX_EVENTS = 1 << EVENT_BITS
LINE_BITS = 32
#: Reports one scoring partition may hold (its own and those its pairs reach); more partitions when a
#: partition would hold more. Below it, few partitions: each report is copied to fewer of them. A report's
#: scoring records take about 40 KB in a worker (100,000 reports: 3.8 GiB per partition, measured).
PARTITION_REPORTS = 100_000
#: Partitions of a group-by shuffle: one per SHUFFLE_REPORTS reports, at least two per CPU, at most
#: SHUFFLE_PARTITIONS (Ray Data's default, 200, costs seconds per stage on a small input).
SHUFFLE_REPORTS = 2_000
SHUFFLE_PARTITIONS = 200
#: How many examples of skipped rows the summary names.
EXAMPLES = 5


@dataclasses.dataclass
class Summary:
    output: str
    threshold: float
    reports: int = 0  # event sets compared
    events: int = 0
    without_events: int = 0  # reports with no event (they join no incident: NO_EVENTS)
    skipped: dict[str, int] = dataclasses.field(default_factory=dict)  # rows left out, by reason
    skipped_examples: list[str] = dataclasses.field(default_factory=list)
    candidate_pairs: int = 0
    strong_pairs: int = 0  # scored at or above the threshold
    partitions: int = 0
    blocks: int = 0  # blocks of more than one event
    largest_block: int = 0  # events
    incidents: int = 0
    seconds: dict[str, float] = dataclasses.field(default_factory=dict)

    def line(self) -> str:
        return (f"{self.reports} reports ({self.events} events) -> {self.incidents} incidents, "
                f"{self.candidate_pairs} pairs scored -> {self.output}")


# -- 1. reports ------------------------------------------------------------------------------------

REPORT_SCHEMA = pa.schema([
    ("input_file", pa.string()), ("input_line", pa.int64()), ("document_id", pa.string()),
    ("problem", pa.string()), ("n_events", pa.int32()), ("n_sentences", pa.int64()),
    ("text", pa.string()), ("event_set", pa.binary()),
])


def _bulk_rows(batch: pa.Table) -> Iterator[dict]:
    """Rows of a bulk output: Parquet columns, or JSONL lines (column ``line``)."""
    if "response" in batch.column_names:
        for row in batch.to_pylist():
            row["response"] = json.loads(row["response"]) if row.get("response") else None
            if row.get("status") == "error":
                row["error"] = {"code": row.get("error_code") or "UNKNOWN", "reason": row.get("error_reason") or ""}
            yield row
    else:
        for line in batch.column("line").to_pylist():
            yield json.loads(line)


def event_set(row: dict) -> tuple[pb.EventSet, str, int]:
    """(event set, the text Compare reads for its words, its sentence count) of one bulk output row, as
    the in-process Compare builds them; FieldReportError for what it would refuse."""
    response = json_format.ParseDict(row["response"], pb.ExtractResponse(), ignore_unknown_fields=True)
    document = pb.Document()
    document.CopyFrom(response.document)
    document.text = row.get("text") or ""
    document_id = row.get("document_id") or document.id
    field = f"{row['input_file']}:{row['input_line']}"
    errors.parse_date(document.published, f"{field}.document.published")
    given: set[str] = set()
    for j, event in enumerate(response.events):
        if event.id and event.id in given:
            raise errors.invalid("DUPLICATE_EVENT_ID", f"{field}: event id {event.id!r} appears twice",
                                 [(f"{field}.events[{j}].id", f"{event.id!r} appears twice in this event set")])
        given.add(event.id)
    for k, event in enumerate(response.events):
        if not event.id:
            event.id = f"e{k + 1}"
    events = list(response.events)
    text = (records.words.join([document.title, document.text])
            or "\n".join(records.event_text(e) for e in events))
    return (pb.EventSet(document_id=document_id, document=document, events=events), text,
            len(words.sentences(text)))


def parse_reports(batch: pa.Table) -> pa.Table:
    out: dict[str, list] = {name: [] for name in REPORT_SCHEMA.names}

    def add(row: dict, problem: str | None, n_events: int = 0, n_sentences: int = 0, text: str = "",
            data: bytes = b"") -> None:
        for name, value in (("input_file", row.get("input_file", "")), ("input_line", int(row.get("input_line", 0))),
                            ("document_id", row.get("document_id") or ""), ("problem", problem),
                            ("n_events", n_events), ("n_sentences", n_sentences), ("text", text),
                            ("event_set", data)):
            out[name].append(value)

    for row in _bulk_rows(batch):
        if row.get("error") is not None or not row.get("response"):
            add(row, f"EXTRACTION_FAILED:{(row.get('error') or {}).get('code', 'UNKNOWN')}")
            continue
        try:
            event_set_, text, n_sentences = event_set(row)
        except errors.FieldReportError as exc:
            add(row, exc.reason)
            continue
        if len(event_set_.events) > MAX_EVENTS:
            add(row, "TOO_MANY_EVENTS")
            continue
        add(row, None, len(event_set_.events), n_sentences, text, event_set_.SerializeToString())
    return pa.table(out, schema=REPORT_SCHEMA)


# -- 2. word statistics ----------------------------------------------------------------------------

COUNT_SCHEMA = pa.schema([("term", pa.string()), ("df", pa.int64()), ("sf", pa.int64()), ("dfe", pa.int64())])


def count_terms(batch: pa.Table) -> pa.Table:
    """Per term: documents and sentences it occurs in (the Vectorizer's counts), and reports with events
    that carry it (the size of its blocking bucket)."""
    counts = words.TermCounts()
    carriers: Counter[str] = Counter()
    for text, n_events in zip(batch.column("text").to_pylist(), batch.column("n_events").to_pylist()):
        counts.add(text)
        if n_events:
            carriers.update(set(words.tokens(text)))
    terms = list(counts.sentence_freq)
    return pa.table([terms, [counts.document_freq[t] for t in terms], [counts.sentence_freq[t] for t in terms],
                     [carriers[t] for t in terms]], schema=COUNT_SCHEMA)


# -- 3. blocking keys ------------------------------------------------------------------------------

KEY_SCHEMA = pa.schema([("key", pa.string()), ("member", pa.int64()), ("flag", pa.bool_())])
PAYLOAD_SCHEMA = pa.schema([("report", pa.int64()), ("payload", pa.binary())])
_CACHE: dict[str, object] = {}


def _shared(ref):  # noqa: ANN001, ANN202
    """A broadcast object, fetched once per worker process."""
    import ray

    key = ref.hex()
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = ray.get(ref)
    return _CACHE[key]


def report_key(file_ranks: dict[str, int], name: str, line: int) -> int:
    return (file_ranks[name] << LINE_BITS) | line


def _report_records(row: dict, vectorizer: words.Vectorizer | None, key: int
                    ) -> tuple[records.Report, list[records.EventRecord], pb.EventSet]:
    event_set_ = pb.EventSet.FromString(row["event_set"])
    published = errors.parse_date(event_set_.document.published, "published")
    report = records.Report(index=key, document_id=event_set_.document_id, published=published,
                            text=row["text"], field="")
    if vectorizer is None:  # for incidents: no words
        main = records.main_event_index(event_set_.events)
        recs = [records.event_record(k, report, e, k == main, None) for k, e in enumerate(event_set_.events)]
    else:
        recs = records.build([report], [list(event_set_.events)], vectorizer)
    return report, recs, event_set_


def _trim_for_scoring(report: records.Report, recs: list[records.EventRecord]) -> bytes:
    """What scoring a pair reads of a report's records, pickled (records share their report object, so
    ``a.report is b.report`` still says "same report" after unpickling)."""
    report.text = ""
    for r in recs:
        event = pb.Event(id=r.event.id, event_type=r.event.event_type, sub_event_type=r.event.sub_event_type)
        event.when.inferred = r.event.when.inferred
        event.when.confidence = r.event.when.confidence
        r.event = event
    return pickle.dumps((report, recs), protocol=pickle.HIGHEST_PROTOCOL)


def blocking_keys(batch: pa.Table, vectorizer_ref, pairable_ref, file_ranks: dict[str, int]) -> pa.Table:  # noqa: ANN001
    """Rows of two kinds in one table: key rows (key, member record, flag) and, with ``key`` null, one
    row per report with its scoring records (``member`` its report key, ``payload`` the pickled records)."""
    vectorizer, pairable = _shared(vectorizer_ref), _shared(pairable_ref)
    keys: dict[str, list] = {"key": [], "member": [], "flag": []}
    reports, payloads = [], []
    for row in batch.to_pylist():
        if row["problem"] is not None or not row["n_events"]:
            continue
        rkey = report_key(file_ranks, row["input_file"], row["input_line"])
        report, recs, _ = _report_records(row, vectorizer, rkey)
        anchor = next(r for r in recs if r.anchor)
        terms, top = blocking.report_terms(report)
        for term in terms:
            if term in pairable:
                keys["key"].append("t\x1f" + term)
                keys["member"].append((rkey << EVENT_BITS) | anchor.index)
                keys["flag"].append(term in top)
        for r in recs:
            for country, admin1, (year, week) in blocking.place_keys(r):
                keys["key"].append(f"p\x1f{country}\x1f{admin1}\x1f{year}\x1f{week}")
                keys["member"].append((rkey << EVENT_BITS) | r.index)
                keys["flag"].append(blocking.country_wide(r))
        reports.append(rkey)
        payloads.append(_trim_for_scoring(report, recs))
    n = len(reports)
    return pa.table({
        "key": pa.array(keys["key"] + [None] * n, pa.string()),
        "member": pa.array(keys["member"] + reports, pa.int64()),
        "flag": pa.array(keys["flag"] + [False] * n, pa.bool_()),
        "payload": pa.array([None] * len(keys["key"]) + payloads, pa.binary()),
    })


PAIR_SCHEMA = pa.schema([("left", pa.int64()), ("right", pa.int64())])


def bucket_pairs(group: pa.Table) -> pa.Table:
    """The candidate pairs of one key's bucket (record keys, left < right)."""
    key = group.column("key")[0].as_py()
    members = sorted(zip(group.column("member").to_pylist(), group.column("flag").to_pylist()))
    if key.startswith("t\x1f"):
        found = blocking.term_bucket_pairs(members)
    else:
        _, country, admin1, *_ = key.split("\x1f")
        found = blocking.place_bucket_pairs((country, admin1), members)
    pairs = sorted(found)
    return pa.table([[p[0] for p in pairs], [p[1] for p in pairs]], schema=PAIR_SCHEMA)


# -- 4. scores -------------------------------------------------------------------------------------

PART_SCHEMA = pa.schema([("partition", pa.int64()), ("report", pa.int64()), ("payload", pa.binary()),
                         ("left", pa.int64()), ("right", pa.int64())])
SCORE_SCHEMA = pa.schema([("left", pa.int64()), ("right", pa.int64()), ("score", pa.float64()),
                          ("pair", pa.binary())])


def replicate_payloads(batch: pa.Table, need_reports_ref, need_parts_ref) -> pa.Table:  # noqa: ANN001
    """Each report's payload, once for every partition whose pairs read it."""
    need_reports, need_parts = _shared(need_reports_ref), _shared(need_parts_ref)
    out: dict[str, list] = {"partition": [], "report": [], "payload": []}
    for rkey, payload in zip(batch.column("member").to_pylist(), batch.column("payload").to_pylist()):
        lo, hi = np.searchsorted(need_reports, rkey, "left"), np.searchsorted(need_reports, rkey, "right")
        for partition in need_parts[lo:hi].tolist():
            out["partition"].append(partition)
            out["report"].append(rkey)
            out["payload"].append(payload)
    n = len(out["partition"])
    return pa.table({**out, "left": pa.nulls(n, pa.int64()), "right": pa.nulls(n, pa.int64())},
                    schema=PART_SCHEMA)


def score_partition(group: pa.Table) -> pa.Table:
    """Score one partition's pairs with the records of the reports they touch."""
    by_report: dict[int, list[records.EventRecord]] = {}
    pairs = []
    for rkey, payload, left, right in zip(group.column("report").to_pylist(), group.column("payload").to_pylist(),
                                          group.column("left").to_pylist(), group.column("right").to_pylist()):
        if payload is not None:
            if rkey not in by_report:
                by_report[rkey] = pickle.loads(payload)[1]
        else:
            pairs.append((left, right))
    mask = MAX_EVENTS - 1
    out: dict[str, list] = {"left": [], "right": [], "score": [], "pair": []}
    for left, right in sorted(pairs):
        a = by_report[left >> EVENT_BITS][left & mask]
        b = by_report[right >> EVENT_BITS][right & mask]
        feats, score = api.score_pair(a, b)
        out["left"].append(left)
        out["right"].append(right)
        out["score"].append(score)
        out["pair"].append(api.pair_message(a, b, feats, score).SerializeToString())
    return pa.table(out, schema=SCORE_SCHEMA)


# -- 6. incidents ----------------------------------------------------------------------------------

BLOCK_SCHEMA = pa.schema([("block", pa.int64()), ("member", pa.int64()), ("body", pa.binary()),
                          ("left", pa.int64()), ("right", pa.int64()), ("score", pa.float64())])
INCIDENT_SCHEMA = pa.schema([("kind", pa.string()), ("first", pa.int64()), ("second", pa.int64()),
                             ("body", pa.binary())])


def _incident_rows(rows: list[tuple[str, int, int, bytes]]) -> pa.Table:
    return pa.table([list(c) for c in zip(*rows)] if rows else [[], [], [], []], schema=INCIDENT_SCHEMA)


def block_members(batch: pa.Table, block_keys_ref, block_ids_ref, file_ranks: dict[str, int]) -> pa.Table:  # noqa: ANN001
    """Each event: as a block member row (block, record key, pickled event and report), or, alone in no
    block, straight away as its own incident (kind "incident" in ``body``, block -1)."""
    block_keys, block_ids = _shared(block_keys_ref), _shared(block_ids_ref)
    out: dict[str, list] = {name: [] for name in BLOCK_SCHEMA.names}
    for row in batch.to_pylist():
        if row["problem"] is not None or not row["n_events"]:
            continue
        rkey = report_key(file_ranks, row["input_file"], row["input_line"])
        report, recs, _ = _report_records(row, None, rkey)
        report.text = ""
        for r in recs:
            member = (rkey << EVENT_BITS) | r.index
            at = np.searchsorted(block_keys, member)
            in_block = at < len(block_keys) and block_keys[at] == member
            out["block"].append(int(block_ids[at]) if in_block else -1)
            out["member"].append(member)
            out["body"].append(pickle.dumps((report, r.event.SerializeToString(), r.anchor))
                               if in_block else incident_alone(r))
    n = len(out["block"])
    return pa.table({**out, "left": pa.nulls(n, pa.int64()), "right": pa.nulls(n, pa.int64()),
                     "score": pa.nulls(n, pa.float64())}, schema=BLOCK_SCHEMA)


def incident_alone(record: records.EventRecord) -> bytes:
    record.index = 0
    _, built = api.cluster_scored([record], {}, 1.0)
    return built[0].SerializeToString()


def cluster_block(group: pa.Table, threshold: float) -> pa.Table:
    """Cluster one block (its events and every pair score inside it) into incidents; also the pairs that
    end in one incident (kind "same")."""
    members: dict[int, bytes] = {}
    scored: dict[tuple[int, int], float] = {}
    for member, body, left, right, score in zip(
            group.column("member").to_pylist(), group.column("body").to_pylist(), group.column("left").to_pylist(),
            group.column("right").to_pylist(), group.column("score").to_pylist()):
        if body is not None:
            members[member] = body
        else:
            scored[(left, right)] = score
    keys = sorted(members)
    local = {key: i for i, key in enumerate(keys)}
    reports: dict[int, records.Report] = {}
    recs = []
    for i, key in enumerate(keys):
        report, event_bytes, anchor = pickle.loads(members[key])
        report = reports.setdefault(report.index, report)
        recs.append(records.event_record(i, report, pb.Event.FromString(event_bytes), anchor, None))
    scores = {(local[a], local[b]): scored[(a, b)] for a, b in sorted(scored)}
    clusters, built = api.cluster_scored(recs, scores, threshold)
    cluster_of = {i: c for c, cluster in enumerate(clusters) for i in cluster}
    rows = [("incident", keys[cluster[0]], 0, incident.SerializeToString()) for cluster, incident in zip(clusters, built)]
    rows += [("same", keys[i], keys[j], b"") for i, j in scores if cluster_of[i] == cluster_of[j]]
    return _incident_rows(rows)


# -- output ----------------------------------------------------------------------------------------


def write_incidents(batch: pa.Table, firsts_ref, output: str) -> pa.Table:  # noqa: ANN001
    """Number each incident by its first member's place among all incidents; write the batch as a part."""
    firsts = _shared(firsts_ref)
    store = parts.PartStore(output, "jsonl")
    lines, keys = [], []
    for first, body in zip(batch.column("first").to_pylist(), batch.column("body").to_pylist()):
        incident = pb.Incident.FromString(body)
        incident.id = f"i{int(np.searchsorted(firsts, first)) + 1}"
        lines.append(json_format.MessageToJson(incident, preserving_proto_field_name=True, indent=None,
                                               ensure_ascii=False))
        keys.append(("incident", first))
    if lines:
        store.write_lines(lines, keys)
    return pa.table({"n": [len(lines)]})


def write_pairs(batch: pa.Table, same_ref, output: str) -> pa.Table:  # noqa: ANN001
    same = _shared(same_ref)
    store = parts.PartStore(output, "jsonl")
    lines, keys = [], []
    for left, right, body in zip(batch.column("left").to_pylist(), batch.column("right").to_pylist(),
                                 batch.column("pair").to_pylist()):
        pair = pb.PairScore.FromString(body)
        pair.same_incident = (left, right) in same
        lines.append(json_format.MessageToJson(pair, preserving_proto_field_name=True, indent=None,
                                               ensure_ascii=False))
        keys.append((str(left), right))
    if lines:
        store.write_lines(lines, keys)
    return pa.table({"n": [len(lines)]})


# -- the plan --------------------------------------------------------------------------------------


def _input_files(path: str) -> tuple[list[str], str]:
    """The part files of a bulk output directory (or one JSONL / Parquet file), and their format."""
    fs, root = parts.filesystem(path)
    info = fs.get_file_info(root)
    if info.type == parts.pafs.FileType.NotFound:
        raise FileNotFoundError(2, "no such file or directory", path)
    if info.type == parts.pafs.FileType.File:
        return [root], parts.format_of(root)
    found = parts.PartStore(path, "jsonl").parts(any_format=True)
    if not found:
        raise FileNotFoundError(2, "no part file of a bulk extraction in the directory", path)
    fmt = parts.format_of(found[0])
    return [f for f in found if f.endswith(f".{fmt}")], fmt


_PARQUET_COLUMNS = ["input_file", "input_line", "document_id", "status", "error_code", "error_reason", "response",
                    "text"]


def read_parts(batch: pa.Table, uri: str) -> Iterator[pa.Table]:
    """A group of part files as one table: Parquet columns, or JSONL lines (column ``line``). (Read here
    rather than by ray.data.read_*: the parts are known, no listing is needed, and small parts are read
    together, so that every later stage works on blocks of a useful size.)"""
    fs, _ = parts.filesystem(uri)
    for paths, fmt in zip(batch.column("paths").to_pylist(), batch.column("fmt").to_pylist()):
        tables = []
        for path in paths:
            if fmt == "parquet":
                with fs.open_input_file(path) as handle:
                    table = pq.read_table(handle)
                tables.append(table.select([c for c in _PARQUET_COLUMNS if c in table.column_names]))
            else:
                with fs.open_input_stream(path) as handle:
                    data = handle.read().decode("utf-8")
                tables.append(pa.table({"line": [line for line in data.split("\n") if line.strip()]}))
        yield pa.concat_tables(tables, promote_options="permissive")


#: Bytes of part files one read task takes (and so, roughly, one block of every later stage).
READ_BYTES = 16 << 20


def _input_dataset(path: str):  # noqa: ANN202
    import ray.data

    files, fmt = _input_files(path)
    fs, _ = parts.filesystem(path)
    sizes = [info.size or 0 for info in fs.get_file_info(files)]
    groups = max(1, min(len(files), max(2 * runtime.cluster_cpus(), sum(sizes) // READ_BYTES)))
    items = [{"paths": files[i::groups], "fmt": fmt} for i in range(groups)]
    return ray.data.from_items(items, override_num_blocks=len(items)) \
        .map_batches(read_parts, batch_size=1, batch_format="pyarrow", fn_kwargs={"uri": path})


def _collect(dataset, *columns: str) -> list[np.ndarray]:  # noqa: ANN001
    chunks: dict[str, list] = {c: [] for c in columns}
    for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
        for c in columns:
            chunks[c].append(batch.column(c).to_numpy(zero_copy_only=False))
    return [np.concatenate(chunks[c]) if chunks[c] else np.array([], dtype=np.int64) for c in columns]


def compare(input: str, output: str, *, address: str | None = None, threshold: float = 0.0,  # noqa: A002
            progress: bool = True, partition_reports: int = PARTITION_REPORTS) -> Summary:
    """Compare the event sets of ``input`` (a bulk extraction's output) and write ``output/incidents``,
    ``output/pairs`` (JSONL part files, proto field names) and ``output/_summary.json``.
    ``partition_reports`` bounds the reports one scoring task holds (memory: about 40 KB each)."""
    if math.isnan(threshold) or not 0.0 <= threshold <= 1.0:
        raise errors.invalid("INVALID_THRESHOLD", f"threshold: a probability in [0, 1], got {threshold}",
                             [("threshold", "a probability in [0, 1] (0 = the calibrated default)")])
    threshold = threshold or scoring.default_threshold()
    incidents_store = parts.PartStore(f"{output.rstrip('/')}/incidents", "jsonl")
    pairs_store = parts.PartStore(f"{output.rstrip('/')}/pairs", "jsonl")
    for store in (incidents_store, pairs_store):
        store.prepare()
        if store.parts():
            raise FileExistsError(f"{store.path} already holds a comparison; write to another directory")
    summary = Summary(output=output, threshold=threshold)
    with runtime.connect(address, quiet=not progress), runtime.task_shuffles():
        runtime.quiet_data_context()
        _plan(input, output, threshold, summary, progress, partition_reports)
    parts.PartStore(output, "jsonl").write_summary(dataclasses.asdict(summary) | {"input": input})
    return summary


def _plan(input: str, output: str, threshold: float, summary: Summary, progress: bool,  # noqa: A002, C901
          partition_reports: int) -> None:
    import ray
    import ray.data
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        summary.seconds[name] = round(now - clock, 2)
        clock = now
        if progress:
            import sys

            print(f"compare: {name} done in {summary.seconds[name]:.1f} s", file=sys.stderr)

    # 1. reports
    reports = _input_dataset(input).map_batches(parse_reports, batch_format="pyarrow").materialize()
    table = pa.concat_tables(list(reports.select_columns(
        ["input_file", "input_line", "document_id", "problem", "n_events", "n_sentences"]).iter_batches(
        batch_format="pyarrow", batch_size=None))) if reports.count() else REPORT_SCHEMA.empty_table()
    problems = table.column("problem").to_pylist()
    names, lines = table.column("input_file").to_pylist(), table.column("input_line").to_pylist()
    for problem, name, line in zip(problems, names, lines):
        if problem is not None:
            summary.skipped[problem] = summary.skipped.get(problem, 0) + 1
            if len(summary.skipped_examples) < EXAMPLES:
                summary.skipped_examples.append(f"{name}:{line} {problem}")
    ok = [p is None for p in problems]
    ids = [d for d, good in zip(table.column("document_id").to_pylist(), ok) if good]
    duplicates = [d for d, n in Counter(ids).items() if n > 1]
    if duplicates:
        raise errors.invalid("DUPLICATE_DOCUMENT_ID", f"document ids occur more than once: {duplicates[:EXAMPLES]}",
                             [("document_id", f"{d!r} occurs more than once") for d in duplicates[:EXAMPLES]])
    file_ranks = {name: rank for rank, name in enumerate(sorted(set(names)))}
    n_events = table.column("n_events").to_pylist()
    rkeys = np.array(sorted(report_key(file_ranks, n, l) for n, l, good, e in zip(names, lines, ok, n_events)
                            if good and e), dtype=np.int64)
    summary.reports = sum(ok)
    summary.events = sum(e for e, good in zip(n_events, ok) if good)
    summary.without_events = sum(1 for e, good in zip(n_events, ok) if good and not e)
    n_sentences = sum(s for s, good in zip(table.column("n_sentences").to_pylist(), ok) if good)
    shuffle = min(SHUFFLE_PARTITIONS, max(2 * runtime.cluster_cpus(), len(ok) // SHUFFLE_REPORTS))
    lap("reports")

    # 2. word statistics
    valid = reports.map_batches(lambda b: b.filter(pc.is_null(b.column("problem"))), batch_format="pyarrow")
    sums = valid.map_batches(count_terms, batch_format="pyarrow").groupby("term", num_partitions=shuffle).sum(["df", "sf", "dfe"])
    counts = words.TermCounts(n_documents=summary.reports, n_sentences=n_sentences)
    pairable: set[str] = set()
    for batch in sums.iter_batches(batch_format="pyarrow", batch_size=None):
        terms = batch.column("term").to_pylist()
        counts.document_freq.update(dict(zip(terms, batch.column("sum(df)").to_pylist())))
        counts.sentence_freq.update(dict(zip(terms, batch.column("sum(sf)").to_pylist())))
        pairable.update(t for t, n in zip(terms, batch.column("sum(dfe)").to_pylist())
                        if 2 <= n <= blocking.BUCKET_CAP)
    vectorizer_ref = ray.put(words.Vectorizer(counts=counts))
    pairable_ref = ray.put(frozenset(pairable))
    del counts, pairable
    lap("word statistics")

    # 3. blocking keys → candidate pairs
    keyed = valid.map_batches(blocking_keys, batch_format="pyarrow", fn_kwargs={
        "vectorizer_ref": vectorizer_ref, "pairable_ref": pairable_ref, "file_ranks": file_ranks}).materialize()
    key_rows = keyed.map_batches(lambda b: b.filter(pc.is_valid(b.column("key"))), batch_format="pyarrow")
    left, right = _collect(key_rows.groupby("key", num_partitions=shuffle).map_groups(bucket_pairs, batch_format="pyarrow"), "left", "right")
    own_left, own_right = [], []  # one report's events always pair
    events_of = {report_key(file_ranks, n, l): e for n, l, good, e in zip(names, lines, ok, n_events) if good and e}
    for rkey, n in events_of.items():
        for k in range(n):
            for m in range(k + 1, n):
                own_left.append((rkey << EVENT_BITS) | k)
                own_right.append((rkey << EVENT_BITS) | m)
    pairs = np.stack([np.concatenate([left.astype(np.int64), np.array(own_left, dtype=np.int64)]),
                      np.concatenate([right.astype(np.int64), np.array(own_right, dtype=np.int64)])], axis=1)
    pairs = np.unique(pairs, axis=0) if len(pairs) else pairs.reshape(0, 2)
    summary.candidate_pairs = len(pairs)
    lap("blocking")

    # 4. scores, by partition of the left report
    ordinal = np.searchsorted(rkeys, pairs[:, 0] >> EVENT_BITS) if len(pairs) else np.array([], dtype=np.int64)
    partitions = max(2, 2 * runtime.cluster_cpus())
    while True:
        part = ordinal % partitions
        need = np.unique(np.concatenate([
            np.stack([part, pairs[:, 0] >> EVENT_BITS], 1), np.stack([part, pairs[:, 1] >> EVENT_BITS], 1)]), axis=0) \
            if len(pairs) else np.zeros((0, 2), dtype=np.int64)
        largest = np.bincount(need[:, 0]).max() if len(need) else 0
        if largest <= partition_reports or partitions >= len(rkeys):
            break
        partitions *= 2
    summary.partitions = partitions
    by_report = np.lexsort((need[:, 0], need[:, 1]))
    need_reports_ref = ray.put(np.ascontiguousarray(need[by_report, 1]))
    need_parts_ref = ray.put(np.ascontiguousarray(need[by_report, 0]))
    payload_rows = keyed.map_batches(lambda b: b.filter(pc.is_null(b.column("key"))), batch_format="pyarrow")
    copies = payload_rows.map_batches(replicate_payloads, batch_format="pyarrow", fn_kwargs={
        "need_reports_ref": need_reports_ref, "need_parts_ref": need_parts_ref})
    pair_rows = ray.data.from_arrow(pa.table({
        "partition": pa.array(part, pa.int64()), "report": pa.nulls(len(pairs), pa.int64()),
        "payload": pa.nulls(len(pairs), pa.binary()), "left": pa.array(pairs[:, 0], pa.int64()),
        "right": pa.array(pairs[:, 1], pa.int64())}, schema=PART_SCHEMA))
    scored = copies.union(pair_rows).groupby("partition", num_partitions=partitions).map_groups(score_partition, batch_format="pyarrow") \
        .materialize() if len(pairs) else None
    if scored is not None:
        s_left, s_right, s_score = _collect(scored, "left", "right", "score")
    else:
        s_left = s_right = np.array([], dtype=np.int64)
        s_score = np.array([], dtype=np.float64)
    del keyed
    lap("scores")

    # 5. blocks: connected components of the pairs at or above the threshold
    strong = s_score >= threshold
    summary.strong_pairs = int(strong.sum())
    nodes, dense = np.unique(np.concatenate([s_left[strong], s_right[strong]]), return_inverse=True)
    if len(nodes):
        m = summary.strong_pairs
        graph = coo_matrix((np.ones(m), (dense[:m], dense[m:])), shape=(len(nodes), len(nodes)))
        _, labels = connected_components(graph, directed=False)
        sizes = np.bincount(labels)
        summary.blocks, summary.largest_block = int(len(sizes)), int(sizes.max())
    else:
        labels = np.array([], dtype=np.int64)
    found_l, at_l = _lookup(nodes, s_left)
    found_r, at_r = _lookup(nodes, s_right)
    inside = found_l & found_r
    inside[inside] = labels[at_l[inside]] == labels[at_r[inside]]
    lap("blocks")

    # 6. incidents
    block_keys_ref, block_ids_ref = ray.put(nodes.astype(np.int64)), ray.put(labels.astype(np.int64))
    members = valid.map_batches(block_members, batch_format="pyarrow", fn_kwargs={
        "block_keys_ref": block_keys_ref, "block_ids_ref": block_ids_ref, "file_ranks": file_ranks}).materialize()
    alone = members.map_batches(lambda b: _alone(b), batch_format="pyarrow")
    grouped = members.map_batches(lambda b: b.filter(pc.greater_equal(b.column("block"), 0)),
                                  batch_format="pyarrow")
    n_inside = int(inside.sum())
    if n_inside:
        in_left, in_right = s_left[inside], s_right[inside]
        inside_rows = ray.data.from_arrow(pa.table({
            "block": pa.array(labels[_lookup(nodes, in_left)[1]], pa.int64()),
            "member": pa.nulls(n_inside, pa.int64()), "body": pa.nulls(n_inside, pa.binary()),
            "left": pa.array(in_left, pa.int64()), "right": pa.array(in_right, pa.int64()),
            "score": pa.array(s_score[inside], pa.float64())}, schema=BLOCK_SCHEMA))
        clustered = grouped.union(inside_rows).groupby("block", num_partitions=shuffle).map_groups(
            cluster_block, batch_format="pyarrow", fn_kwargs={"threshold": threshold})
        results = alone.union(clustered).materialize()
    else:
        results = alone.materialize()
    kinds, firsts_all, seconds_all = _collect(results, "kind", "first", "second")
    is_incident = kinds == "incident"
    firsts = np.sort(firsts_all[is_incident].astype(np.int64))
    same = {(int(a), int(b)) for a, b in zip(firsts_all[~is_incident], seconds_all[~is_incident])}
    summary.incidents = len(firsts)
    lap("incidents")

    # output
    firsts_ref, same_ref = ray.put(firsts), ray.put(same)
    incident_rows = results.map_batches(lambda b: b.filter(pc.equal(b.column("kind"), "incident")),
                                        batch_format="pyarrow")
    _collect(incident_rows.map_batches(write_incidents, batch_format="pyarrow", fn_kwargs={
        "firsts_ref": firsts_ref, "output": f"{output.rstrip('/')}/incidents"}), "n")
    if scored is not None:
        _collect(scored.map_batches(write_pairs, batch_format="pyarrow", fn_kwargs={
            "same_ref": same_ref, "output": f"{output.rstrip('/')}/pairs"}), "n")
    lap("output")


def _lookup(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each value: is it in the sorted ``keys``, and where."""
    at = np.searchsorted(keys, values)
    found = np.zeros(len(values), dtype=bool)
    if len(keys):
        clipped = np.minimum(at, len(keys) - 1)
        found = keys[clipped] == values
        at = clipped
    return found, at


def _alone(batch: pa.Table) -> pa.Table:
    """Events in no block: already incidents (block -1)."""
    rows = batch.filter(pc.less(batch.column("block"), 0))
    n = rows.num_rows
    return pa.table({"kind": pa.array(["incident"] * n, pa.string()), "first": rows.column("member"),
                     "second": pa.array([0] * n, pa.int64()), "body": rows.column("body")}, schema=INCIDENT_SCHEMA)
