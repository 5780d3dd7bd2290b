"""The tense of the clause a temporal expression sits in, read from spaCy's parse.

A date without its year or week ("Friday", "Nov. 6", "January") points back in a past-tense clause
and forward in a future one ("will meet Tuesday", "is scheduled for Nov. 6"). No library reads that
(dateparser only has a global PREFER_DATES_FROM), so it is done here from the tags and auxiliaries.
"""

from __future__ import annotations

from fieldreport.service.nlp import children

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
# Predicates whose complement or object is ahead in time: "plans to meet Monday", "scheduled for May 3".
_AHEAD = {"plan", "schedule", "expect", "due", "intend", "aim", "prepare", "promise", "vow", "threaten",
          "hope", "want", "slate", "reschedule", "postpone", "delay", "adjourn", "upcoming", "forthcoming"}
# Words between a date and its verb that put the date ahead: "payable Dec. 7", "the Tuesday deadline".
# Of those, the ones whose complement is an aim (a verb), not a time: a date on their reduced relative
# ("a bomb intended to hit ...") dates what the sentence tells, not the aim.
_INTENT = {"plan", "intend", "aim", "hope", "want", "promise", "vow", "threaten", "prepare"}
_AHEAD_WORDS = {"payable", "effective", "due", "deadline", "upcoming", "forthcoming", "scheduled", "slated",
                "expire", "expiration", "maturity", "mature"}
_TO_WORDS = {"set", "be", "going", "about"}  # "is set to", "is to", "is about to" + verb: ahead


# spaCy makes a new Token object on each access: tokens are compared by index (``.i``), never with ``is``.


def _is_root(tok) -> bool:  # noqa: ANN001
    return tok.head.i == tok.i


def governing_verb(span):  # noqa: ANN001 - spaCy Span
    """The verb of the clause holding ``span`` (its nearest verbal ancestor outside it), or None."""
    tok = span.root
    for _ in range(12):
        if _is_root(tok):
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and not (span.start <= tok.i < span.end):
            return tok
    return None


def tense(span) -> str:  # noqa: ANN001 - spaCy Span
    """"past", "future", "present", or "" when the clause has no finite verb to read."""
    verb = governing_verb(span)
    tok = span.root
    for _ in range(12):
        if _is_root(tok) or verb is not None and tok.i == verb.i:
            break
        tok = tok.head
        if tok.lemma_.lower() in _AHEAD_WORDS:
            return "future"
    if verb is None:
        # A noun phrase alone ("Monday's upcoming vote") can still say it is ahead.
        return "future" if any(t.lemma_.lower() in _AHEAD for t in span.sent) and _no_finite(span.sent) else ""
    return _verb_tense(verb)


def _no_finite(sent) -> bool:  # noqa: ANN001
    return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sent)


def _verbal_ancestor(tok):  # noqa: ANN001, ANN202
    for _ in range(12):
        if _is_root(tok):
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _verb_tense(verb) -> str:  # noqa: ANN001 - spaCy Token
    for _ in range(3):
        auxes = [c for c in children(verb) if c.dep_ in ("aux", "auxpass")]
        lowers = {a.lower_ for a in auxes}
        if verb.tag_ == "VBN" and not auxes and _is_root(verb):
            finite = next((c for c in children(verb) if c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ", "VBP")), None)
            if finite is not None:
                # a participle without an auxiliary is no main verb: the parser took a reduced relative
                # ("an IED intended to hit soldiers exploded on 16th July") for one; the tense is its conjunct's
                verb = finite
                continue
        if lowers & _FUTURE_AUX:
            return "future"
        if "going" in lowers and any(a.lower_ == "to" for a in auxes):
            return "future"
        to_infinitive = any(a.tag_ == "TO" for a in auxes)
        if to_infinitive and not _is_root(verb) and verb.head.lemma_.lower() in _AHEAD | _TO_WORDS:
            return "future"  # "plans to meet Monday", "is expected to arrive on Nov. 6"
        ahead = verb.lemma_.lower() in _AHEAD or verb.lemma_.lower() == "set" and lowers & {"is", "are", "'s", "'re"}
        if ahead and verb.dep_ == "acl" and verb.lemma_.lower() in _INTENT:
            ahead = False  # "an IED intended to hit a convoy exploded on 16th July": what is ahead is the aim
        if ahead and verb.tag_ in ("VBN", "VBZ", "VBP", "JJ") and not lowers & {"had", "was", "were"}:
            return "future"  # "the vote is scheduled for Nov. 6", "slated for Tuesday"
        finite = [a for a in auxes if a.tag_ in ("VBD", "VBZ", "VBP", "MD")] or [verb]
        tag = finite[0].tag_
        if tag == "VBD":
            return "past"
        if tag in ("VBZ", "VBP"):
            # "has killed", "have been wounded": the present perfect reports a past event
            return "past" if finite[0].lemma_ == "have" else "present"
        if tag == "MD":
            return ""  # would, could, may: no direction
        if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxes:
            return "past"  # a reduced relative told of something done: "a toddler shot Tuesday is expected to …"
        if to_infinitive or verb.tag_ in ("VBG", "VBN", "VB"):
            # a non-finite verb takes the tense of the clause above it: "..., killing two on Friday",
            # "the quarter ended Sept. 30 rose"
            above = _verbal_ancestor(verb)
            if above is None:
                return ""
            verb = above
            continue
        return ""
    return ""
