"""The type classifier a user holding coded notes would train first: TF-IDF of words and word pairs into a
logistic regression (scikit-learn), scored by 5-fold cross-validation on the records themselves, so that
every note is labelled by a model that never saw it.

Folds are stratified and shuffled with a fixed seed (deterministic); a label with fewer members than folds
is spread as far as it goes (scikit-learn warns, and we silence that warning). Where there is nothing to
learn (no label with two members, or a training fold of one label: tiny runs only) the most frequent label
stands in. The loop over folds is ours rather than ``cross_val_predict`` for that reason.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence

FOLDS = 5
SEED = 0


def majority(labels: Sequence[str]) -> str:
    """The most frequent label; ties to the first in alphabetical order."""
    counts = Counter(labels)
    return min(counts, key=lambda label: (-counts[label], label))


def cross_validated(texts: Sequence[str], labels: Sequence[str], folds: int = FOLDS) -> list[str]:
    """Out-of-fold predictions, one per text."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline

    if not labels:
        return []
    # StratifiedKFold needs a label with at least as many members as folds (only tiny runs have fewer)
    n_splits = min(folds, max(Counter(labels).values()))
    if n_splits < 2:
        return [majority(labels)] * len(texts)
    predicted = [""] * len(texts)
    splits = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=SEED)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        for train, test in splits.split(list(texts), list(labels)):
            train_labels = [labels[i] for i in train]
            if len(set(train_labels)) < 2:  # nothing to tell apart in this fold
                guesses = [train_labels[0]] * len(test)
            else:
                model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                                      LogisticRegression(max_iter=2000))
                model.fit([texts[i] for i in train], train_labels)
                guesses = model.predict([texts[i] for i in test])
            for i, guess in zip(test, guesses):
                predicted[i] = str(guess)
    return predicted
