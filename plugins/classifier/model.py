"""The event classifier and its model directory.

The estimator: TF-IDF of the evidence's words (1-2 grams) and characters (2-5 grams, inside word
boundaries, robust to inflection and spelling), TF-IDF of the document's opening words, and the layers'
cues (``features.cues``: the rules' type, trigger, instruments, actor types, casualty kinds, modality)
side by side in one sparse matrix, into a multinomial logistic regression. Labels are joint,
``event_type|sub_event_type``, so that a sub-type never contradicts its type; ``none`` is "no event".

A model directory holds ``model.skops`` (the fitted scikit-learn objects, saved with skops, whose loader
refuses any type that is not on its trusted list, unlike pickle) and ``model.json`` (name, version, labels,
the data it was fitted on, its cross-validated scores, the scikit-learn version that fitted it).
"""

from __future__ import annotations

import dataclasses
import copy
import json
import pathlib
import re
import zipfile
from collections.abc import Sequence

from fieldreport.plugins.classifier.features import NO_EVENT, Instance

WEIGHTS = "model.skops"
META = "model.json"
SEP = "|"
FORMAT = 1
# What the cue features weigh beside the text's TF-IDF rows (each of unit length): the rules' view is
# a handful of indicators, scaled so that a few of them count as much as a sentence of words.
CUE_WEIGHT = 0.3


class ModelError(Exception):
    """A model directory that cannot be used, with a message naming the file and the reason."""


def snake(label: str) -> str:
    """A label as the contract writes it: ACLED's "Explosions/Remote violence" → explosions_remote_violence;
    a user's own labels alike ("Land dispute" → land_dispute)."""
    return re.sub(r"[^0-9a-z]+", "_", label.strip().lower()).strip("_")


def joint(event_type: str, sub_event_type: str = "") -> str:
    event_type, sub_event_type = snake(event_type), snake(sub_event_type)
    if not event_type or event_type == NO_EVENT:
        return NO_EVENT
    return f"{event_type}{SEP}{sub_event_type}"


def split_label(label: str) -> tuple[str, str]:
    """(event_type, sub_event_type) of a joint label; ("", "") for none."""
    if label == NO_EVENT:
        return "", ""
    event_type, _, sub = label.partition(SEP)
    return event_type, sub


def _vectorizers():  # noqa: ANN202
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer

    return {
        # the caps keep the weights (labels x columns) within the 30 MB a shipped model may take
        "words": TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_features=25000),
        "chars": TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2,
                                 max_features=40000),
        "context": TfidfVectorizer(ngram_range=(1, 1), sublinear_tf=True, min_df=1, max_features=15000),
        "cues": DictVectorizer(),
    }


