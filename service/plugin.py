"""The plugin interface: what a built-in or third-party extractor implements.

A plugin is a class registered under the entry-point group ``fieldreport.plugins``. It declares the
layers it ``requires`` and ``provides``; the registry orders plugins by those declarations. A plugin
reads the layers of the :class:`~fieldreport.service.document.AnnotatedDocument` it is given and adds
its own with ``doc.add(layer, items)``; it never imports another plugin's modules.

Layers of the built-in pipeline (all offsets are code points into ``doc.text``):

============  ================================================  =============
layer         items                                             provided by
============  ================================================  =============
``spacy``     ``doc.spacy``: one spaCy Doc (always present)     the pipeline
``times``     ``fieldreport.v1.TimeValue`` with ``span``        dates
``quantities`` ``fieldreport.v1.Count`` with ``span``, ``unit``  numbers
``title``     ``(spaCy Doc of the title, [Count])`` when a title numbers
              is given (offsets into the title)
``places``    ``fieldreport.v1.Place`` with ``span``            places
``actors``    ``fieldreport.v1.Actor`` with ``span`` (no role)  actors
``sources``   ``fieldreport.v1.Source`` with ``span``           attribution
``attribution`` :class:`~fieldreport.service.document.Attribution` attribution
``casualties`` ``fieldreport.v1.Casualty``                      casualties
``events``    ``fieldreport.v1.Event``                          events
============  ================================================  =============
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from fieldreport.service.document import AnnotatedDocument
    from fieldreport.v1 import fieldreport_pb2 as pb


class Plugin:
    """Base class of extractor plugins. Subclasses set the class attributes and implement ``run``."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "0.0.0"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""
    #: NormalizeItem kinds this plugin can normalize, e.g. ("DATE",).
    normalizes: ClassVar[tuple[str, ...]] = ()
    #: What the plugin reads of the spaCy Doc, from ``fieldreport.service.nlp.READS`` ("token.lemma",
    #: "token.pos", "token.tag", "token.morph", "token.dep", "doc.sents", "doc.ents"); the spaCy pass runs
    #: only the components that some running plugin reads. None (the default): all of them.
    reads: ClassVar[tuple[str, ...] | None] = None

    def setup(self, nlp) -> None:  # noqa: ANN001 - spaCy Language
        """Load resources once per process (models, gazetteers). Called before the first ``run``."""

    def run(self, doc: AnnotatedDocument) -> None:
        """Read layers from ``doc`` and add the layers this plugin provides."""
        raise NotImplementedError

    def normalize(self, item: pb.NormalizeItem) -> list[pb.NormalizedValue]:
        """Interpretations of one item, best first; empty when none fits."""
        raise NotImplementedError(f"plugin {self.name!r} normalizes nothing")
