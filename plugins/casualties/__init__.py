"""Killed, injured, captured, missing, arrested: counts, groups, affiliations and sources (layer ``casualties``).

Three steps, one module each: ``mentions`` reads harm predicates and their victims from the parse
(with the numbers of the ``quantities`` layer), ``reconcile`` decides which mentions tell of the same
people (parts and totals, repeated victims, later deaths) and yields figures, and this module turns
figures into ``fieldreport.v1.Casualty`` messages with their group, affiliation (``actors`` layer),
source and stance (``attribution`` layer).
"""

from __future__ import annotations

import datetime as dt

from fieldreport.service.nlp import sentence_of, text_of
from fieldreport.service.plugin import Plugin
from fieldreport.service.spans import SpanIndex


class CasualtiesPlugin(Plugin):
    name = "casualties"
    version = "0.3.0"
    requires = ("spacy", "quantities", "title", "times", "actors", "attribution")
    provides = ("casualties",)
    reads = ("token.tag", "token.pos", "token.lemma", "token.dep", "doc.sents", "doc.ents")
    description = "Killed, injured, captured, missing, arrested: counts, groups, sources; parts folded into totals"

    def run(self, doc) -> None:  # noqa: ANN001
        from fieldreport.plugins.casualties import lexicon as lx
        from fieldreport.plugins.casualties.mentions import read
        from fieldreport.plugins.casualties.reconcile import reconcile
        from fieldreport.v1 import fieldreport_pb2 as pb

        sdoc = doc.spacy
        over: list[tuple[str, int]] = []  # the work budgets reached, with how much was asked
        mentions = read(sdoc, doc.get("quantities"), budget=doc.budget, over=over)
        doc.check_deadline()
        self._dates(sdoc, doc.get("times"), mentions)
        for title_doc, title_quantities in doc.get("title"):
            # Headlines sum up ("2 killed, 1 hurt in shooting"); read after the body, they confirm its
            # counts or add what the body leaves out. Their figures have an empty span (the title is
            # not part of the text).
            title = read(title_doc, title_quantities, in_title=True, budget=doc.budget, over=over)
            for m in title:
                m.offset = len(sdoc) + 1
            mentions += title
        actors = SpanIndex(doc.get("actors"))
        regions = SpanIndex(doc.get("attribution"), span=lambda r: (r.begin, r.end))
        sources = [None if m.in_title else self._source(regions, m.begin) for m in mentions]
        affiliations = [self._affiliation(actors, m) for m in mentions]
        recent = None
        if doc.published:
            recent = ((doc.published - dt.timedelta(days=14)).isoformat(), doc.published.isoformat())
        figures, zeros = reconcile(mentions, [s.name if s is not None else "" for s in sources], affiliations, recent,
                                   max_pairs=doc.budget.max_candidate_pairs, over=over)
        for budget, used in over:
            doc.truncated(self.name, budget, used)
        by_sentence: dict[tuple[bool, int], list[int]] = {}  # the mentions of each sentence, in order
        for index, m in enumerate(mentions):
            by_sentence.setdefault((m.in_title, sentence_of(m.predicate).start), []).append(index)
        out = []
        for figure in figures:
            doc.check_deadline()
            fate, intro = mentions[figure.fate], mentions[figure.intro]
            if not intro.group:  # "five more": more of the people named before them in the sentence
                before = [j for j in by_sentence[(intro.in_title, sentence_of(intro.predicate).start)]
                          if mentions[j].group and mentions[j].position < intro.position]
                if before:
                    index = before[-1]
                    intro.group = mentions[index].group
                    affiliations[figure.intro] = affiliations[figure.intro] or affiliations[index]
            count = self._count(pb, figure, fate, intro)
            source = sources[figure.fate] or sources[figure.intro]
            kind = lx.INJURED if figure.kind == lx.HIT else figure.kind
            group = (fate.group if figure.fate != figure.intro else "") or intro.group or fate.group
            if figure.named is not None:  # one person, named somewhere: the name says who
                group = mentions[figure.named].group or group
            out.append(pb.Casualty(
                kind=pb.Casualty.Kind.Value(kind), count=count, group=group,
                affiliation=affiliations[figure.intro] or affiliations[figure.fate],
                source=self._message(pb, doc, source), evidence=self._evidence(pb, fate)))
        for z in zeros:
            m = mentions[z]
            kind = lx.INJURED if m.kind == lx.HIT else m.kind
            text = text_of(m.victim.doc)[m.begin:m.end]
            begin, end = (0, 0) if m.in_title else (m.begin, m.end)
            out.append(pb.Casualty(
                kind=pb.Casualty.Kind.Value(kind),
                count=pb.Count(value=0, qualifier=pb.Count.EXACT, text=text,
                               span=pb.Span(text=text, begin=begin, end=end)),
                source=self._message(pb, doc, sources[z]), evidence=self._evidence(pb, m)))
        doc.add("casualties", out)

    @staticmethod
    def _evidence(pb, m):  # noqa: ANN001
        """The sentence a figure comes from (the title, with an empty span, when it comes from there)."""
        sent = m.predicate.sent
        if m.in_title:
            return pb.Span(text=text_of(sent.doc), begin=0, end=0)
        return pb.Span(text=sent.text, begin=sent.start_char, end=sent.end_char)

    @staticmethod
    def _count(pb, figure, fate, intro):  # noqa: ANN001
        """The Count of a figure: the mention's own count when the figure is all it counted, else the
        number of people the figure holds, with the text of the mention that set their fate."""
        mention = intro if figure.fate == figure.intro else fate
        if figure.n is None:
            count = pb.Count(qualifier=pb.Count.UNKNOWN)
            if mention.quantity is not None:
                count.CopyFrom(mention.quantity)
                count.ClearField("unit")
        elif mention.quantity is not None and (figure.exact_of_intro or (figure.fate != figure.intro and
                                                                         figure.n == fate.n)):
            count = pb.Count()
            count.CopyFrom(mention.quantity)
            count.ClearField("unit")
            return count
        else:
            qualifier = pb.Count.EXACT
            if mention.quantity is not None and mention.quantity.qualifier in (pb.Count.AT_LEAST, pb.Count.VAGUE):
                qualifier = pb.Count.AT_LEAST
            count = pb.Count(value=figure.n, qualifier=qualifier)
            if qualifier == pb.Count.AT_LEAST:
                count.low = figure.n
        text = text_of(mention.victim.doc)[mention.begin:mention.end]
        count.text = text
        begin, end = (0, 0) if mention.in_title else (mention.begin, mention.end)
        count.span.CopyFrom(pb.Span(text=text, begin=begin, end=end))
        return count

    @staticmethod
    def _dates(sdoc, times, mentions) -> None:  # noqa: ANN001
        """The date each mention's sentence gives for what happened (not the day something was said):
        counts of another day are other people."""
        from fieldreport.plugins.casualties.lexicon import SAYING

        dated = []
        for tv in times:
            if tv.type != "DATE" or not tv.start:
                continue
            span = sdoc.char_span(tv.span.begin, tv.span.end, alignment_mode="expand")
            if span is None:
                continue
            tok, reporting = span.root, False
            for _ in range(6):  # "said on Sunday": a date hanging from a verb of saying
                if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() not in ("be",):
                    reporting = tok.lemma_.lower() in SAYING
                    break
                if tok.head == tok:
                    break
                tok = tok.head
            if not reporting:
                dated.append((sentence_of(span[0]).start, tv.start, tv.end or tv.start))
        first_dated: dict[int, tuple[str, str]] = {}
        for sent, start, end in dated:
            first_dated.setdefault(sent, (start, end))
        for m in mentions:
            if m.in_title:
                continue
            m.when = first_dated.get(sentence_of(m.predicate).start)

    @staticmethod
    def _source(regions, char: int):  # noqa: ANN001
        """The source of the innermost stretch of reported speech holding ``char``."""
        holding = regions.containing(char)
        return min(holding, key=lambda r: r.end - r.begin).source if holding else None

    @staticmethod
    def _message(pb, doc, source):  # noqa: ANN001
        if source is not None:
            copy = pb.Source()
            copy.CopyFrom(source)
            return copy
        if doc.source:
            return pb.Source(name=doc.source, text=doc.source, stance=pb.ASSERTED)
        return pb.Source(stance=pb.ASSERTED)

    @staticmethod
    def _affiliation(actors, m) -> str:  # noqa: ANN001
        if m.in_title:
            return ""
        return next((a.name for a in actors.overlapping(m.begin, m.end)), "")
