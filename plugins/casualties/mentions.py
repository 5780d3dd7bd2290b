"""Casualty mentions: a harm predicate, the people it is told of, and how many they are.

A mention is read from the dependency parse: the predicate ("were killed", "died", "shot",
"in critical condition", "taken to a hospital", "the death of", "2 dead") and its victim argument
(passive subject, active object, intransitive subject, the noun a participle modifies, the antecedent of
"who"), expanded over coordination ("a man and a woman"). How many: a number from the ``quantities``
layer attached to the victim; one for a singular noun, a name or "he"/"she"; zero for "no one";
unknown for a bare plural. Whether a mention brings new people or speaks of people already told of is
written down here (``reference``) and decided in ``reconcile``.
"""

from __future__ import annotations

import dataclasses

from fieldreport.plugins.casualties import lexicon as lx
from fieldreport.service.nlp import children, children_with, conjuncts, sentence_of, text_of


@dataclasses.dataclass
class Mention:
    kind: str  # lexicon kinds: HIT, INJURED, KILLED, CAPTURED, ARRESTED, MISSING
    n: int | None  # how many (None: unknown)
    reference: str  # "intro" (new people, maybe), "definite", "pronoun", "name", "partitive", "plural", "zero"
    victim: object  # the victim's head token
    predicate: object  # the predicate token
    quantity: object = None  # the fieldreport.v1.Count from the quantities layer, when a number counts them
    cls: str = "generic"  # person class (lexicon.PERSON_CLASSES) or "generic"
    gender: str = ""  # "m", "f" or ""
    name: str = ""  # surname for named people
    additive: bool = False  # "another", "five more", "also": new people for sure
    others: bool = False  # "two others": new people, unless earlier "others" are these
    dying: bool = False  # "died", "succumbed": may be told of someone counted as injured
    partitive_kind: str = ""  # "one of the injured": the kind of the people it is taken from
    ordinal: int = 0  # "a second victim": the k-th person told of
    kin: bool = False  # "his brother", "her daughter": someone named by their tie to another
    group: str = ""  # the text naming who
    begin: int = 0  # span of the victim phrase (code points)
    end: int = 0
    in_title: bool = False
    offset: int = 0  # added to token positions (title mentions are read after the body)
    same_as: int | None = None  # index of an earlier mention of the same victim words
    when: tuple[str, str] | None = None  # (start, end) of the date its clause gives, if any

    @property
    def position(self) -> int:
        return self.victim.i + self.offset



def _children(tok, *deps):  # noqa: ANN001
    return list(children_with(tok, *deps))


def _is_passive(verb) -> bool:  # noqa: ANN001
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children(verb)):
        return True
    # "a man killed in the shooting", "three people wounded": a past participle modifying a noun
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl", "conj", "appos", "ccomp", "ROOT", "xcomp") \
        and not _children(verb, "nsubj", "dobj")


def _irrealis(pred) -> bool:  # noqa: ANN001
    """"tried to kill", "could have been killed", "threatened to shoot", "if he dies", "attempted murder"."""
    tok = pred
    for _ in range(3):
        for child in children(tok):
            if child.dep_ in ("aux", "auxpass") and child.lower_ in lx.MODALS:
                return True
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether", "lest"):
                return True
            if child.dep_ == "amod" and child.lower_ in ("attempted", "alleged", "possible", "potential", "planned"):
                return True
        if tok.dep_ in ("xcomp", "ccomp", "advcl") and tok.head.lemma_.lower() in lx.IRREALIS_HEADS and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in children(tok)):
            return True
        if tok.dep_ == "pcomp" and tok.head.lower_ in ("of", "with") and tok.head.head.lemma_.lower() in (
                "accuse", "suspect", "charge", "attempt", "threat", "plot", "conspiracy", "intent"):
            return tok.head.head.lemma_.lower() in ("attempt", "threat", "plot", "conspiracy", "intent")
        if tok.dep_ in ("conj",) and tok.head.pos_ in ("VERB", "AUX"):
            tok = tok.head  # "tried to rob and kill": the first conjunct carries the "to"
            continue
        break
    return False


def _negated(pred) -> bool:  # noqa: ANN001
    return any(c.dep_ == "neg" for c in children(pred))


def _shared_subject(verb, deps=("nsubj", "nsubjpass")):  # noqa: ANN001
    """The subject of a verb, or of the verb it is coordinated with ("were shot and wounded")."""
    tok = verb
    for _ in range(4):
        found = _children(tok, *deps)
        # "three others, including two teens, were also wounded" hangs the subject on "were";
        # "Also wounded were a 17-year-old" inverts it
        found += [g for aux in _children(tok, "aux", "auxpass") for g in children(aux)
                  if g.dep_ in (*deps, "attr") and (g.dep_ != "attr" or g.i > aux.i)]
        if found:
            return found[0]
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
            tok = tok.head
            continue
        break
    return None


def _shared_object(verb):  # noqa: ANN001
    """The object of a verb, or of the verb coordinated after it ("shot and killed a man" puts "a man"
    under "killed"), or before it."""
    found = _children(verb, "dobj")
    if found:
        return found[0]
    own = _children(verb, "nsubj")
    for conj in conjuncts(verb):
        if own and _children(conj, "nsubj"):
            continue  # "police arrested a suspect and three others injured": two clauses, two subjects
        if conj.pos_ == "VERB":
            obj = _children(conj, "dobj")
            if obj:
                return obj[0]
    return None


def _relative_antecedent(tok):  # noqa: ANN001
    """"a man who was shot": "who" stands for "man"."""
    if tok.lower_ in ("who", "that", "whom", "which") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _reflexive(tok, verb):  # noqa: ANN001
    """"killed himself", "shot his wife before killing himself": the subject is the victim."""
    if tok.lower_ in ("himself", "herself", "themselves"):
        head = verb
        for _ in range(4):
            subject = _shared_subject(head, ("nsubj",))
            if subject is not None:
                return _relative_antecedent(subject)
            if head.dep_ in ("advcl", "xcomp", "pcomp", "conj", "acl") and head.head != head:
                head = head.head if head.head.pos_ in ("VERB", "AUX") else head.head.head
                continue
            break
    return tok


