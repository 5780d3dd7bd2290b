"""The per-document work budget: PLUGIN_TRUNCATED with a partial result, the sentence cap, huge numbers."""

from __future__ import annotations

import random

import pytest

from fieldreport.plugins.numbers.counts import MAX_COUNT, number
from fieldreport.service.document import WorkBudget
from fieldreport.service.pipeline import Pipeline, PipelineConfig
from fieldreport.service.spans import SpanIndex
from fieldreport.v1 import fieldreport_pb2 as pb

THREE_ATTACKS = ("Gunmen killed 3 villagers in Kanem on Monday, police said. "
                 "Bandits killed 4 farmers in Zamfara on Tuesday, police said. "
                 "Militants killed 5 traders in Borno on Wednesday, police said.")


def budgeted(pipeline, **limits) -> Pipeline:
    """The session's pipeline (same model, same plugins) with another budget."""
    return Pipeline(PipelineConfig(budget=WorkBudget(**limits)), pipeline.nlp, pipeline.plugins)


def killed(response: pb.ExtractResponse) -> list[int]:
    return sorted(c.count.value for e in response.events for c in e.casualties if c.kind == pb.Casualty.KILLED)


def truncated(response: pb.ExtractResponse) -> dict[str, str]:
    return {w.plugin: w.message for w in response.warnings if w.code == "PLUGIN_TRUNCATED"}


def test_the_default_budget_leaves_an_article_whole(pipeline):
    response = pipeline.extract(pb.Document(text=THREE_ATTACKS, published="2018-05-27"))
    assert killed(response) == [3, 4, 5]
    assert truncated(response) == {}
    assert "SENTENCE_SPLIT" not in {w.code for w in response.warnings}


def test_max_sentences_stops_each_plugin_with_what_it_read(pipeline):
    response = budgeted(pipeline, max_sentences=2).extract(pb.Document(text=THREE_ATTACKS, published="2018-05-27"))
    assert killed(response) == [3, 4]  # the third sentence is not read
    warned = truncated(response)
    assert set(warned) == {"attribution", "casualties", "events"}
    assert warned["casualties"] == ("plugin 'casualties' stopped at its work budget max_sentences = 2 (3 reached): "
                                    "its result covers what it read before that")
    assert [w.code for w in response.warnings].count("PLUGIN_TRUNCATED") == 3  # once per plugin


def test_max_mentions_stops_casualties_after_the_first_sentence(pipeline):
    response = budgeted(pipeline, max_mentions=1).extract(pb.Document(text=THREE_ATTACKS, published="2018-05-27"))
    assert killed(response) == [3]
    assert "max_mentions = 1" in truncated(response)["casualties"]
    assert "max_mentions = 1" in truncated(response)["events"]


def test_max_candidate_pairs_stops_reconciling(pipeline):
    # 3 people, then 4 more: the second mention is read against the 3 (3 pairs) and brings 4 (4 more)
    response = budgeted(pipeline, max_candidate_pairs=5).extract(pb.Document(text=THREE_ATTACKS,
                                                                           published="2018-05-27"))
    assert killed(response) == [3]
    assert "max_candidate_pairs = 5" in truncated(response)["casualties"]


def test_a_sentence_without_end_is_cut_before_the_parse(pipeline):
    response = pipeline.extract(pb.Document(text="killed " * 600, published="2018-05-27"))
    split = [w for w in response.warnings if w.code == "SENTENCE_SPLIT"]
    assert [w.message for w in split] == ["2 stretch(es) of more than 250 tokens with no sentence end were cut into "
                                          "sentences (budget max_sentence_tokens)"]
    doc = pipeline.annotate(pb.Document(text="killed " * 600, published="2018-05-27"), ("numbers",))
    assert [len(s) for s in doc.spacy.sents] == [250, 250, 100]


def test_sentences_with_ends_are_not_cut(pipeline):
    text = " ".join(["Two people were killed."] * 100)  # 500 tokens, each sentence 5
    doc = pipeline.annotate(pb.Document(text=text, published="2018-05-27"), ("numbers",))
    assert "sentence_splits" not in doc.spacy.user_data
    assert len(list(doc.spacy.sents)) == 100


# -- huge numbers are no counts, and sink nothing else -------------------------------------------------

@pytest.mark.parametrize("digits", ["1" * 40, "9" * 19, "99999999999999999999", "10000000001"])
def test_a_huge_number_is_no_count_and_the_rest_stands(pipeline, digits):
    text = f"The ledger listed {digits} items. Gunmen killed 12 people in the market."
    response = pipeline.extract(pb.Document(text=text, published="2018-05-27"))
    assert [(q.text, q.value) for q in response.mentions.quantities] == [("12", 12)]
    assert killed(response) == [12]
    assert not [w for w in response.warnings if w.code == "PLUGIN_FAILED"]


