"""Fitting the event classifier on coded documents, as `fieldreport train` and scripts/train_event_model.py
do: read the coding, run the pipeline (without this classifier) over every document, make one instance per
document from its main event, score by stratified k-fold cross-validation beside the TF-IDF + logistic
regression baseline (the classifier a user would write first), then fit on everything and save.

Inputs:
- CSV with ACLED's export columns ``notes``, ``event_type``, ``sub_event_type`` (other columns ignored;
  ``event_date`` read as the publication date when it is ISO);
- JSONL in the ``../shared/eval`` format: ``{"text", "published", "gold": {"incidents": [{"type",
  "sub_type"}]}}`` (the first incident's; none = no event) or ``{"gold": {"type": label}}``; or plainly
  ``{"text", "event_type", "sub_event_type"}``.

Labels are the user's own (ACLED's or an NGO's taxonomy), written as the contract writes types
(``model.snake``); "none" or an empty type means "no event".
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import pathlib
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence

from fieldreport.plugins.classifier import features
from fieldreport.plugins.classifier.features import NO_EVENT, Instance
from fieldreport.plugins.classifier.model import EventModel, joint, split_label

FOLDS = 5
SEED = 0
MIN_EXAMPLES = FOLDS  # each label once in every fold
CSV_COLUMNS = ("notes", "event_type", "sub_event_type")


class TrainingDataError(ValueError):
    """Coded data that cannot train a model; the message names the file, the line or label, and why."""


@dataclasses.dataclass(frozen=True)
class Coded:
    text: str
    published: str
    label: str  # joint label (model.joint)


# -- reading ---------------------------------------------------------------------------------------


def _iso(value: str) -> str:
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except (ValueError, AttributeError):
        return ""


def read_csv(path: pathlib.Path) -> list[Coded]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        found = [c.strip() for c in reader.fieldnames or []]
        missing = [c for c in CSV_COLUMNS if c not in found]
        if missing:
            raise TrainingDataError(f"{path}: missing column(s) {', '.join(missing)} (found: "
                                    f"{', '.join(found) or 'no header'}); an ACLED export has notes, "
                                    "event_type and sub_event_type")
        return read_csv_rows(reader, str(path))


def read_csv_rows(rows, where: str = "the data") -> list[Coded]:  # noqa: ANN001 - dicts by column name
    out = []
    for line, row in enumerate(rows, start=2):
        row = {(k or "").strip(): v for k, v in row.items()}
        text = (row.get("notes") or "").strip()
        if not text:
            raise TrainingDataError(f"{where}:{line}: empty notes")
        out.append(Coded(text, _iso(row.get("event_date") or ""),
                         joint(row.get("event_type") or "", row.get("sub_event_type") or "")))
    return out


def _jsonl_label(data: dict) -> str | None:
    gold = data.get("gold")
    if isinstance(gold, dict):
        if "incidents" in gold:
            incidents = gold.get("incidents") or []
            if not incidents:
                return NO_EVENT
            first = incidents[0] or {}
            return joint(str(first.get("type") or ""), str(first.get("sub_type") or ""))
        if "type" in gold:
            return joint(str(gold.get("type") or ""))
    if "event_type" in data:
        return joint(str(data.get("event_type") or ""), str(data.get("sub_event_type") or ""))
    return None


def read_jsonl(path: pathlib.Path) -> list[Coded]:
    out = []
    with open(path, encoding="utf-8") as handle:
        for line, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except ValueError as exc:
                raise TrainingDataError(f"{path}:{line}: not JSON ({exc.msg})") from exc
            if not isinstance(data, dict) or not str(data.get("text") or "").strip():
                raise TrainingDataError(f"{path}:{line}: no \"text\"")
            label = _jsonl_label(data)
            if label is None:
                raise TrainingDataError(f"{path}:{line}: no label (gold.incidents, gold.type or event_type)")
            out.append(Coded(data["text"], _iso(str(data.get("published") or "")), label))
    return out


def read(path: str | pathlib.Path) -> list[Coded]:
    path = pathlib.Path(path)
    if not path.is_file():
        raise TrainingDataError(f"{path}: no such file")
    return read_csv(path) if path.suffix.lower() == ".csv" else read_jsonl(path)


def check(records: Sequence[Coded], where: str = "the data", minimum: int = MIN_EXAMPLES) -> None:
    if not records:
        raise TrainingDataError(f"{where}: no coded documents")
    counts = Counter(r.label for r in records)
    if len(counts) < 2:
        raise TrainingDataError(f"{where}: one label only ({next(iter(counts))}); a classifier needs two or more")
    few = sorted((n, label) for label, n in counts.items() if n < minimum)
    if few:
        listed = ", ".join(f"{label} ({n})" for n, label in few)
        raise TrainingDataError(f"{where}: fewer than {minimum} examples of label(s) {listed}; each label needs "
                                f"at least {minimum} (one per cross-validation fold): code more, or merge them")


# -- the pipeline's view of each document ----------------------------------------------------------

_PIPELINE = None


def _init() -> None:
    global _PIPELINE
    from fieldreport.service import logs
    from fieldreport.service.pipeline import Pipeline, PipelineConfig

    import multiprocessing

    if multiprocessing.parent_process() is not None:  # a pool's worker: quiet; in-process, the caller's logging stands
        logs.configure("json", "error")
    # the rules' events are the features: this classifier must not run over them
    _PIPELINE = Pipeline.create(PipelineConfig(deny=("classifier",)))


def _annotate(item: tuple[str, str, str]) -> bytes:
    from fieldreport.v1 import fieldreport_pb2 as pb

    text, published, doc_id = item
    assert _PIPELINE is not None
    try:
        return _PIPELINE.extract(pb.Document(id=doc_id, text=text, published=published)).SerializeToString()
    except Exception:  # noqa: BLE001 - a document the pipeline refuses (too long, ...) is one with no event
        return b""


def annotate(records: Sequence[Coded], workers: int = 1, progress: bool = True) -> list[Instance]:
    """One instance per record, from the pipeline's events (its main one; none when it found none)."""
    import concurrent.futures as cf
    import multiprocessing

    from tqdm import tqdm

    from fieldreport.v1 import fieldreport_pb2 as pb

    items = [(r.text, r.published, f"r{i}") for i, r in enumerate(records)]
    bar = tqdm(total=len(items), unit="doc", desc="annotate", disable=None if progress else True)
    answers: list[bytes] = []
    if workers <= 1:
        _init()
        for item in items:
            answers.append(_annotate(item))
            bar.update()
    else:
        ctx = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init) as pool:
            for answer in pool.map(_annotate, items, chunksize=8):
                answers.append(answer)
                bar.update()
    bar.close()
    out = []
    for record, answer in zip(records, answers):
        events = pb.ExtractResponse.FromString(answer).events
        out.append(features.instance(record.text, features.document_event(events), len(events)))
    return out