def _fate_of_shot(verb) -> str | None:  # noqa: ANN001
    """What a shooting or stabbing did: killed ("fatally", "shot dead", "shot to death"), injured, or
    only hit; None when a coordinated verb tells it instead ("shot and killed" — that verb counts)."""
    for child in children(verb):
        if child.dep_ in ("advmod", "acomp", "oprd", "xcomp", "npadvmod") and (child.lower_ in lx.FATAL_ADVERBS or
                                                                              child.lower_ in lx.DEAD_WORDS):
            return lx.KILLED
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lemma_ == "death" for g in children(child)):
            return lx.KILLED
        if child.dep_ == "prt" and child.lower_ == "down" and verb.lemma_ == "gun":
            return lx.KILLED
        if child.dep_ == "advmod" and child.lower_ in lx.NONFATAL_ADVERBS:
            return lx.INJURED
    own_object = bool(_children(verb, "dobj"))
    for conj in conjuncts(verb):
        if conj.pos_ == "VERB" and (conj.lemma_.lower() in lx.TRANSITIVE or conj.lemma_.lower() in lx.INTRANSITIVE) \
                and conj.i > verb.i and not (own_object and _children(conj, "dobj")):
            return None
    return lx.HIT


def predicates(sent):  # noqa: ANN001 - a spaCy Span
    """(predicate token, kind, victim tokens) for each harm predicate of the sentence."""
    out = []
    for tok in sent:
        lemma = _lemma(tok)
        lower = tok.lower_
        if tok.pos_ in ("VERB", "AUX") or (tok.tag_ == "VBN"):
            kind = None
            victims: list = []
            if lemma in lx.TRANSITIVE or lemma in lx.STRIKE_VERBS:
                if lemma in lx.STRIKE_VERBS:
                    agent = [g for c in children(tok) if c.dep_ == "agent" for g in children(c) if g.dep_ == "pobj"]
                    subject = _shared_subject(tok, ("nsubj",))  # "the bullets hit his son … and hit his wife"
                    hitter = (agent or [subject])[0]
                    fired = tok.dep_ in ("advcl", "conj") and _lemma(tok.head) in ("fire", "shoot", "open", "spray") \
                        and not _children(tok, "nsubj")  # "shot him after he struck an officer": he struck
                    if not fired and (hitter is None or hitter.lemma_.lower() not in lx.PROJECTILES):
                        continue  # "hitting him" after "fired at": the shots hit
                    kind = lx.HIT
                elif lemma in ("shoot", "stab", "graze", "pepper", "gun"):
                    kind = _fate_of_shot(tok)
                    if kind is None:
                        continue
                else:
                    kind = lx.TRANSITIVE[lemma]
                    if kind == lx.INJURED and any(c.dep_ == "advmod" and c.lower_ in lx.FATAL_ADVERBS
                                                  for c in children(tok)):
                        kind = lx.KILLED  # "fatally wounding his brother", "mortally injured"
                    if kind == lx.CAPTURED and any(c.dep_ == "nsubj" and c.lemma_.lower() in lx.RECORDERS
                                                   for c in children(tok)):
                        continue  # "the video captured four gunshots"
                if _is_passive(tok):
                    subject = _shared_subject(tok, ("nsubjpass",)) or _shared_subject(tok, ("nsubj",))
                    if subject is None and tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "NUM",
                                                                                            "PRON", "ADJ"):
                        subject = tok.head  # "a man killed in the shooting", "three injured"
                    if subject is None and tok.dep_ == "relcl":
                        subject = tok.head
                    if subject is not None:
                        victims = [_relative_antecedent(subject)]
                        # "three females … and two males were injured", "NEW ORLEANS -- Four women were injured":
                        # the parse gives the verb two subjects
                        victims += [c for c in children(subject.head) if c.dep_ == subject.dep_ and c.i > subject.i
                                    and (any(t.lower_ in ("and", "or") for t in c.doc[subject.i:c.left_edge.i]) or
                                         subject.text.isupper() and len(subject.text) > 2)]
                else:
                    obj = _shared_object(tok)
                    if obj is not None:
                        victims = [_reflexive(obj, tok)]
                    elif tok.dep_ == "relcl" and lemma in lx.TRANSITIVE and tok.tag_ == "VBN":
                        victims = [tok.head]
                if not victims:  # "that killed 2, injured 5": the parse leaves the number loose
                    victims = [c for c in children(tok) if c.dep_ in ("npadvmod", "attr", "oprd") and c.like_num
                               and c.i > tok.i and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ in
                                                        _BARE_WORDS)][:1]  # not the 5 of "1 killed, 5 injured"
            elif lemma in lx.INTRANSITIVE:
                kind = lx.INTRANSITIVE[lemma]
                subject = _shared_subject(tok, ("nsubj",))
                if subject is not None:
                    victims = [_relative_antecedent(subject)]
                elif tok.dep_ in ("acl", "relcl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
                    victims = [tok.head]  # "his dying girlfriend"
            elif lemma == "lose" and any(c.lemma_ == "life" for c in children(tok) if c.dep_ == "dobj"):
                kind = lx.KILLED
                subject = _shared_subject(tok, ("nsubj",))
                victims = [_relative_antecedent(subject)] if subject is not None else []
            elif lemma in ("lose", "claim", "take") and any(c.lemma_ == "life" for c in children(tok)
                                                            if c.dep_ in ("nsubjpass", "dobj")):
                kind = lx.KILLED  # "three lives were lost", "the attack claimed 12 lives": the lives count
                victims = [c for c in children(tok) if c.dep_ in ("nsubjpass", "dobj") and c.lemma_ == "life"]
            elif lemma in ("pass",) and any(c.lower_ == "away" for c in children(tok)):
                kind = lx.KILLED
                subject = _shared_subject(tok, ("nsubj",))
                victims = [_relative_antecedent(subject)] if subject is not None else []
            elif lemma in ("go",) and any(c.lower_ == "missing" for c in children(tok)):
                kind = lx.MISSING
                subject = _shared_subject(tok, ("nsubj",))
                victims = [_relative_antecedent(subject)] if subject is not None else []
            elif lemma in ("take", "hold") and any(c.lower_ in ("hostage", "captive", "prisoner", "hostages")
                                                   for c in children(tok)):
                kind = lx.CAPTURED
                victim = _shared_subject(tok, ("nsubjpass",)) if _is_passive(tok) else _shared_object(tok)
                victims = [_relative_antecedent(victim)] if victim is not None else []
            elif lemma == "take" and any(c.dep_ == "prep" and c.lower_ == "into" and
                                         any(g.lemma_ == "custody" for g in children(c)) for c in children(tok)):
                kind = lx.ARRESTED
                victim = _shared_subject(tok, ("nsubjpass",)) if _is_passive(tok) else _shared_object(tok)
                victims = [_relative_antecedent(victim)] if victim is not None else []
            elif lemma in lx.SUFFER and any(c.lemma_.lower() in lx.INJURY_NOUNS for c in children(tok)
                                            if c.dep_ == "dobj"):
                wound = next(c for c in children(tok) if c.dep_ == "dobj" and c.lemma_.lower() in lx.INJURY_NOUNS)
                if lemma == "have" and not any(c.lower_ in ("gunshot", "stab", "bullet") for c in wound.subtree):
                    continue
                fatal = any(c.lower_ in ("fatal", "mortal", "deadly", "lethal") for c in wound.subtree)
                # "had a gunshot wound" tells a shooting, not who lived ("minor", "serious" wounds do)
                shot = any(c.lower_ in ("gunshot", "bullet") for c in wound.subtree) and \
                    not any(c.lower_ in lx.CONDITIONS | {"minor", "superficial", "graze", "non-life", "slight"}
                            for c in wound.subtree)
                kind = lx.KILLED if fatal else lx.HIT if shot else lx.INJURED
                subject = _shared_subject(tok, ("nsubj",))
                victims = [_relative_antecedent(subject)] if subject is not None else []
            elif lemma in lx.TO_HOSPITAL and _to_hospital(tok):
                kind = lx.INJURED
                if lemma in ("treat", "admit", "hospitalize") or _is_passive(tok):
                    victim = _shared_subject(tok, ("nsubjpass",)) or (_children(tok, "dobj") or [None])[0]
                else:
                    victim = _shared_object(tok)
                if victim is None and tok.dep_ in ("acl",):
                    victim = tok.head
                victims = [_relative_antecedent(victim)] if victim is not None else []
            elif lemma in lx.ARRIVE and _to_hospital(tok) and _arrives_hurt(tok):
                # "a fourth victim showed up at the hospital", "a man walked into a hospital with a gunshot wound"
                kind = lx.INJURED
                subject = _shared_subject(tok, ("nsubj",))
                victims = [_relative_antecedent(subject)] if subject is not None else []
            elif lemma in lx.IN_HOSPITAL and (_in_condition(tok) or _in_hospital(tok)):
                kind = lx.INJURED
                subject = _shared_subject(tok, ("nsubj", "nsubjpass"))
                victims = [_relative_antecedent(subject)] if subject is not None else []
            elif lemma in ("pronounce", "declare", "find", "confirm", "leave", "report", "discover", "lie", "lay",
                           "be") and _dead_complement(tok):
                kind = lx.KILLED
                if _is_passive(tok) or lemma in ("be", "lie", "lay"):
                    subject = _shared_subject(tok, ("nsubjpass", "nsubj"))
                    victims = [_relative_antecedent(subject)] if subject is not None else []
                else:
                    obj = _children(tok, "dobj")
                    dead = _dead_complement(tok)
                    own = _children(dead, "nsubj")
                    victims = obj or own
            elif lemma == "leave" and _children(tok, "dobj"):
                # "left two dead", "leaves five teens injured", "left a man in critical condition"
                state = next((c for c in children(tok) if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "advcl", "amod")
                              and c.lower_ in lx.DEAD_WORDS | lx.INJURED_WORDS), None)
                if state is not None:
                    kind = lx.KILLED if state.lower_ in lx.DEAD_WORDS else lx.INJURED
                elif _in_condition(tok) or _in_hospital(tok, any_verb=True):
                    kind = lx.INJURED  # "left a man in critical condition", "left two women in the hospital"
                elif any(_in_condition(c) for c in _children(_children(tok, "dobj")[0], "acl", "amod")):
                    kind = lx.INJURED  # "left a girl abandoned in critical condition"
                if kind is not None:
                    victims = _children(tok, "dobj")[:1]
            elif lemma in ("undergo",) and any(c.lemma_ == "surgery" for c in children(tok)):
                kind = lx.INJURED
                subject = _shared_subject(tok, ("nsubj",))
                victims = [_relative_antecedent(subject)] if subject is not None else []
            if kind is None or not victims:
                continue
            if _irrealis(tok):
                continue
            out.append((tok, kind, victims, _negated(tok)))
        elif lower in lx.FATAL_ADVERBS and tok.head.like_num and tok.head.i != tok.i:
            # "three people were shot, one fatally": one of them was killed
            out.append((tok, lx.KILLED, [tok.head], False))
        elif lower in lx.DEAD_WORDS | lx.INJURED_WORDS and tok.pos_ in ("ADJ", "NOUN", "VERB"):
            # "2 dead, 1 hurt", "three people dead", "the man was found dead" (the verb reads it), "the injured man"
            kind = lx.KILLED if lower in lx.DEAD_WORDS else lx.INJURED
            if tok.dep_ in ("oprd", "acomp", "xcomp") and tok.head.pos_ in ("VERB", "AUX") or \
                    _lemma(tok.head) == "leave":
                continue  # the governing verb's branch reads it
            victims = _children(tok, "nsubj", "meta", "nsubjpass")
            if not victims and tok.i > sent.start and tok.doc[tok.i - 1].like_num:
                victims = [tok.doc[tok.i - 1]]  # "2 dead, 3 injured"
            if not victims and tok.dep_ in ("amod", "acl", "appos") and tok.head.pos_ in ("NOUN", "NUM") or \
                    not victims and tok.dep_ == "amod" and tok.head.pos_ == "PROPN" and tok.i < tok.head.i:
                victims = [tok.head]
            if victims:
                out.append((tok, kind, victims, _negated(tok)))
        elif tok.pos_ == "NOUN" and (lemma in ("toll", "number", "tally", "count") or
                                     lemma in lx.TOLL_PLURALS and tok.tag_ == "NNS") and _toll(tok) is not None:
            out.append((tok, *_toll(tok), False))
        elif tok.pos_ == "NOUN" and lemma in lx.DEATH_NOUNS:
            # "the death of John Doe", "Doe's killing", "the fatal shooting of a man"
            kind = lx.DEATH_NOUNS[lemma]
            if any(c.lower_ in ("attempted", "alleged", "possible", "attempt") for c in children(tok)):
                continue
            if kind == lx.HIT and any(c.lower_ in ("fatal", "deadly") for c in children(tok)):
                kind = lx.KILLED
            if lemma == "death" and any(c.lower_ == "shooting" for c in children(tok)):
                kind = lx.KILLED
            victims = [g for c in children(tok) if c.dep_ == "prep" and c.lower_ == "of" for g in children(c)
                       if g.dep_ == "pobj"]
            victims += [c for c in children(tok) if c.dep_ == "poss" and c.lower_ not in ("his", "her", "their", "its")]
            if victims:
                out.append((tok, kind, victims, False))
    return out


