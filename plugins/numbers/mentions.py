"""Finding count expressions in a parsed document, and leaving out numbers that count nothing.

Numbers are found from spaCy tokens (``like_num`` and the words of a count), not from the CARDINAL
entity alone: the small model tags "Seven people" as CARDINAL but misses counts it reads as part of a
date or an address, and tags many things CARDINAL that count nothing. What is left out, and why:
ages ("a 17-year-old", "John Doe, 24,", "aged 30"), addresses ("the 6500 block", "1234 Main St."),
times and dates ("12:45 a.m.", "in 2015"), money ("$2 billion"), calibres and measures ("9mm",
"44 kilometers", "three hours"), identifiers ("Highway 101", "No. 5", phone numbers), ordinals ("3rd").
"""

from __future__ import annotations

import dataclasses
import re

from fieldreport.plugins.numbers.counts import UNKNOWN_HEADS, VAGUE, Count, parse
from fieldreport.service.nlp import children, text_of

NOT_A_COUNT_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
# Words after a number that make it an address, an age, a time or a calibre.
NOT_A_COUNT_NEXT = {"block", "blocks", "mm", "caliber", "calibre", "cal", "cal.", "gauge", "a.m.", "p.m.", "am", "pm",
                    "a.m", "p.m", "o'clock", "%", "percent", "th", "st", "nd", "rd", "year-old", "years-old",
                    "-year-old", "hundred-block", "°"}
# Words before a number that make it an identifier, money or an age.
NOT_A_COUNT_PREV = {"$", "£", "€", "#", "no.", "no", "number", "highway", "route", "interstate", "i-", "apt", "apt.",
                    "apartment", "suite", "room", "unit", "flight", "channel", "badge", "case", "chapter", "section",
                    "article", "page", "ages", "aged", "age", "model", "version", "level", "grade", "district",
                    "precinct", "ward", "station", "exit", "gate", "platform", "bus", "line", "code", "squad",
                    "car", "box", "lot", "hwy", "rte", "us", "sr", "fm", "county road", "cr", "ext", "x", "-"}
STREET_WORDS = {"street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "drive", "dr", "dr.", "lane", "ln",
                "boulevard", "blvd", "blvd.", "way", "court", "ct", "ct.", "place", "pl", "parkway", "pkwy", "highway",
                "hwy", "circle", "terrace", "trail", "pike", "square", "plaza", "north", "south", "east", "west", "n.",
                "s.", "e.", "w."}
# What a number measures rather than counts (the quantity is dropped).
MEASURES = {"percent", "km", "kilometers", "kilometres", "kilometer", "kilometre", "miles", "mile", "meters", "metres",
            "meter", "metre", "feet", "foot", "inches", "inch", "yards", "yard", "hours", "hour", "minutes", "minute",
            "days", "day", "weeks", "week", "months", "month", "years", "year", "decades", "decade", "seconds",
            "second", "dollars", "dollar", "cents", "euros", "pounds", "pound", "tons", "tonnes", "acres", "degrees",
            "times", "mph", "kg", "kilograms", "grams", "gallons", "liters", "litres", "points", "point", "am", "pm",
            "o'clock", "nights", "night", "mm", "millimeter", "caliber", "calibre", "gauge", "rupees", "naira",
            "shillings", "yuan", "yen", "rubles", "block", "blocks"}
_VAGUE_NOUNS = {"tens", "dozens", "hundreds", "thousands", "millions", "scores"}
_VAGUE_DETS = {"several", "many", "numerous", "multiple"}
_SPLIT_WORDS = {"a few", "a handful", "a couple"}
_QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?:some|about|around|nearly|almost|roughly|approximately|an estimated|estimated|close to|at least|"
    r"more than|over|upwards of|no fewer than|no less than|in excess of|up to|as many as|at most|fewer than|less than|"
    r"no more than|under|between|from|a total of|a minimum of|a maximum of)\s+)$", re.IGNORECASE)
_QUALIFIER_AFTER = re.compile(r"^(?:\s+or more|\s+or so|-plus|\s+plus)\b", re.IGNORECASE)
_PHONE = re.compile(r"\d{3}\)?[-. ]\d{3}[-. ]\d{4}|\d{3}-\d{4}")


@dataclasses.dataclass
class Mention:
    begin: int
    end: int
    count: Count
    unit: str  # what is counted: "Russian servicemen", "militants"; "" when the number stands alone
    root: int  # token index that stands for the count in the parse



def _numberish(tok) -> bool:  # noqa: ANN001 - spaCy Token
    if tok.lower_ == "dozen":
        return True
    if not tok.like_num:
        return False
    return not re.search(r"\d(?:st|nd|rd|th)$", tok.lower_) and "/" not in tok.text and ":" not in tok.text


def _is_word(tok) -> bool:  # noqa: ANN001
    return tok.text.isalpha()


# The most tokens one number is written in ("nine hundred and ninety - nine thousand nine hundred and
# ninety - nine" is 13): a longer run of numbers ("1 2 3 4 …", a table flattened to one line) is many
# numbers, not one, and reading it as one costs the square of its length.
MAX_NUMBER_TOKENS = 16


