"""Shared fixtures: one real pipeline (real spaCy model, real plugins) per test session."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "alwaght-2018-05-27.txt"


@pytest.fixture(scope="session")
def pipeline():
    from fieldreport.service.pipeline import Pipeline

    return Pipeline.create()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def example_text() -> str:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is absent (acceptance data lives in ../shared)")
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture()
def annotate(pipeline):
    """annotate(text, published="2018-05-27", plugins=()) -> AnnotatedDocument, through the real pipeline."""
    from fieldreport.v1 import fieldreport_pb2 as pb

    def run(text: str, published: str = "2018-05-27", plugins=()):
        return pipeline.annotate(pb.Document(text=text, published=published), plugins)

    return run