def _toll(tok):  # noqa: ANN001
    """(kind, [number]) of "the death toll rose to 17", "bringing the toll to 17", "a death toll of 17",
    "the number of injured stands at 20"; None when the noun counts nothing of the kind."""
    words = {t.lower_ for t in tok.subtree if t.i != tok.i}
    if tok.lemma_.lower() in lx.TOLL_PLURALS:
        kind = lx.TOLL_PLURALS[tok.lemma_.lower()]
    elif tok.lemma_.lower() == "toll":
        kind = lx.INJURED if words & {"injury", "injured", "wounded", "injuries"} else lx.KILLED
    elif words & {"dead", "killed", "deaths", "fatalities", "victims"}:
        kind = lx.KILLED
    elif words & {"injured", "wounded", "injuries"}:
        kind = lx.INJURED
    else:
        return None
    numbers = []
    verb = tok.head
    if tok.dep_ in ("nsubj", "dobj", "nsubjpass") and verb.pos_ in ("VERB", "AUX"):
        numbers = [g for c in children(verb) if c.dep_ == "prep" and c.lower_ in ("to", "at")
                   for g in children(c) if g.dep_ == "pobj" and g.like_num]
        numbers += [c for c in children(verb) if c.dep_ in ("attr", "dobj") and c.like_num]
    numbers += [g for c in children(tok) if c.dep_ == "prep" and c.lower_ in ("of", "at")
                for g in children(c) if g.dep_ == "pobj" and g.like_num]
    return (kind, numbers[:1]) if numbers else None


