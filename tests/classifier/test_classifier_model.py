"""The trained event classifier: training on coded data, the model directory, loading it into the pipeline,
the fallback to the rules' types without a model, and the errors of bad data and bad model directories.

The coded data is the tests' own (conftest.py): an NGO's taxonomy, so that a label the rules cannot give
("cattle_raid") shows that the model, not the rules, typed the event.
"""

from __future__ import annotations

import json

import pytest

from fieldreport.plugins import classifier
from fieldreport.plugins.classifier import features, training
from fieldreport.plugins.classifier.model import EventModel, ModelError, joint, snake
from fieldreport.v1 import fieldreport_pb2 as pb

from classifierutil import NOTHING, RAIDS, rows, write_csv, write_jsonl

RAID_LABEL = ("cattle_raid", "theft_of_livestock")
NEW_RAID = "Armed raiders attacked herders near the village of Dutsin Ma on Sunday and stole 55 cattle."


def test_labels_are_written_as_the_contract_writes_types():
    assert snake("Explosions/Remote violence") == "explosions_remote_violence"
    assert snake("Shelling/artillery/missile attack") == "shelling_artillery_missile_attack"
    assert snake("Non-state actor overtakes territory") == "non_state_actor_overtakes_territory"
    assert snake("  Cattle raid ") == "cattle_raid"
    assert joint("Battles", "Armed clash") == "battles|armed_clash"
    assert joint("none", "") == joint("", "") == "none"


def test_csv_reads_acled_columns_as_they_are(coded_csv):
    records = training.read(coded_csv)
    assert len(records) == 18
    assert records[0].label == "cattle_raid|theft_of_livestock"
    assert records[0].published == "2024-03-04"
    assert [r.label for r in records].count("none") == 6


def test_jsonl_reads_plain_and_eval_formats(tmp_path):
    plain = tmp_path / "plain.jsonl"
    write_jsonl(plain, rows())
    assert [r.label for r in training.read(plain)] == [r.label for r in training.read_csv_rows(rows())]
    shared = tmp_path / "shared.jsonl"
    shared.write_text(
        json.dumps({"id": "x:1", "text": RAIDS[0], "gold": {"incidents": [{"type": "Battles", "sub_type": "Armed clash"}]}})
        + "\n" + json.dumps({"id": "x:2", "text": NOTHING[0], "gold": {"incidents": []}}) + "\n"
        + json.dumps({"id": "x:3", "text": NOTHING[1], "gold": {"type": "DIPLO"}}) + "\n", encoding="utf-8")
    assert [r.label for r in training.read(shared)] == ["battles|armed_clash", "none", "diplo|"]


def test_features_carry_the_rules_view(annotate):
    doc = annotate("Gunmen attacked a police post in Maiduguri on Sunday, killing three officers.",
                   plugins=("events",))
    event = doc.get("events")[0]
    cues = features.instance(doc.text, event, 1).cues
    assert cues["rule_type=" + event.event_type] == 1.0
    assert cues["casualty=KILLED"] == 1.0
    assert cues["casualty=KILLED:2-4"] == 1.0
    assert cues["events=1"] == 1.0
    assert features.instance("Nothing happened.", None, 0).cues == {"events=0": 1.0, "rule_type=none": 1.0}


def test_training_writes_a_model_directory_with_its_card(trained):
    folder, meta, printed = trained
    saved = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    assert saved["name"] == "ngo-raids" and saved["version"] == "2.1.0"
    assert saved["labels"] == ["cattle_raid|theft_of_livestock", "market_protest|traders", "none"]
    assert saved["label_counts"] == {"cattle_raid|theft_of_livestock": 6, "market_protest|traders": 6, "none": 6}
    cv = saved["cross_validation"]
    assert cv["folds"] == 5 and cv["documents"] == 18
    assert set(cv) >= {"model", "tfidf_logreg", "rules"}
    assert cv["model"]["event_type"]["macro_f1"] >= 80.0  # six clear examples per label
    assert "5-fold cross-validation over 18 documents" in printed and "tfidf_logreg" in printed
    assert meta["cross_validation"] == cv
    assert (folder / "model.skops").stat().st_size < 30e6


def test_loaded_model_types_a_new_report(trained, annotate):
    model = EventModel.load(trained[0])
    assert model.name == "ngo-raids"
    events = annotate(NEW_RAID, plugins=("events",)).get("events")
    (label, p), = model.predict([features.instance(NEW_RAID, features.document_event(events), len(events))])
    assert label == "cattle_raid|theft_of_livestock" and p > 0.5


