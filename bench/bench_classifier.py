"""Benchmark of the event classifier: training time, and inference milliseconds per document (the
classifier plugin's own run over documents the rest of the pipeline has annotated), with the shipped
model and with one trained here. Prints numbers beside the targets; asserts nothing.

    .venv/bin/python bench/bench_classifier.py [--documents 300]

The documents are the seed reports (plugins/classifier/seeds: ours, no news text), so that it runs
without ../shared. Targets (issue 12): inference ≤ 5 ms per document, shipped weights ≤ 30 MB.
"""

from __future__ import annotations

import argparse
import pathlib
import tempfile
import time

from fieldreport.plugins import classifier
from fieldreport.plugins.classifier import seeds, training
from fieldreport.plugins.classifier.model import EventModel
from fieldreport.service.pipeline import Pipeline, PipelineConfig
from fieldreport.v1 import fieldreport_pb2 as pb

TARGET_MS = 5.0
TARGET_MB = 30.0


def _size_mb(folder: pathlib.Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6


def inference_ms(pipeline: Pipeline, plugin: classifier.ClassifierPlugin, texts: list[str]) -> float:
    """The mean time of the classifier's run per document (the other layers are made beforehand)."""
    docs = [pipeline.annotate(pb.Document(text=t, published="2024-05-06"), ("events",)) for t in texts]
    for doc in docs[:5]:  # warm: first calls build scikit-learn's caches
        plugin.run(doc)
    docs = [pipeline.annotate(pb.Document(text=t, published="2024-05-06"), ("events",)) for t in texts]
    started = time.perf_counter()
    for doc in docs:
        plugin.run(doc)
    return 1000 * (time.perf_counter() - started) / len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    args = parser.parse_args()
    coded = seeds.generate()
    texts = [c.text for c in coded][: args.documents]
    pipeline = Pipeline.create(PipelineConfig(deny=("classifier",)))

    started = time.perf_counter()
    instances = training.annotate(coded, workers=1, progress=False)
    annotate_s = time.perf_counter() - started
    started = time.perf_counter()
    trained = EventModel.fit(instances, [c.label for c in coded], {"name": "bench", "version": "0"})
    fit_s = time.perf_counter() - started
    print(f"training on {len(coded)} seed reports: pipeline {annotate_s:.1f} s "
          f"({1000 * annotate_s / len(coded):.0f} ms/doc), fit {fit_s:.1f} s")

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        trained.save(tmp)
        rows.append(("trained here", pathlib.Path(tmp), _size_mb(pathlib.Path(tmp))))
        if (classifier.SHIPPED / "model.json").is_file():
            rows.append(("shipped", classifier.SHIPPED, _size_mb(classifier.SHIPPED)))
        for label, folder, size in rows:
            plugin = classifier.ClassifierPlugin()
            started = time.perf_counter()
            plugin.model = EventModel.load(folder)
            load_s = time.perf_counter() - started
            ms = inference_ms(pipeline, plugin, texts)
            print(f"{label:13} model: {size:5.1f} MB (target ≤ {TARGET_MB:.0f}), load {load_s:.2f} s, "
                  f"inference {ms:.2f} ms/document over {len(texts)} (target ≤ {TARGET_MS:.0f})")


if __name__ == "__main__":
    main()