def _lemma(tok) -> str:  # noqa: ANN001
    """The lemma, with the small model's slips mended ("police say shot" lemmatised as "shot")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and tok.lower_ in ("shot", "shoots", "shooting") and lemma != "shoot":
        return "shoot"
    return lemma


def _to_hospital(verb) -> bool:  # noqa: ANN001
    lemma = verb.lemma_.lower()
    if lemma == "hospitalize":
        return True
    for child in children(verb):
        if child.dep_ == "prep" and child.lower_ in ("to", "at", "in", "for", "into"):
            for g in children(child):
                if g.lemma_.lower() in lx.HOSPITAL_WORDS and not any(c.lower_ in lx.NOT_HOSPITAL for c in g.lefts) or \
                        (lemma == "treat" and g.lemma_.lower() in lx.INJURY_NOUNS):
                    return True  # ("a juvenile detention center" is no hospital)
        if lemma == "treat" and child.dep_ == "conj" and child.lemma_ == "release":
            return True
    return False


def _in_hospital(verb, any_verb: bool = False) -> bool:  # noqa: ANN001
    return any(child.dep_ == "prep" and child.lower_ in ("in", "at") and
               any(g.lemma_.lower() in ("hospital",) for g in children(child)) for child in children(verb)) and \
        (any_verb or verb.lemma_.lower() in ("remain", "stay", "recover", "lie"))


def _arrives_hurt(verb) -> bool:  # noqa: ANN001
    """Who turns up at a hospital is hurt when they are a victim or come with a wound ("showed up at the
    hospital with a gunshot wound"), not the relatives who go there."""
    lemma = verb.lemma_.lower()
    if lemma in ("show", "turn") and not any(c.dep_ == "prt" and c.lower_ == "up" for c in children(verb)):
        return False
    subject = _shared_subject(verb, ("nsubj",))
    if subject is not None and subject.lemma_.lower() in ("victim", "patient"):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "with" and
               any(g.lemma_.lower() in lx.INJURY_NOUNS for g in c.subtree) for c in children(verb))


def _in_condition(verb) -> bool:  # noqa: ANN001
    for child in children(verb):
        if child.dep_ == "prep" and child.lower_ in ("in",):
            for g in children(child):
                if g.lemma_ == "condition" and any(a.lower_ in lx.CONDITIONS for a in children(g)):
                    return True
    return False