# -- scores ----------------------------------------------------------------------------------------


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """Accuracy and macro-F1 (over the labels in gold or prediction) of event_type and sub_event_type."""
    from sklearn.metrics import accuracy_score, f1_score

    out = {}
    for level, index in (("event_type", 0), ("sub_event_type", 1)):
        g = [split_label(x)[index] or NO_EVENT for x in gold]
        p = [split_label(x)[index] or NO_EVENT for x in predicted]
        labels = sorted(set(g) | set(p))
        out[level] = {"accuracy": round(100 * accuracy_score(g, p), 1),
                      "macro_f1": round(100 * f1_score(g, p, labels=labels, average="macro", zero_division=0), 1)}
    return out


def _baseline(train_texts: list[str], train_labels: list[str], test_texts: list[str]) -> list[str]:
    """TF-IDF of words and word pairs into a logistic regression, on the text alone (as the eval's
    tfidf_logreg baseline)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    baseline = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(max_iter=2000))
    baseline.fit(train_texts, train_labels)
    return [str(x) for x in baseline.predict(test_texts)]


def cross_validate(records: Sequence[Coded], instances: Sequence[Instance], folds: int = FOLDS,
                   progress: bool = True, fit: Callable | None = None) -> dict:
    """Out-of-fold scores of the model, the baseline and the rules alone; every fold fits on its own
    training part only, and its weights are thrown away."""
    from sklearn.model_selection import StratifiedKFold
    from tqdm import tqdm

    fit = fit or EventModel.fit
    labels = [r.label for r in records]
    texts = [r.text for r in records]
    ours, baseline = [""] * len(records), [""] * len(records)
    splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED).split(texts, labels)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        for train, test in tqdm(list(splits), desc="cross-validate", unit="fold", disable=None if progress else True):
            model = fit([instances[i] for i in train], [labels[i] for i in train])
            for i, (label, _) in zip(test, model.predict([instances[i] for i in test])):
                ours[i] = label
            for i, label in zip(test, _baseline([texts[i] for i in train], [labels[i] for i in train],
                                                [texts[i] for i in test])):
                baseline[i] = label
    rules = [rule_label(i) for i in instances]
    return {"folds": folds, "documents": len(records), "model": scores(labels, ours),
            "tfidf_logreg": scores(labels, baseline), "rules": scores(labels, rules)}


def rule_label(instance: Instance) -> str:
    """The rules' joint label, read back from the instance's cues."""
    event_type = next((k.split("=", 1)[1] for k in instance.cues if k.startswith("rule_type=")), NO_EVENT)
    sub = next((k.split("=", 1)[1] for k in instance.cues if k.startswith("rule_sub=")), "")
    return joint(event_type, sub)


def report(cv: dict) -> str:
    """The cross-validated scores as a small table (printed by `fieldreport train`)."""
    lines = [f"{cv['folds']}-fold cross-validation over {cv['documents']} documents (macro-F1 / accuracy, %):",
             f"{'':16}{'event_type':>22}{'sub_event_type':>22}"]
    for system in ("model", "tfidf_logreg", "rules"):
        row = cv[system]
        cells = [f"{row[level]['macro_f1']:5.1f} / {row[level]['accuracy']:5.1f}" for level in
                 ("event_type", "sub_event_type")]
        lines.append(f"{system:16}{cells[0]:>22}{cells[1]:>22}")
    return "\n".join(lines)


# -- the whole run ---------------------------------------------------------------------------------


def train(data: str | pathlib.Path, out: str | pathlib.Path | None, folds: int = FOLDS, workers: int = 1,
          progress: bool = True, name: str = "", version: str = "", cv: bool = True, echo=print) -> dict:  # noqa: ANN001
    """Read, annotate, cross-validate (unless ``cv`` is False), fit on everything and save to ``out``
    (unless it is None: scores only). Returns the model's metadata."""
    records = read(data)
    check(records, str(data), max(MIN_EXAMPLES, folds if cv else 0))
    started = time.monotonic()
    instances = annotate(records, workers, progress)
    annotate_seconds = time.monotonic() - started
    meta: dict = {"name": name or pathlib.Path(data).stem, "version": version or dt.date.today().isoformat(),
                  "trained_on": [{"file": pathlib.Path(data).name, "documents": len(records)}],
                  "label_counts": dict(sorted(Counter(r.label for r in records).items())),
                  "annotate_seconds": round(annotate_seconds, 1)}
    if cv:
        started = time.monotonic()
        meta["cross_validation"] = cross_validate(records, instances, folds, progress)
        meta["cross_validation_seconds"] = round(time.monotonic() - started, 1)
        echo(report(meta["cross_validation"]))
    if out is not None:
        started = time.monotonic()
        model = EventModel.fit(instances, [r.label for r in records], meta)
        model.meta["fit_seconds"] = round(time.monotonic() - started, 1)
        model.save(out)
        echo(f"wrote {out} ({len(model.labels)} labels, {_size(pathlib.Path(out)) / 1e6:.1f} MB)")
        return model.meta
    return meta


def _size(folder: pathlib.Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
