"""Where the pipeline's time goes: the spaCy pass and each plugin, as CPU time and share, on real articles.

    .venv/bin/python bench/profile_plugins.py [--docs 80] [--cprofile N]

CPU time (``time.process_time``) of this process only, so that the shares hold on a loaded, shared
machine. Documents are the news articles of ../shared/eval/events_gva.jsonl and events_gvdb.jsonl (read at
run time, never copied). ``--cprofile N`` also prints the N functions with the most own time and their
call counts under cProfile (which slows everything, evenly enough for shares).
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import json
import pathlib
import pstats
import time

from fieldreport.service.pipeline import Pipeline
from fieldreport.v1 import fieldreport_pb2 as pb

EVAL = pathlib.Path(__file__).resolve().parents[2] / "shared" / "eval"


def articles(n: int) -> list[pb.Document]:
    docs: list[pb.Document] = []
    files = [EVAL / "events_gva.jsonl", EVAL / "events_gvdb.jsonl"]
    handles = [f.open(encoding="utf-8") for f in files if f.exists()]
    try:
        while len(docs) < n and handles:
            for handle in list(handles):  # alternate the two corpora
                line = handle.readline()
                if not line:
                    handles.remove(handle)
                    continue
                record = json.loads(line)
                docs.append(pb.Document(id=record["id"], text=record["text"], published=record.get("published") or ""))
    finally:
        for handle in handles:
            handle.close()
    return docs[:n]


def timed_plugins(pipeline: Pipeline, totals: collections.Counter) -> None:
    """Wrap each plugin's run (and the spaCy call) so that its CPU time is added to ``totals``."""
    for lp in pipeline.plugins:
        plugin, run = lp.plugin, lp.plugin.run

        def wrapped(doc, _run=run, _name=plugin.name):  # noqa: ANN001
            t = time.process_time()
            try:
                return _run(doc)
            finally:
                totals[_name] += time.process_time() - t

        plugin.run = wrapped
    nlp = pipeline.nlp

    class TimedNlp:
        def __getattr__(self, name):  # noqa: ANN001, ANN204
            return getattr(nlp, name)

        def __call__(self, text, **kw):  # noqa: ANN001, ANN204
            t = time.process_time()
            try:
                return nlp(text, **kw)
            finally:
                totals["spacy"] += time.process_time() - t

        def pipe(self, texts, **kw):  # noqa: ANN001, ANN201
            it = iter(nlp.pipe(texts, **kw))
            while True:
                t = time.process_time()
                try:
                    doc = next(it)
                except StopIteration:
                    return
                finally:
                    totals["spacy"] += time.process_time() - t
                yield doc

    pipeline.nlp = TimedNlp()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=80)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    docs = articles(args.docs)
    pipeline = Pipeline.create()
    pipeline.extract(docs[0])  # warm caches and lazy loads
    totals: collections.Counter = collections.Counter()
    timed_plugins(pipeline, totals)
    profiler = cProfile.Profile() if args.cprofile else None
    start = time.process_time()
    if profiler:
        profiler.enable()
    for doc in docs:
        pipeline.extract(doc)
    if profiler:
        profiler.disable()
    total = time.process_time() - start
    chars = sum(len(d.text) for d in docs) / len(docs)
    print(f"{len(docs)} articles (mean {chars:.0f} characters), {total / len(docs) * 1000:.1f} ms CPU per document")
    rest = total - sum(totals.values())
    for name, seconds in totals.most_common() + [("(normalize, response, offsets)", rest)]:
        print(f"  {name:<32} {seconds / len(docs) * 1000:7.2f} ms/doc  {seconds / total:6.1%}")
    plugins = sum(v for k, v in totals.items() if k != "spacy")
    print(f"  plugins together {plugins / len(docs) * 1000:.1f} ms/doc = {plugins / totals['spacy']:.2f}x the spaCy pass")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