def _dead_complement(verb):  # noqa: ANN001
    for child in children(verb):
        if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advmod", "dobj", "attr") and child.lower_ in lx.DEAD_WORDS:
            return child
    return None


def person_class(tok) -> str:  # noqa: ANN001
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    modifiers = {c.lower_ for c in children(tok) if c.dep_ in ("compound", "amod", "nmod")}
    if modifiers & {"army", "military", "government", "regime", "marine", "navy", "air"} and \
            lemma in lx.PERSON_CLASSES["military"] | lx.PERSON_CLASSES["police"]:
        return "military"  # "Syrian army troopers", "military officers"
    for cls, words in lx.PERSON_CLASSES.items():
        if (lemma in words or lower in words) and not (cls == "military" and lemma in ("officer", "trooper")):
            return cls
    return "generic"


def gender(tok) -> str:  # noqa: ANN001
    words = {tok.lower_, tok.lemma_.lower()} | {c.lower_ for c in children(tok) if c.dep_ in ("compound", "amod")}
    if words & lx.MALE:
        return "m"
    if words & lx.FEMALE:
        return "f"
    return ""


def _quantity_of(v, qmap):  # noqa: ANN001
    """The quantity counting victim token ``v``: the number itself, a number attached to it, or the
    people of "a group of X"."""
    if v.i in qmap:
        return qmap[v.i]
    for child in children(v):
        if child.dep_ in ("nummod", "quantmod", "amod", "det", "compound", "advmod", "npadvmod", "nmod") and \
                child.i in qmap and child.i < v.i:
            return qmap[child.i]
    return None


def _determiner(v) -> str:  # noqa: ANN001
    for child in children(v):
        if child.dep_ in ("det", "predet") or (child.dep_ == "poss"):
            lower = child.lower_
            if lower in ("a", "an", "another", "one", "any", "some"):
                return "another" if lower == "another" else "a"
            if lower in ("no",):
                return "no"
            if lower in ("both",):
                return "both"
            return "the"  # the, these, those, all, his, her, their
    return ""


def _additive(v, pred, quantity) -> bool:  # noqa: ANN001
    words = {t.lower_ for t in v.subtree if t.i <= v.i}
    if words & lx.ADDITIVE or v.lower_ in ("others",):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in ("also", "too") for c in children(pred)):
        return True
    after = v.doc[v.i + 1] if v.i + 1 < len(v.doc) else None
    return after is not None and after.lower_ in ("more", "others", "else") and quantity is not None


def _phrase(v):  # noqa: ANN001
    """The words naming the victim: compounds and modifiers before the head, and the head."""
    left = v.i
    for child in v.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "nummod", "quantmod", "det", "poss", "npadvmod", "punct"):
            left = min(left, child.left_edge.i)
    return v.doc[left:v.i + 1]


def _group_text(v, quantity=None) -> str:  # noqa: ANN001
    """"Russian servicemen", "20-year-old man": the phrase without determiners and the count."""
    if quantity is not None and quantity.unit:
        return quantity.unit
    phrase = list(_phrase(v))
    skip = set(range(quantity.span.begin, quantity.span.end)) if quantity is not None else set()
    while phrase and (phrase[0].dep_ in ("predet", "punct", "poss") or phrase[0].idx in skip or
                      (phrase[0].dep_ == "det" and phrase[0].lower_ != "another") or
                      phrase[0].lower_ in ("both", "all", "'s")):
        phrase.pop(0)
    cut = max((i for i, t in enumerate(phrase) if t.is_punct and t.text not in ("-", "'", "’", ".")), default=-1)
    phrase = phrase[cut + 1:]  # "(CBS) -A man": the dateline is not the group
    while phrase and (phrase[0].is_punct or phrase[0].dep_ == "det" and phrase[0].lower_ != "another"):
        phrase.pop(0)
    if not phrase:
        return ""
    return text_of(v.doc)[phrase[0].idx:v.idx + len(v.text)]


def _is_person_name(v) -> bool:  # noqa: ANN001
    # the small model often tags surnames ORG or GPE ("Goldie Long", "shot Faust"): as the victim of a
    # harm verb a proper name is a person unless it is a date or an amount
    if v.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "LAW", "NORP"):
        return v.lower_ in lx.GENERIC or any(v.lower_ in w for w in lx.PERSON_CLASSES.values())
    return True


