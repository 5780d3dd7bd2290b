"""The pipeline runner: validation, one spaCy pass, plugin failures as warnings, deadlines."""

from __future__ import annotations

import time

import grpc
import pytest

from fieldreport.service import errors, registry
from fieldreport.service.document import DeadlineExceeded
from fieldreport.service.pipeline import Pipeline, PipelineConfig
from fieldreport.service.plugin import Plugin
from fieldreport.v1 import fieldreport_pb2 as pb


class Exploding(Plugin):
    name = "exploding"
    provides = ("boom",)
    requires = ("spacy",)

    def run(self, doc):
        raise ZeroDivisionError("secret document words")


class Counting(Plugin):
    name = "counting"
    provides = ("tokens",)
    requires = ("spacy",)

    def run(self, doc):
        doc.add("tokens", [len(doc.spacy)])


class Slow(Plugin):
    name = "slow"
    provides = ("slow",)
    requires = ("tokens",)

    def run(self, doc):
        time.sleep(0.2)


@pytest.fixture(scope="module")
def small(nlp):
    plugins = registry.order([registry.LoadedPlugin(p, "tests") for p in (Exploding(), Counting(), Slow())])
    return Pipeline(PipelineConfig(max_text_chars=1000), nlp, plugins)


def test_a_failing_plugin_gives_a_warning_and_the_rest_still_runs(small):
    doc = small.annotate(pb.Document(text="Rebels shelled the town on Monday.", published="2021-06-02"))
    assert doc.get("tokens") == [7]
    assert [(w.code, w.plugin) for w in doc.warnings] == [("PLUGIN_FAILED", "exploding")]
    assert "secret" not in doc.warnings[0].message  # exception text may quote the document
    assert doc.warnings[0].message == "plugin 'exploding' failed: ZeroDivisionError"


def test_plugins_option_runs_only_what_is_asked_and_what_it_needs(small):
    doc = small.annotate(pb.Document(text="A quiet day."), plugins=["slow"])
    assert doc.get("tokens") == [4]
    assert doc.warnings == []


@pytest.mark.parametrize(
    ("document", "reason", "field"),
    [
        (pb.Document(text="   \n "), "EMPTY_TEXT", "document.text"),
        (pb.Document(text="x" * 1001), "TEXT_TOO_LONG", "document.text"),
        (pb.Document(text="ok", published="27/05/2018"), "MALFORMED_DATE", "document.published"),
        (pb.Document(text="ok", published="2018-02-30"), "MALFORMED_DATE", "document.published"),
        (pb.Document(text="ok", language="fr"), "UNSUPPORTED_LANGUAGE", "document.language"),
    ],
)
def test_invalid_documents_name_the_field_and_reason(small, document, reason, field):
    with pytest.raises(errors.FieldReportError) as caught:
        small.annotate(document)
    assert caught.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert caught.value.reason == reason
    assert [f for f, _ in caught.value.violations] == [field]


def test_unknown_plugin_is_named(small):
    with pytest.raises(errors.FieldReportError) as caught:
        small.annotate(pb.Document(text="ok"), plugins=["counting", "nope"])
    assert caught.value.reason == "UNKNOWN_PLUGIN"
    assert caught.value.violations == [("options.plugins[1]", "no plugin named 'nope' is loaded")]


def test_deadline_stops_work_between_plugins(small):
    with pytest.raises(DeadlineExceeded):
        small.annotate(pb.Document(text="Gunmen attacked a convoy."), deadline=time.monotonic() - 1)


def test_header_metadata_is_returned_as_used(pipeline):
    resp = pipeline.extract(pb.Document(text="date 2020-08-09 Kabul Wire- Two soldiers died on Saturday."))
    assert resp.document.published == "2020-08-09"
    assert resp.document.source == "Kabul Wire"
    assert resp.document.text == ""  # the text is not echoed back


def test_a_wire_dateline_dates_the_report_and_a_missing_year_is_said(pipeline):
    resp = pipeline.extract(pb.Document(text="KANO, Aug. 9, 2020 (Reuters) - Gunmen killed two soldiers on Saturday."))
    assert (resp.document.published, resp.document.source) == ("2020-08-09", "Reuters")
    assert resp.events[0].when.value == "2020-08-08"
    assert not [w for w in resp.warnings if w.code == "PUBLISHED_YEAR_ASSUMED"]

    yearless = pipeline.extract(pb.Document(text="KANO, Aug. 9 (Reuters) - Gunmen killed two soldiers on Saturday."))
    (warning,) = [w for w in yearless.warnings if w.code == "PUBLISHED_YEAR_ASSUMED"]
    assert yearless.document.published in warning.message
    assert yearless.document.published[5:] == "08-09"