@dataclasses.dataclass
class EventModel:
    parts: dict  # name → fitted vectorizer; "classifier" → the fitted LogisticRegression
    meta: dict

    @property
    def name(self) -> str:
        return self.meta.get("name", "")

    @property
    def version(self) -> str:
        return self.meta.get("version", "")

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.parts["classifier"].classes_]

    # -- fitting and predicting ------------------------------------------------------------------

    @staticmethod
    def _matrix(parts: dict, instances: Sequence[Instance], fit: bool):  # noqa: ANN205
        from scipy.sparse import hstack

        columns = {"words": [i.evidence for i in instances], "chars": [i.evidence for i in instances],
                   "context": [i.context for i in instances], "cues": [i.cues for i in instances]}
        blocks = []
        for name, values in columns.items():
            block = parts[name].fit_transform(values) if fit else parts[name].transform(values)
            blocks.append(block * CUE_WEIGHT if name == "cues" else block)
        return hstack(blocks, format="csr")

    @classmethod
    def fit(cls, instances: Sequence[Instance], labels: Sequence[str], meta: dict | None = None,
            sample_weight: Sequence[float] | None = None, c: float = 10.0) -> EventModel:
        from sklearn.linear_model import LogisticRegression

        parts = _vectorizers()
        matrix = cls._matrix(parts, instances, fit=True)
        classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        classifier.fit(matrix, list(labels), sample_weight=sample_weight)
        parts["classifier"] = classifier
        return cls(parts, dict(meta or {}))

    def predict(self, instances: Sequence[Instance]) -> list[tuple[str, float]]:
        """(joint label, its probability) per instance."""
        if not instances:
            return []
        probabilities = self.parts["classifier"].predict_proba(self._matrix(self.parts, instances, fit=False))
        labels = self.labels
        return [(labels[int(row.argmax())], float(row.max())) for row in probabilities]

    # -- the model directory ---------------------------------------------------------------------

    def save(self, folder: str | pathlib.Path) -> pathlib.Path:
        import sklearn
        import skops.io

        folder = pathlib.Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        skops.io.dump(_packed(self.parts), folder / WEIGHTS, compression=zipfile.ZIP_DEFLATED)
        meta = {**self.meta, "format": FORMAT, "labels": self.labels, "sklearn": sklearn.__version__}
        (folder / META).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return folder

    @classmethod
    def read_meta(cls, folder: str | pathlib.Path) -> dict:
        folder = pathlib.Path(folder)
        if not folder.is_dir():
            raise ModelError(f"{folder}: no such model directory")
        for needed in (META, WEIGHTS):
            if not (folder / needed).is_file():
                raise ModelError(f"{folder}: not a model directory ({needed} missing; `fieldreport train` makes one)")
        try:
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder / META}: unreadable ({exc})") from exc
        if meta.get("format") != FORMAT:
            raise ModelError(f"{folder / META}: model format {meta.get('format')!r}, this fieldreport reads {FORMAT}")
        return meta

    @classmethod
    def load(cls, folder: str | pathlib.Path) -> EventModel:
        """Load a model directory. skops refuses any object type outside scikit-learn's, numpy's and scipy's
        own (a crafted file cannot run code as a pickle can)."""
        import sklearn
        import skops.io

        folder = pathlib.Path(folder)
        meta = cls.read_meta(folder)
        fitted = meta.get("sklearn", "")
        if fitted.split(".")[:2] != sklearn.__version__.split(".")[:2]:
            raise ModelError(f"{folder}: fitted with scikit-learn {fitted}, this install has {sklearn.__version__} "
                             "(retrain with `fieldreport train`, or install the version it names)")
        path = folder / WEIGHTS
        try:
            untrusted = skops.io.get_untrusted_types(file=path)
            allowed = [t for t in untrusted if t.startswith(_TRUSTED_PREFIXES)]
            if len(allowed) != len(untrusted):
                raise ModelError(f"{path}: holds types outside scikit-learn, numpy and scipy "
                                 f"({', '.join(sorted(set(untrusted) - set(allowed)))}); refused")
            parts = _unpacked(skops.io.load(path, trusted=allowed))
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged file is the user's to fix: say which and why
            raise ModelError(f"{path}: unreadable ({type(exc).__name__}: {exc})") from exc
        missing = [k for k in ("words", "chars", "context", "cues", "classifier") if k not in parts]
        if missing:
            raise ModelError(f"{path}: lacks {', '.join(missing)}")
        return cls(parts, meta)


# Types a model file may hold beyond skops' defaults: numpy's and scipy's own (the fitted vocabularies'
# dtypes, sparse matrices) and scikit-learn's.
_TRUSTED_PREFIXES = ("numpy.", "scipy.", "sklearn.", "builtins.")


def _packed(parts: dict) -> dict:
    """The parts as saved: each vocabulary (term → column) as one array of terms in column order, which
    skops stores as one .npy (a dict is stored entry by entry: minutes and tens of MB for 100,000 terms);
    the terms a vectorizer cut (``stop_words_``, kept by scikit-learn for introspection only) dropped."""
    import numpy as np

    out = {}
    for name, part in parts.items():
        vocabulary = getattr(part, "vocabulary_", None)
        if isinstance(vocabulary, dict):
            part = copy.copy(part)
            terms = sorted(vocabulary, key=vocabulary.get)
            out[f"{name}.terms"] = np.array(terms, dtype=str) if terms else np.array([], dtype="<U1")
            part.vocabulary_ = None
            if hasattr(part, "stop_words_"):
                part.stop_words_ = None
        out[name] = part
    return out


def _unpacked(saved: dict) -> dict:
    parts = {k: v for k, v in saved.items() if not k.endswith(".terms")}
    for name, part in parts.items():
        terms = saved.get(f"{name}.terms")
        if terms is not None:
            part.vocabulary_ = {str(term): i for i, term in enumerate(terms.tolist())}
    return parts