def read(sdoc, quantities, in_title: bool = False, budget=None,  # noqa: ANN001
         over: list[tuple[str, int]] | None = None) -> list[Mention]:
    """Casualty mentions of a parsed text, in order; ``quantities`` are its ``fieldreport.v1.Count``s.

    ``budget`` (a ``WorkBudget``) bounds the sentences read and the mentions kept; the names of the
    bounds reached (with how much was asked) are appended to ``over``."""
    qmap = {}
    for q in quantities:
        span = sdoc.char_span(q.span.begin, q.span.end, alignment_mode="expand")
        if span is not None:
            for t in span:
                qmap[t.i] = q
    out: list[Mention] = []
    seen: set[tuple[int, str]] = set()
    used: set[int] = set()  # victim tokens of the mentions so far
    sents = list(sdoc.sents)
    if budget is not None and len(sents) > budget.max_sentences:
        if over is not None:
            over.append(("max_sentences", len(sents)))
        sents = sents[:budget.max_sentences]
    for sent in sents:
        if budget is not None and len(out) >= budget.max_mentions:
            if over is not None:
                over.append(("max_mentions", len(out)))
            break
        found = predicates(sent)
        found += _elliptic_predicates(sent, found, in_title)
        for pred, kind, victims, negated in found:
            if _background(pred):
                continue
            for v in _expand(victims):
                mention = _mention(v, pred, kind, negated, qmap, in_title)
                if mention is None or (v.i, mention.kind) in seen:
                    continue
                seen.add((v.i, mention.kind))
                out.append(mention)
                used.add(mention.victim.i)
        bare = _bare_counts(sent, qmap, used, in_title)
        out.extend(bare)
        used.update(m.victim.i for m in bare)
    out.sort(key=lambda m: (m.position, m.predicate.i))
    # the same victim words under two predicates ("were shot and taken to a hospital") are the same people
    first: dict[int, int] = {}
    for index, m in enumerate(out):
        if m.victim.i in first:
            m.same_as = first[m.victim.i]
        else:
            first[m.victim.i] = index
    # "he" or "she" after the one person its sentence told of is that person ("John Doe was taken to a
    # hospital, where he died"); the mentions are grouped by sentence so that each looks only at its own
    sentence_start = [sentence_of(m.predicate).start for m in out]
    by_sentence: dict[int, list[int]] = {}
    for index, start in enumerate(sentence_start):
        by_sentence.setdefault(start, []).append(index)
    for index, m in enumerate(out):
        if m.reference != "pronoun" or m.same_as is not None or m.in_title:
            continue
        here = [j for j in by_sentence[sentence_start[index]] if j < index]
        # (a "he" already linked stands for its person: "he was taken to a hospital where he died")
        before = [j if o.same_as is None else o.same_as for j in here for o in [out[j]]
                  if o.n == 1
                  and (o.reference != "pronoun" or o.same_as is not None) and o.kind in lx.HARM and m.kind in lx.HARM
                  and (not o.gender or o.gender == m.gender) and o.victim.i < m.victim.i]
        before_victims = {out[j].victim.i for j in before}
        others = [o for j in here for o in [out[j]] if o.kind in lx.HARM
                  and o.victim.i not in before_victims and o.same_as not in before]
        if not before and not others and sentence_start[index] > 0:
            # "Police found a man shot in the head. He was taken to a hospital, where he died": the one
            # person of the sentence before
            previous = sentence_of(m.victim.doc[sentence_start[index] - 1]).start
            told = [j for j in by_sentence.get(previous, []) if j < index and out[j].kind in lx.HARM]
            before = [j for j in told if out[j].n == 1 and out[j].reference != "pronoun" and
                      (not out[j].gender or out[j].gender == m.gender)]
            if len({out[j].victim.i for j in told}) != 1:
                before = []
        people = {out[j].victim.i for j in before}
        if len(people) == 1 and not others and m.kind in lx.HARM:
            j = before[0]
            m.same_as = out[j].same_as if out[j].same_as is not None else j
    return out


def _background(pred) -> bool:  # noqa: ANN001
    """A harm told as history, not as the event: "Boko Haram, which has killed tens of thousands in a 15-year
    insurgency", "have killed more than 300 people since 2009", "killed 2,000 over the past decade". A
    relative clause in the perfect about a group is its record; so is any harm told over a span of time."""
    verb = pred if pred.pos_ in ("VERB", "AUX") else pred.head
    if verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children) \
            and verb.head.pos_ in ("PROPN", "NOUN") and any(c.dep_ == "nsubj" and c.lower_ in ("which", "that", "who")
                                                               for c in verb.children):
        return True
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ == "since" and any(o.like_num and len(o.text) == 4 or o.lemma_.lower() in lx.CONFLICT_SPANS
                                          for o in objects):
            return True  # "since 2009", "since the war" (not "two more died since the attack")
        for obj in objects:
            before = {t.lower_ for t in obj.subtree if t.i < obj.i} | {t.lower_.split("-")[-1] for t in obj.subtree
                                                                       if t.i < obj.i}
            if obj.lemma_.lower() in lx.CONFLICT_SPANS and before & lx.DURATION_WORDS:
                return True  # "in a 15-year insurgency", "during the decade-long war"
            if prep.lower_ in ("over", "in", "during", "for") and obj.lower_ in ("years", "decades", "months") \
                    and before & {"past", "last", "recent"}:
                return True  # "over the past two years"
    return False


def _expand(victims):  # noqa: ANN001
    """Victim heads over coordination and "alongside": "a man and a woman", "nine soldiers alongside
    26 troopers"."""
    out = []
    for v in victims:
        if v is None or v in out:
            continue
        out.append(v)
        # "Jarvis Porter, 34, Russell Brown, 32, and Quartermane Titus": the parse hangs names as appositions
        names = [c for c in children(v) if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
                 and v.ent_type_ == "PERSON"]
        for n in names:
            for c in [n, *conjuncts(n)]:
                if c not in out and c.i > v.i:
                    out.append(c)
        for c in conjuncts(v):
            if c.i > v.i and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and c not in out:
                out.append(c)
        # "three women, ages 20 and 31, and two men": the parse joins the men to the apposition
        for a in children(v):
            if a.dep_ == "appos" and a.pos_ == "NOUN" and a.lemma_.lower() in ("age", "aged"):
                out.extend(c for c in conjuncts(a) if c.i > a.i and c.pos_ == "NOUN" and c not in out)
        for prep in children(v):
            if prep.dep_ == "prep" and prep.lower_ in ("alongside", "with") and \
                    (prep.lower_ == "alongside" or any(t.lower_ in ("along", "together") for t in prep.lefts)):
                out.extend(g for g in children(prep) if g.dep_ == "pobj" and g not in out)
    return out


# "2 dead, 1 hurt", "three killed", "five more sustained injuries": a number right before a harm word,
# read from the surface when the parse does not link them (headlines, long sentences).
_BARE_SKIP = {"more", "others", "other", "people", "persons", "were", "was", "have", "had", "been", "are"}
_BARE_WORDS = {"dead": lx.KILLED, "killed": lx.KILLED, "died": lx.KILLED, "slain": lx.KILLED, "murdered": lx.KILLED,
               "wounded": lx.INJURED, "injured": lx.INJURED, "hurt": lx.INJURED, "hospitalized": lx.INJURED,
               "shot": lx.HIT, "missing": lx.MISSING, "arrested": lx.ARRESTED, "detained": lx.ARRESTED,
               "kidnapped": lx.CAPTURED, "abducted": lx.CAPTURED, "captured": lx.CAPTURED}


