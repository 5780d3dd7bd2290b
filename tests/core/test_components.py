"""Only the spaCy components some plugin reads run (Plugin.reads); what they read stays the same."""

from __future__ import annotations

import pytest

from fieldreport.service import nlp as nlp_loader, registry
from fieldreport.service.pipeline import Pipeline, PipelineConfig
from fieldreport.service.plugin import Plugin
from fieldreport.v1 import fieldreport_pb2 as pb

TEXT = ("Soldiers shot dead two men at a checkpoint outside Mosul on Sunday, the Interior Ministry said. "
        "A third man was taken to hospital in Erbil with wounds to his legs.")


class Entities(Plugin):
    name = "entities"
    provides = ("entities",)
    requires = ("spacy",)
    reads = ("doc.ents",)

    def run(self, doc):
        doc.add("entities", [(e.start_char, e.end_char, e.label_) for e in doc.spacy.ents])


class Syntax(Plugin):
    name = "syntax"
    provides = ("syntax",)
    requires = ("spacy",)
    reads = ("token.dep", "doc.sents")

    def run(self, doc):
        doc.add("syntax", [(t.i, t.dep_, t.head.i, t.is_sent_start) for t in doc.spacy])


class Lemmas(Plugin):
    name = "lemmas"
    provides = ("lemmas",)
    requires = ("spacy",)
    reads = ("token.lemma", "token.pos")

    def run(self, doc):
        doc.add("lemmas", [(t.lemma_, t.pos_, t.tag_) for t in doc.spacy])


class Undeclared(Plugin):
    name = "undeclared"
    provides = ("undeclared",)
    requires = ("spacy",)

    def run(self, doc):
        doc.add("undeclared", [len(doc.spacy)])


def small(nlp, *plugins):
    return Pipeline(PipelineConfig(), nlp, registry.order([registry.LoadedPlugin(p, "tests") for p in plugins]))


def test_the_builtin_plugins_read_every_component_so_the_whole_model_runs(pipeline):
    assert pipeline.components_off(pipeline.plugins) == []
    assert pipeline.components_off(pipeline.chosen(["places"])) == []
    assert nlp_loader.unread_components(nlp_loader.DEFAULT_MODEL, {"token.lemma", "token.dep", "doc.ents"}) == set()


def test_a_request_for_some_plugins_runs_only_the_components_they_read(nlp):
    p = small(nlp, Entities(), Syntax(), Lemmas())
    assert p.components_off(p.chosen(["entities"])) == ["tok2vec", "tagger", "parser", "attribute_ruler",
                                                         "lemmatizer"]
    assert p.components_off(p.chosen(["syntax"])) == ["tagger", "attribute_ruler", "lemmatizer", "ner"]
    assert p.components_off(p.chosen(["lemmas"])) == ["parser", "ner"]
    assert p.components_off(p.plugins) == []
    assert small(nlp, Entities(), Undeclared()).components_off([]) == ["tok2vec", "tagger", "parser",
                                                                       "attribute_ruler", "lemmatizer", "ner"]
    assert small(nlp, Entities(), Undeclared()).components_off(
        registry.order([registry.LoadedPlugin(Undeclared(), "tests")])) == []  # no declaration: everything


@pytest.mark.parametrize("plugin", ["entities", "syntax", "lemmas"])
def test_what_a_plugin_reads_is_the_same_with_the_other_components_left_out(nlp, plugin):
    p = small(nlp, Entities(), Syntax(), Lemmas())
    document = pb.Document(text=TEXT, published="2017-04-02")
    full = p.annotate(document)  # every plugin: every component
    alone = p.annotate(document, plugins=[plugin])
    assert alone.get(plugin) == full.get(plugin)
    assert len(alone.get(plugin)) >= 2
    (many,) = p.extract_many([document], pb.ExtractOptions(plugins=[plugin]))
    assert many == p.extract(document, pb.ExtractOptions(plugins=[plugin]))


def test_the_loader_leaves_out_what_no_plugin_reads(nlp):
    exclude = nlp_loader.unread_components(nlp_loader.DEFAULT_MODEL, {"doc.ents"})
    assert exclude == {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}
    lean = nlp_loader.load(nlp_loader.DEFAULT_MODEL, exclude)
    assert lean.pipe_names == ["ner"]
    assert [(e.text, e.label_) for e in lean(TEXT).ents] == [(e.text, e.label_) for e in nlp(TEXT).ents]
    assert nlp_loader.load() is nlp  # the whole model stays one object per process


def test_an_unknown_read_is_refused_with_the_known_ones():
    with pytest.raises(nlp_loader.ModelError) as caught:
        nlp_loader.unread_components(nlp_loader.DEFAULT_MODEL, {"token.vector"})
    assert str(caught.value) == ("a plugin reads ['token.vector'], which fieldreport does not know (one of "
                                 "['doc.ents', 'doc.sents', 'token.dep', 'token.lemma', 'token.morph', 'token.pos', "
                                 "'token.tag'])")