def test_number_bounds():
    assert number(str(MAX_COUNT)) == 10_000_000_000
    assert number(str(MAX_COUNT + 1)) is None
    assert number("1" * 400) is None  # float() would be inf
    assert number("2.5 million") == 2_500_000
    assert number("1" * 12 + " dozen") is None


def test_a_huge_quantity_normalizes_to_nothing(pipeline):
    item = pb.NormalizeItem(kind=pb.NormalizeItem.QUANTITY, text="1" * 40)
    assert not pipeline.normalize_item(item, "items[0]").HasField("best")


def test_a_count_of_millions_is_one_figure_with_no_person_each(pipeline):
    text = "Officials said 5,000,000 people were killed in the war."
    response = pipeline.extract(pb.Document(text=text, published="2018-05-27"))
    assert killed(response) == [5_000_000]


# -- the span index --------------------------------------------------------------------------------

def test_span_index_answers_as_a_scan_would():
    rng = random.Random(7)
    items = []
    for _ in range(300):
        begin = rng.randrange(0, 1000)
        items.append((begin, begin + rng.randrange(0, 40)))
    index = SpanIndex(items, span=lambda item: item)
    for _ in range(500):
        begin = rng.randrange(0, 1050)
        end = begin + rng.randrange(0, 60)
        assert index.overlapping(begin, end) == [s for s in items if s[0] < end and begin < s[1]]
        assert index.containing(begin) == [s for s in items if s[0] <= begin < s[1]]
        assert index.starting_in(begin, end) == [s for s in items if begin <= s[0] < end]
    assert index.starting_in_any([(0, 10), (500, 510), (5, 20)]) == \
        [s for s in items if 0 <= s[0] < 20 or 500 <= s[0] < 510]


def test_tree_index_agrees_with_spacy(nlp):
    from fieldreport.service.nlp import children, children_with, conjuncts, sentence_of

    sdoc = nlp("Gunmen shot, stabbed and killed three farmers and two traders near the market. Police said so.")
    for tok in sdoc:
        assert children(tok) == list(tok.children)
        assert children_with(tok, "nsubj", "dobj") == [c for c in tok.children if c.dep_ in ("nsubj", "dobj")]
        assert conjuncts(tok) == sorted(tok.conjuncts, key=lambda t: t.i)
        assert sentence_of(tok) == tok.sent


def test_max_mentions_bounds_counts_dates_and_places(pipeline):
    text = "Gunmen killed 3 people in Kano on Monday and 4 people in Kaduna on Tuesday."
    doc = budgeted(pipeline, max_mentions=1).annotate(pb.Document(text=text, published="2018-05-27"),
                                                     ("numbers", "dates", "places"))
    assert [q.text for q in doc.get("quantities")] == ["3"]
    assert [t.text for t in doc.get("times")] == ["Monday"]
    assert [p.text for p in doc.get("places")] == ["Kano"]
    assert {w.plugin for w in doc.warnings if w.code == "PLUGIN_TRUNCATED"} == {"numbers", "dates", "places"}


def test_a_long_unbroken_run_is_tokenized_in_pieces(pipeline):
    from fieldreport.service.nlp import LONGEST_RUN, ChunkedTokenizer

    assert isinstance(pipeline.nlp.tokenizer, ChunkedTokenizer)
    asked: list[int] = []
    spacy_tokenizer = pipeline.nlp.tokenizer.tokenizer

    def recorded(text: str):  # noqa: ANN202 - spaCy's own tokenizer, with the length it is given noted
        asked.append(len(text))
        return spacy_tokenizer(text)

    text = "\U0001F600" * 50_000 + " Gunmen killed 3 people."
    sdoc = ChunkedTokenizer(recorded)(text)
    assert sdoc.text == text
    assert len(sdoc) == 50_000 + 5
    assert max(asked) <= LONGEST_RUN + len(" Gunmen killed 3 people.")
    asked.clear()
    ChunkedTokenizer(recorded)("Police said two people were killed.")
    assert asked == [35]  # ordinary text goes to the tokenizer whole


def test_the_budget_is_set_by_environment_variables():
    budget = WorkBudget.from_env({"FIELDREPORT_MAX_SENTENCES": "300", "FIELDREPORT_MAX_CANDIDATE_PAIRS": "9"})
    assert budget == WorkBudget(max_sentence_tokens=250, max_sentences=300, max_mentions=5_000,
                                max_candidate_pairs=9)
    with pytest.raises(ValueError, match="FIELDREPORT_MAX_MENTIONS must be a whole number, not 'many'"):
        WorkBudget.from_env({"FIELDREPORT_MAX_MENTIONS": "many"})
    with pytest.raises(ValueError, match="FIELDREPORT_MAX_SENTENCES must be 1 or more, not '0'"):
        WorkBudget.from_env({"FIELDREPORT_MAX_SENTENCES": "0"})