def _bare_counts(sent, qmap, used, in_title):  # noqa: ANN001
    out = []
    roots = {}
    for i in range(sent.start, sent.end):  # (the sentence's own tokens, not every number of the document)
        q = qmap.get(i)
        if q is not None:
            roots.setdefault(id(q), (i, q))
    for i, q in roots.values():
        span = sent.doc.char_span(q.span.begin, q.span.end, alignment_mode="expand")
        if span is None or any(t.i in used for t in span) or span.root.head.i in used:
            continue
        j = span.end
        while j < sent.end and sent.doc[j].lower_ in _BARE_SKIP:
            j += 1
        if j >= sent.end:
            continue
        word = sent.doc[j]
        kind = _BARE_WORDS.get(word.lower_)
        counted = span.root.head if span.root.dep_ == "nummod" else None
        if kind is None and counted is not None and counted.lemma_.lower() in lx.COUNTED_NOUNS and \
                counted.i >= span.end:  # "12 deaths", "three fatalities", "two bodies were found"
            kind, word = lx.COUNTED_NOUNS[counted.lemma_.lower()], counted
        if kind is None and word.lower_ in ("sustained", "suffered", "received") and \
                any(t.lemma_.lower() in lx.INJURY_NOUNS for t in sent.doc[j + 1:j + 4]):
            kind = lx.INJURED
        if kind is None or _negated(word):
            continue
        root = span.root
        m = _mention(root, word, kind, False, qmap, in_title)
        if m is not None:
            if any(t.lemma_.lower() in lx.INJURY_NOUNS | set(_BARE_WORDS) for t in sent.doc[span.end:j + 4]
                   if t.lower_ in m.group.lower().split()):
                m.group, m.cls = "", "generic"  # "five more sustained injuries": the injuries are not who
            out.append(m)
    return out


def _elliptic_predicates(sent, found, in_title: bool):  # noqa: ANN001
    """Headlines and reduced relatives drop "was"/"who were": "Man shot, killed on west side", "Four men
    shot Wednesday … are expected to recover", "Three people found dead … have been identified" parse
    the victims as the subject of an active verb. A harm verb with a subject and no object is read as
    told of its subject, unless the subject is one who shoots (a gunman, the police) or the verb aims
    ("shot at")."""
    out = []
    have = {p.i for p, *_ in found}
    for tok in sent:
        lemma = _lemma(tok)
        # "a man shot and killed his daughter": the object hangs on the coordinated verb, the man shot
        if tok.i in have or tok.tag_ not in ("VBD", "VBN") or _shared_object(tok) is not None:
            continue
        finding = lemma in ("find", "discover") and _dead_complement(tok) is not None
        if lemma not in lx.TRANSITIVE and not finding:
            continue
        if any(c.dep_ == "prep" and lemma == "shoot" and (c.lower_ in ("at", "into", "through", "toward", "towards") or
                                                          c.lower_ == "on" and _aimed_on(c))
               for c in children(tok)) and not in_title:
            continue  # "shot at the car", "shot on the crowd": aimed (but "shot on the west side": where)
        subject = _shared_subject(tok, ("nsubj",))
        if subject is None and in_title and tok.dep_ in ("advcl", "conj", "xcomp"):
            subject = _shared_subject(tok.head, ("nsubj", "nsubjpass"))
        if subject is None or subject.pos_ == "PRON" and not in_title:
            continue
        if not in_title and person_class(subject) in ("suspect", "police") or subject.lower_ in ("police", "who"):
            continue
        if finding:
            kind = lx.KILLED
        elif lemma in ("shoot", "stab", "graze", "gun"):
            kind = _fate_of_shot(tok) or lx.HIT
        else:
            kind = lx.TRANSITIVE[lemma]
        if not in_title and _irrealis(tok):
            continue
        out.append((tok, kind, [subject], _negated(tok)))
    return out


def _owner(v):  # noqa: ANN001
    """The person a body part belongs to ("the head of a deputy", "the man's leg", "his foot"), or None."""
    of = [g for c in children(v) if c.dep_ == "prep" and c.lower_ == "of" for g in children(c) if g.dep_ == "pobj"]
    poss = [c for c in children(v) if c.dep_ == "poss"]
    return (of or poss or [None])[0]


def _aimed_on(prep) -> bool:  # noqa: ANN001
    """"fired on the crowd", "shot on officers": the object of "on" is people, not a place or a day."""
    pobj = next((g for g in children(prep) if g.dep_ == "pobj"), None)
    return pobj is not None and (pobj.lemma_.lower() in lx.GENERIC or person_class(pobj) != "generic" or
                                 pobj.lower_ in ("crowd", "them", "him", "her", "us"))