def test_pipeline_serves_the_model_named_by_the_environment(trained, monkeypatch):
    from fieldreport.service.pipeline import Pipeline

    monkeypatch.setenv(classifier.ENV, str(trained[0]))
    pipeline = Pipeline.create()
    response = pipeline.extract(pb.Document(text=NEW_RAID, published="2024-03-05"))
    assert [(e.event_type, e.sub_event_type) for e in response.events] == [RAID_LABEL]
    info = {p.name: p for p in pipeline.plugin_infos().plugins}["classifier"]
    assert "model ngo-raids 2.1.0" in info.description and str(trained[0]) in info.description
    assert info.requires == ["spacy", "events", "times", "places", "casualties"]
    # a report of nothing violent stays without an event
    assert not pipeline.extract(pb.Document(text=NOTHING[2], published="2024-03-05")).events


def test_without_a_model_the_rules_types_stand(tmp_path, monkeypatch, pipeline):
    from fieldreport.service.pipeline import Pipeline

    monkeypatch.delenv(classifier.ENV, raising=False)
    monkeypatch.setattr(classifier, "SHIPPED", tmp_path / "empty")
    bare = Pipeline.create()
    info = {p.name: p for p in bare.plugin_infos().plugins}["classifier"]
    assert info.description.endswith("no model installed, the rules' types stand")
    text = "Police arrested 14 protesters in Harare on Monday after a march against fuel prices."
    rules = bare.extract(pb.Document(text=text, published="2024-03-05"), pb.ExtractOptions(plugins=["events"]))
    served = bare.extract(pb.Document(text=text, published="2024-03-05"))
    assert [(e.event_type, e.sub_event_type) for e in served.events] == \
        [(e.event_type, e.sub_event_type) for e in rules.events]
    assert served.events  # the rules found the event; nothing removed it


def test_a_broken_model_directory_stops_start_up_with_its_reason(tmp_path, monkeypatch):
    plugin = classifier.ClassifierPlugin()
    monkeypatch.setenv(classifier.ENV, str(tmp_path / "nowhere"))
    with pytest.raises(ModelError, match="no such model directory"):
        plugin.setup(None)
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "model.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv(classifier.ENV, str(tmp_path / "half"))
    with pytest.raises(ModelError, match="model.skops missing"):
        plugin.setup(None)


class NotAModelPart:
    """A type outside scikit-learn: skops stores it by name, and our loader must refuse it."""


def test_a_model_file_with_foreign_types_is_refused(trained, tmp_path):
    import shutil

    import skops.io

    folder = tmp_path / "tampered"
    shutil.copytree(trained[0], folder)
    parts = skops.io.load(trained[0] / "model.skops", trusted=skops.io.get_untrusted_types(file=trained[0] / "model.skops"))
    parts["classifier"].extra = NotAModelPart()
    skops.io.dump(parts, folder / "model.skops")
    with pytest.raises(ModelError, match="NotAModelPart.*refused"):
        EventModel.load(folder)


def test_a_model_fitted_by_another_scikit_learn_is_refused(trained, tmp_path):
    import shutil

    folder = tmp_path / "old"
    shutil.copytree(trained[0], folder)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta["sklearn"] = "1.2.0"
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="fitted with scikit-learn 1.2.0"):
        EventModel.load(folder)


def test_too_few_examples_of_a_label_names_it_and_its_count(tmp_path):
    coded = rows()[:6] + rows()[6:9] + rows()[12:]  # three market protests only
    path = tmp_path / "few.csv"
    write_csv(path, coded)
    with pytest.raises(training.TrainingDataError,
                       match=r"fewer than 5 examples of label\(s\) market_protest\|traders \(3\)"):
        training.train(path, tmp_path / "out", workers=1, progress=False, echo=lambda _: None)
    assert not (tmp_path / "out").exists()


def test_a_csv_without_the_needed_columns_says_which(tmp_path):
    path = tmp_path / "wrong.csv"
    write_csv(path, rows(), columns=("event_date", "event_type", "notes"))
    with pytest.raises(training.TrainingDataError, match=r"missing column\(s\) sub_event_type \(found: event_date, "
                                                         r"event_type, notes\)"):
        training.read(path)