def _run_end(doc, i: int) -> int:  # noqa: ANN001
    """Index after the number starting at token i: "twenty - five", "two hundred and fifty", "2.5 million"."""
    j = i + 1
    while j < len(doc) and j - i < MAX_NUMBER_TOKENS:
        tok = doc[j]
        if _numberish(tok) and (_is_word(tok) == _is_word(doc[j - 1]) or tok.lower_ in ("hundred", "thousand",
                                                                                       "million", "billion", "dozen")):
            j += 1
        elif tok.text in ("-", "and") and j + 1 < len(doc) and _is_word(doc[j - 1]) and _is_word(doc[j + 1]) and \
                _numberish(doc[j + 1]) and (tok.text == "-" or doc[j - 1].lower_ in ("hundred", "thousand")):
            j += 2
        else:
            break
    return j


def _not_a_count(doc, start: int, end: int) -> bool:  # noqa: ANN001
    """Ages, addresses, times, money, identifiers, years: numbers that count nothing."""
    first, last = doc[start], doc[end - 1]
    text = text_of(doc)
    if any(t.ent_type_ in NOT_A_COUNT_ENTS for t in doc[start:end]):
        # spaCy reads a few counts as dates ("two" in "two of the men" is fine; "24" after a name is an age)
        root = doc[start:end].root
        if not (first.ent_type_ == "DATE" and root.head.pos_ == "NOUN" and root.dep_ == "nummod"
                and root.head.lower_ not in MEASURES and root.head.lemma_.lower() not in MEASURES
                and not _age_or_year(doc, start, end)):
            return True
    around = text[max(0, first.idx - 4):min(len(text), last.idx + len(last.text) + 9)]
    if _PHONE.search(around):
        return True
    nxt = doc[end] if end < len(doc) else None
    prev = doc[start - 1] if start > 0 else None
    if nxt is not None:
        if nxt.lower_ in NOT_A_COUNT_NEXT:
            return True
        if nxt.text in ("-", "–") and end + 1 < len(doc) and (doc[end + 1].lower_ in ("year", "years", "month", "day",
                                                                                       "week", "hour", "minute")
                                                             or doc[end + 1].like_num):
            return True  # "17-year-old", "a 3-day", "303-739" (ranges are read before this)
        if nxt.pos_ == "PROPN" and any(t.lower_ in STREET_WORDS for t in doc[end:end + 4]) and first.text.isdigit():
            return True  # "1234 Main St."
        after = [t.lower_ for t in doc[end + 1:end + 3] if t.text not in ("-", "–")]
        if nxt.lower_ in ("year", "years") and after[:1] == ["old"]:
            return True  # "Sixteen year-old boy", "a 5 year old": an age written apart
    if prev is not None:
        if prev.lower_ in NOT_A_COUNT_PREV and (prev.text != "-" or not prev.whitespace_):
            return True  # "No. 5", "AK-47" (but not "HOUSTON - Four people")
        if prev.tag_ == "NNP" and prev.ent_type_ != "NORP" and first.text.isdigit() and \
                not (prev.is_sent_start or prev.i == 0):
            return True  # "Highway 101", "Channel 4", "Flight 17"
        if prev.text == "," and start >= 2 and doc[start - 2].pos_ == "PROPN" and nxt is not None and \
                nxt.text in (",", ")", ";") and first.text.isdigit():
            return True  # "John Doe, 24, ..."
    top = first
    while top.dep_ == "conj" and top.head.like_num and top.head.i < top.i:
        top = top.head  # "two males, 30 and 42": the second age is coordinated with the first
    if top.dep_ == "appos" and top.head.pos_ in ("PROPN", "NOUN") and top.text.isdigit() and first.text.isdigit():
        return True
    return _age_or_year(doc, start, end)


def _age_or_year(doc, start: int, end: int) -> bool:  # noqa: ANN001
    first = doc[start]
    if end - start == 1 and re.fullmatch(r"1[89]\d\d|20\d\d", first.text):
        head = first.head
        return not (first.dep_ == "nummod" and head.pos_ == "NOUN" and head.tag_ == "NNS")
    return False


def _unit(doc, start: int, end: int):  # noqa: ANN001
    """(noun token counted or None, unit text)."""
    last = doc[end - 1]
    noun = None
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "det") and last.head.i >= end and \
            last.head.pos_ in ("NOUN", "PROPN"):
        noun = last.head
    elif end < len(doc) and doc[end].lower_ == "of":
        noun = next((c for c in children(doc[end]) if c.dep_ == "pobj"), None)  # "two of the men", "dozens of people"
        if noun is None:
            noun = next((t for t in doc[end + 1:end + 5] if t.pos_ in ("NOUN", "PROPN")), None)
    elif end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].head.i >= end:
        noun = doc[end]
    if noun is None:
        return None, ""
    left = end
    words = [t for t in doc[left:noun.i + 1] if t.dep_ not in ("det", "punct", "predet") and
             t.lower_ not in ("of", "more", "other", "others", "the", "additional", "further")]
    if noun.lower_ in ("others", "other", "more"):
        return noun, ""
    return noun, " ".join(t.text for t in words) or noun.text