def _mention(v, pred, kind, negated, qmap, in_title) -> Mention | None:  # noqa: ANN001
    v = _relative_antecedent(v)
    if v.lemma_.lower() in lx.BODY_PARTS and v.pos_ == "NOUN" and v.i not in qmap:
        v = _owner(v)
        if v is None:
            return None
    if v.lower_ in ("himself", "herself", "themselves"):
        v = _reflexive(v, pred)
    if (v.ent_type_ == "ORDINAL" or v.lower_ in ("first", "second", "third", "last", "latter", "former")) and \
            v.pos_ == "ADJ":  # "the second of two victims": the victims are counted
        pobj = [g for c in children(v) if c.dep_ == "prep" and c.lower_ == "of" for g in children(c) if g.dep_ == "pobj"]
        if not pobj:
            if v.lower_ in lx.ORDINALS and _determiner(v) == "a" and not negated:  # "a second was transported"
                m = Mention(kind=kind, n=1, reference="intro", victim=v, predicate=pred, in_title=in_title,
                            dying=pred.lemma_.lower() in lx.DYING, ordinal=lx.ORDINALS[v.lower_])
                m.begin, m.end = _phrase(v).start_char, _phrase(v).end_char
                return m
            return None
        v = pobj[0]
    quantity = _quantity_of(v, qmap)
    lemma = v.lemma_.lower()
    lower = v.lower_
    if quantity is None and lemma in lx.NOT_PEOPLE:
        return None
    m = Mention(kind=kind, n=None, reference="intro", victim=v, predicate=pred, in_title=in_title,
                dying=pred.lemma_.lower() in lx.DYING)
    phrase = _phrase(v)
    m.begin, m.end = phrase.start_char, phrase.end_char
    det = _determiner(v)
    if quantity is not None:
        m.quantity = quantity
        m.n = quantity.value if quantity.HasField("value") else (quantity.low if quantity.HasField("low") else None)
        if quantity.qualifier == quantity.UNKNOWN:
            m.n = None
        m.begin, m.end = min(m.begin, quantity.span.begin), max(m.end, quantity.span.end)
        counted = v
        of = next((c for c in children(v) if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in children(of) if g.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None and v.pos_ in ("NUM", "NOUN") and (
                _determiner(pobj) in ("the", "both") or pobj.lower_ in ("them", "those", "us", "these")):
            m.reference = "partitive"  # "one of the victims", "two of them"
            counted = pobj
            m.partitive_kind = {"injured": lx.INJURED, "wounded": lx.INJURED, "dead": lx.KILLED,
                                "hostages": lx.CAPTURED}.get(pobj.lower_, "")
        elif v.lemma_.lower() in ("group", "number", "band", "gang", "team", "squad", "crowd", "batch", "unit") \
                and pobj is not None:
            counted = pobj  # "a group of Russian contractors"
            m.end = max(m.end, pobj.idx + len(pobj.text))
        elif det in ("the", "both"):
            m.reference = "plural"  # "the two men"
        m.cls = person_class(counted) if counted.pos_ != "NUM" else "generic"
        m.gender = gender(counted)
        if counted.pos_ in ("NOUN", "PROPN") and counted.lemma_.lower() in lx.NOT_PEOPLE:
            return None
    elif lower in lx.NOBODY or det == "no" or (lower == "one" and det == "no"):
        if negated:
            return None
        m.n, m.reference = 0, "zero"
        if any(t.lower_ in ("else", "other", "further", "more") for t in v.subtree):
            return None  # "no one else was hurt": says nothing of the total
    elif v.pos_ == "PRON":
        if lower in ("he", "him", "himself", "she", "her", "herself", "his"):  # "his": the owner of "his foot"
            m.n, m.reference, m.gender = 1, "pronoun", gender(v)
        elif lower in ("they", "them", "themselves"):
            m.reference = "plural"
        elif lower == "another":  # "three were killed and another was injured"
            m.n, m.additive = 1, True
        else:
            return None
    elif v.pos_ == "PROPN" or v.ent_type_ == "PERSON":
        if not _is_person_name(v):
            return None
        if v.text.isupper() and len(v.text) > 2 or v.ent_type_ in ("GPE", "LOC", "FAC") and \
                v.dep_ not in ("dobj", "nsubjpass"):
            return None  # a dateline ("DAYTON, Ohio — Two people were killed"), a place
        cls = person_class(v)
        if lower in lx.GENERIC or cls != "generic":  # a capitalised common noun ("Man shot")
            m.n, m.reference, m.cls, m.gender = 1, ("intro" if det != "the" else "definite"), cls, gender(v)
        else:
            m.n, m.reference, m.name = 1, "name", lower
            if lower.strip(".") in ("jr", "sr", "ii", "iii", "iv"):  # "William Young Jr." is Young
                m.name = next((c.lower_ for c in reversed(list(v.lefts)) if c.dep_ in ("compound", "flat")), lower)
            m.cls = next((person_class(c) for c in children(v) if c.dep_ == "compound" and person_class(c) != "generic"),
                         "generic")
            m.gender = next((gender(c) for c in children(v) if gender(c)), "")
    elif v.pos_ in ("NOUN", "ADJ"):
        if v.pos_ == "ADJ" and not (lower == "old" or lemma in lx.GENERIC):
            return None
        m.cls, m.gender = person_class(v), gender(v)
        plural = v.tag_ in ("NNS", "NNPS") or lower in ("people", "men", "women", "children", "police", "troops")
        if plural:
            m.n = 2 if det == "both" else None
            m.reference = "plural" if det in ("the", "both") else "intro"
        else:
            m.n = 1
            m.reference = "definite" if det == "the" else "intro"
    else:
        return None
    if negated and m.reference != "zero":
        return None
    m.additive = _additive(v, pred, quantity) or det == "another"
    m.kin = v.pos_ == "NOUN" and any(c.dep_ == "poss" for c in children(v)) and lemma in lx.GENERIC
    m.ordinal = next((lx.ORDINALS[c.lower_] for c in children(v) if c.dep_ == "amod" and c.lower_ in lx.ORDINALS
                      and det in ("a", "the")), 0) if m.n == 1 else 0
    if m.ordinal:  # "a second victim also was taken to a hospital": "also" adds the predicate, not a person
        m.additive = bool({t.lower_ for t in v.subtree if t.i <= v.i} & lx.ADDITIVE)
    m.others = any(t.lower_ in ("other", "others") for t in v.subtree if t.i <= v.i)
    m.group = _group_text(v, quantity) if m.reference != "pronoun" else ""
    if m.reference == "name":
        m.group = " ".join(t.text for t in v.subtree if t.i <= v.i and t.dep_ in ("compound", "flat") or t == v)
    return m
