"""Fixtures of the classifier tests: the coded CSV and one model trained on it, shared by the session."""

from __future__ import annotations

import pytest
from classifierutil import rows, write_csv


@pytest.fixture(scope="session")
def coded_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("coded") / "export.csv"
    write_csv(path, rows())
    return path


@pytest.fixture(scope="session")
def trained(tmp_path_factory, coded_csv):
    """(model directory, the metadata `train` returned, what it printed), trained in this process."""
    from fieldreport.plugins.classifier import training

    out = tmp_path_factory.mktemp("model") / "ngo-model"
    printed: list[str] = []
    meta = training.train(coded_csv, out, workers=1, progress=False, name="ngo-raids", version="2.1.0",
                          echo=printed.append)
    return out, meta, "\n".join(printed)