def find(doc) -> list[Mention]:  # noqa: ANN001 - spaCy Doc
    """Every count expression in ``doc``, in order, with its qualifier and what it counts."""
    out: list[Mention] = []
    used: set[int] = set()
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in used:
            i += 1
            continue
        start, end = i, None
        lower = tok.lower_
        if lower in ("a", "an", "one", "another") and i + 2 < len(doc) and doc[i + 1].lemma_.lower() in UNKNOWN_HEADS \
                and doc[i + 2].lower_ == "of":
            end = i + 3  # "a group of"
        elif _numberish(tok):
            end = _run_end(doc, i)
            if lower == "dozen" and i > 0 and doc[i - 1].lower_ in ("a", "half", "one"):
                start = i - 1 if doc[i - 1].lower_ != "half" else i - 1
                if doc[i - 1].lower_ == "a" and i > 1 and doc[i - 2].lower_ == "half":
                    start = i - 2
            elif lower in ("hundred", "thousand") and i > 0 and doc[i - 1].lower_ == "a":
                start = i - 1
            # ranges: "5 - 7", "five to seven", "two or three", "between five and seven"
            if end + 1 < len(doc) and doc[end].lower_ in ("-", "–", "to", "or", "and") and _numberish(doc[end + 1]):
                if doc[end].lower_ != "and" or (start > 0 and doc[start - 1].lower_ == "between"):
                    end2 = _run_end(doc, end + 1)
                    prefix = "between " if doc[end].lower_ == "and" else ""
                    candidate = parse(prefix + doc[start:end2].text)
                    if candidate is not None and candidate.qualifier == "RANGE":
                        end = end2
            if lower == "one" and i > 0 and doc[i - 1].lower_ in ("no", "any", "every", "the", "that", "this", "each",
                                                                 "which", "someone", "anyone"):
                i += 1
                continue
            if lower == "one" and i + 1 < len(doc) and doc[i + 1].lower_ in ("another", "way", "'s", "thing"):
                i += 1
                continue
            if _not_a_count(doc, start, end):
                used.update(range(start, end))
                i = end
                continue
        elif lower in _VAGUE_NOUNS and tok.pos_ in ("NOUN", "NUM"):
            end = i + 1
            if end + 2 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in ("thousands", "millions"):
                end += 2  # "tens of thousands"
        elif lower in _VAGUE_DETS and (i == 0 or doc[i - 1].lower_ not in ("as", "how", "so", "too", "not")):
            end = i + 1
        elif lower == "a" and i + 1 < len(doc) and f"a {doc[i + 1].lower_}" in _SPLIT_WORDS and \
                (i + 2 < len(doc) and (doc[i + 2].lower_ == "of" or doc[i + 2].pos_ in ("NOUN", "ADJ", "VERB", "AUX"))):
            end = i + 2
        if end is None:
            i += 1
            continue
        # qualifiers around the number
        begin_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        full = text_of(doc)
        before = _QUALIFIER_BEFORE.search(full[max(0, begin_char - 30):begin_char])
        if before and not (before.group(0).lower().startswith(("over", "under", "from")) and start > 0 and
                           doc[start - 1].dep_ == "prep" and doc[start - 1].head.pos_ == "VERB" and
                           doc[start - 1].lower_ not in ("over", "under")):
            begin_char -= len(before.group(0))
        after = _QUALIFIER_AFTER.search(full[end_char:end_char + 10])
        if after:
            end_char += len(after.group(0))
        text = full[begin_char:end_char]
        count = parse(text)
        if count is None and before:  # "between" with no second number, "from 5": read the number alone
            begin_char += len(before.group(0))
            text = full[begin_char:end_char]
            count = parse(text)
        if count is None:
            i = end
            continue
        noun, unit = _unit(doc, start, end)
        if end < len(doc) and doc[end].lower_ in ("-", "–") and end + 1 < len(doc) and doc[end + 1].lower_ in MEASURES:
            noun, unit = doc[end + 1], doc[end + 1].text  # "a 3-day", "two-hour"
        if noun is not None and (noun.lower_ in MEASURES or noun.lemma_.lower() in MEASURES):
            used.update(range(start, end))
            i = end
            continue
        if count.qualifier in ("VAGUE",) and noun is None and lower in _VAGUE_DETS and \
                tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            i = end  # "many" as an adverb or pronoun that counts nothing we can name
            continue
        root = doc[start:end].root.i
        if count.qualifier == "UNKNOWN":  # "a group of Russian contractors": the contractors are counted
            of = doc[end - 1]
            noun = next((c for c in children(of) if c.dep_ == "pobj"), None) or \
                next((t for t in doc[end:end + 6] if t.pos_ in ("NOUN", "PROPN")), None)
            unit = " ".join(t.text for t in doc[end:noun.i + 1] if t.dep_ != "det") if noun is not None else ""
            root = noun.i if noun is not None else root
        used.update(range(start, end))
        out.append(Mention(begin_char, end_char, count, unit, root))
        i = end
    return out
