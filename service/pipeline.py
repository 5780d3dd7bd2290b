"""The pipeline runner: normalize → one spaCy pass → plugins in dependency order → ExtractResponse.

One ``Pipeline`` per process: it loads the spaCy model and the plugins once (``Pipeline.create``)
and is then called per document. It never logs document text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Sequence

import structlog

from fieldreport.service import errors, nlp as nlp_loader, registry, textnorm
from fieldreport.service.document import SENTENCE_SPLIT, AnnotatedDocument, DeadlineExceeded, WorkBudget
from fieldreport.service.spans import OffsetConverter
from fieldreport.v1 import fieldreport_pb2 as pb

log = structlog.get_logger("fieldreport.pipeline")

#: Documents per nlp.pipe call in annotate_many: batching makes the spaCy pass about 1.25x faster (most of
#: it by 8 documents), and a worker checks its deadline between batches.
BATCH_SIZE = 16

# Layers that become ExtractResponse.mentions, with the Mentions field they fill.
# Named people ("people") are actors too, kept in a layer of their own so that plugins reading "actors"
# (attribution, casualties) keep their groups.
MENTION_LAYERS = {"times": "times", "places": "places", "actors": "actors", "people": "actors",
                  "quantities": "quantities", "sources": "sources"}


@dataclasses.dataclass
class PipelineConfig:
    model: str = nlp_loader.DEFAULT_MODEL
    allow: Sequence[str] = ()
    deny: Sequence[str] = ()
    max_text_chars: int = errors.DEFAULT_MAX_TEXT_CHARS
    budget: WorkBudget = dataclasses.field(default_factory=WorkBudget.from_env)  # per-document work bounds


class Pipeline:
    def __init__(self, config: PipelineConfig, nlp, plugins: list[registry.LoadedPlugin]) -> None:  # noqa: ANN001
        self.config = config
        self.nlp = nlp
        self.plugins = plugins
        self.by_name = {lp.plugin.name: lp for lp in plugins}
        self._off: dict[tuple[str, ...], list[str]] = {}

    @classmethod
    def create(cls, config: PipelineConfig | None = None) -> Pipeline:
        """Load the plugins, then the model without the components none of them reads."""
        config = config or PipelineConfig()
        plugins = registry.order(registry.discover(config.allow, config.deny))
        nlp = nlp_loader.load(config.model, nlp_loader.unread_components(config.model, _reads(plugins)))
        # spaCy refuses texts over nlp.max_length (1,000,000) with a ValueError, which would be INTERNAL:
        # the service's own limit (--max-text-chars) is the one, and NFC may lengthen a text up to 3×.
        nlp.max_length = max(nlp.max_length, 3 * config.max_text_chars + 1)
        nlp_loader.cap_sentences(nlp, config.budget.max_sentence_tokens)
        nlp_loader.chunk_long_runs(nlp)
        for lp in plugins:
            lp.plugin.setup(nlp)
        log.info("pipeline_ready", model=nlp_loader.describe(nlp), plugins=[lp.plugin.name for lp in plugins])
        return cls(config, nlp, plugins)

    def chosen(self, plugins: Sequence[str]) -> list[registry.LoadedPlugin]:
        """The plugins a request runs: those it names and what they need, or all."""
        return registry.closure(self.plugins, plugins) if plugins else self.plugins

    def components_off(self, chosen: list[registry.LoadedPlugin]) -> list[str]:
        """The model's components that none of ``chosen`` reads: the spaCy pass skips them."""
        key = tuple(lp.plugin.name for lp in chosen)
        if key not in self._off:
            self._off[key] = nlp_loader.components_off(self.nlp, _reads(chosen))
        return self._off[key]

    # -- description -----------------------------------------------------------------------------

    def plugin_infos(self) -> pb.ListPluginsResponse:
        return pb.ListPluginsResponse(
            plugins=[
                pb.PluginInfo(name=p.name, version=p.version, provides=list(p.provides),
                              requires=list(p.requires), description=p.description, distribution=lp.distribution)
                for lp in self.plugins for p in [lp.plugin]
            ],
            model=nlp_loader.describe(self.nlp),
        )

    # -- extraction ------------------------------------------------------------------------------

    def annotate(self, document: pb.Document, plugins: Sequence[str] = (), deadline: float | None = None,
                 field: str = "document", stop: Callable[[], bool] | None = None) -> AnnotatedDocument:
        """Validate, normalize, parse and run the plugins; return the annotated document.

        ``deadline`` (time.monotonic()) and ``stop`` (true once the caller has gone) end the work early."""
        doc = self._prepare(document, deadline, field, stop)
        errors.validate_plugins(plugins, set(self.by_name))
        chosen = self.chosen(plugins)
        self._check_deadline(doc)
        doc.spacy = self.nlp(doc.text, disable=self.components_off(chosen))
        self._warn_splits(doc)
        self._run_plugins(doc, chosen)
        return doc

    def extract(self, document: pb.Document, options: pb.ExtractOptions | None = None,
                deadline: float | None = None, field: str = "document",
                stop: Callable[[], bool] | None = None) -> pb.ExtractResponse:
        options = options or pb.ExtractOptions()
        doc = self.annotate(document, list(options.plugins), deadline, field, stop)
        return self.response(doc, document.text, options.encoding_type)

    def annotate_many(self, documents: Iterable[pb.Document], plugins: Sequence[str] = (),
                      deadline: float | None = None, *, fields: Sequence[str] | None = None,
                      document_seconds: float | None = None,
                      batch_size: int = BATCH_SIZE) -> Iterator[AnnotatedDocument | Exception]:
        """``annotate`` over many documents, parsed ``batch_size`` at a time with ``nlp.pipe``: one
        AnnotatedDocument or the exception ``annotate`` would have raised per document, in order (one bad
        document does not sink the others). The plugins run per document as in ``annotate``.

        ``fields`` names each document in its validation errors (default ``documents[i]``). ``deadline``
        holds for the whole call; ``document_seconds`` gives each document its own budget from when its
        plugins start (its batch's parse is shared). An unknown plugin in ``plugins`` raises for the call.
        """
        errors.validate_plugins(plugins, set(self.by_name))
        chosen = self.chosen(plugins)
        off = self.components_off(chosen)
        chunk: list[AnnotatedDocument | Exception] = []
        for i, document in enumerate(documents):
            field = fields[i] if fields is not None else f"documents[{i}]"
            try:
                chunk.append(self._prepare(document, deadline, field))
            except Exception as exc:  # noqa: BLE001 - this document's own outcome
                chunk.append(exc)
            if len(chunk) == batch_size:
                yield from self._annotate_chunk(chunk, chosen, off, deadline, document_seconds)
                chunk = []
        if chunk:
            yield from self._annotate_chunk(chunk, chosen, off, deadline, document_seconds)

    def extract_many(self, documents: Iterable[pb.Document], options: pb.ExtractOptions | None = None,
                     deadline: float | None = None, *, fields: Sequence[str] | None = None,
                     document_seconds: float | None = None,
                     batch_size: int = BATCH_SIZE) -> list[pb.ExtractResponse | Exception]:
        """``extract`` over many documents (see ``annotate_many``): the same response per document as
        ``extract`` gives, or the exception it raises."""
        return list(self.iter_extract(documents, options, deadline, fields=fields,
                                      document_seconds=document_seconds, batch_size=batch_size))

    def iter_extract(self, documents: Iterable[pb.Document], options: pb.ExtractOptions | None = None,
                     deadline: float | None = None, *, fields: Sequence[str] | None = None,
                     document_seconds: float | None = None,
                     batch_size: int = BATCH_SIZE) -> Iterator[pb.ExtractResponse | Exception]:
        """``extract_many`` as a generator: outcomes come as their batch is done (for long inputs)."""
        options = options or pb.ExtractOptions()
        documents = list(documents) if not isinstance(documents, Sequence) else documents
        outcomes = self.annotate_many(documents, list(options.plugins), deadline, fields=fields,
                                      document_seconds=document_seconds, batch_size=batch_size)
        for document, outcome in zip(documents, outcomes):
            if isinstance(outcome, Exception):
                yield outcome
                continue
            try:
                yield self.response(outcome, document.text, options.encoding_type)
            except Exception as exc:  # noqa: BLE001 - this document's own outcome
                yield exc

    def _prepare(self, document: pb.Document, deadline: float | None, field: str,
                 stop: Callable[[], bool] | None = None) -> AnnotatedDocument:
        """Validate and normalize one document: everything before the spaCy pass."""
        published = errors.validate_document(document, field, self.config.max_text_chars)
        norm = textnorm.normalize(document.text, published, document.source)
        doc = AnnotatedDocument(
            text=norm.text, id=document.id, title=document.title, source=norm.source,
            published=norm.published, published_from=norm.published_from, dateline=norm.dateline_span,
            language=document.language or "en",
            url=document.url, offset_map=norm.offset_map, deadline=deadline, cancelled=stop,
            budget=self.config.budget,
        )
        if norm.year_assumed:
            doc.warn("PUBLISHED_YEAR_ASSUMED", f"the dateline gives no year: published taken as {norm.published} "
                     "(the latest such day up to today); send document.published to say otherwise", "")
        return doc

    def _annotate_chunk(self, chunk: list, chosen: list[registry.LoadedPlugin], off: list[str],
                        deadline: float | None, document_seconds: float | None) -> Iterator:
        ready = [d for d in chunk if isinstance(d, AnnotatedDocument)]
        if ready and deadline is not None and time.monotonic() > deadline:
            ready = []  # the call's time is up before this batch: each of its documents says so
        try:
            parsed = list(self.nlp.pipe([d.text for d in ready], batch_size=max(1, len(ready)), disable=off))
        except Exception:  # noqa: BLE001 - find the document that breaks the parse: the others go on
            parsed = []
            for d in ready:
                try:
                    parsed.append(self.nlp(d.text, disable=off))
                except Exception as exc:  # noqa: BLE001
                    parsed.append(exc)
        spacy_of = {id(d): p for d, p in zip(ready, parsed)}
        for item in chunk:
            if not isinstance(item, AnnotatedDocument):
                yield item
                continue
            if id(item) not in spacy_of:
                yield DeadlineExceeded()
                continue
            if isinstance(spacy_of[id(item)], Exception):
                yield spacy_of[id(item)]
                continue
            item.spacy = spacy_of[id(item)]
            self._warn_splits(item)
            if document_seconds is not None:
                own = time.monotonic() + document_seconds
                item.deadline = own if deadline is None else min(deadline, own)
            try:
                self._run_plugins(item, chosen)
            except Exception as exc:  # noqa: BLE001 - DeadlineExceeded: this document's own outcome
                yield exc
                continue
            yield item

    def _run_plugins(self, doc: AnnotatedDocument, chosen: list[registry.LoadedPlugin]) -> None:
        for lp in chosen:
            self._check_deadline(doc)
            try:
                lp.plugin.run(doc)
            except DeadlineExceeded:
                raise
            except Exception as exc:  # one plugin failing must not sink the document: warn, go on
                log.warning("plugin_failed", plugin=lp.plugin.name, error=type(exc).__name__, document_id=doc.id)
                doc.warn("PLUGIN_FAILED", f"plugin {lp.plugin.name!r} failed: {type(exc).__name__}", lp.plugin.name)

    @staticmethod
    def response(doc: AnnotatedDocument, original_text: str, encoding: int) -> pb.ExtractResponse:
        resp = pb.ExtractResponse(
            document=pb.Document(
                id=doc.id, title=doc.title, source=doc.source,
                published=doc.published.isoformat() if doc.published else "",
                language=doc.language, url=doc.url,
            )
        )
        for layer, field in MENTION_LAYERS.items():
            getattr(resp.mentions, field).extend(doc.get(layer))
        if doc.get("people"):  # groups and people in text order
            actors = sorted(resp.mentions.actors, key=lambda a: a.span.begin)
            del resp.mentions.actors[:]
            resp.mentions.actors.extend(actors)
        resp.events.extend(doc.get("events"))
        resp.warnings.extend(pb.Warning(code=w.code, message=w.message, plugin=w.plugin) for w in doc.warnings)
        OffsetConverter(original_text, doc.offset_map, encoding).apply(resp)
        return resp

    @staticmethod
    def _warn_splits(doc: AnnotatedDocument) -> None:
        if doc.spacy.user_data.get("sentence_splits"):
            doc.warn(SENTENCE_SPLIT, f"{doc.spacy.user_data['sentence_splits']} stretch(es) of more than "
                     f"{doc.budget.max_sentence_tokens} tokens with no sentence end were cut into sentences "
                     "(budget max_sentence_tokens)", "")

    @staticmethod
    def _check_deadline(doc: AnnotatedDocument) -> None:
        doc.check_deadline()

    # -- normalization ---------------------------------------------------------------------------

    def normalize_item(self, item: pb.NormalizeItem, field: str) -> pb.NormalizeResult:
        if item.kind not in pb.NormalizeItem.Kind.values():  # proto3 enums are open: a bare number arrives
            raise errors.invalid("UNKNOWN_KIND", f"{field}.kind: {item.kind} is not a kind",
                                 [(f"{field}.kind", f"{item.kind} is not one of DATE, QUANTITY, LOCATION, ACTOR")])
        kind = pb.NormalizeItem.Kind.Name(item.kind)
        if item.kind == pb.NormalizeItem.KIND_UNSPECIFIED:
            raise errors.invalid("MISSING_KIND", f"{field}.kind is not set",
                                 [(f"{field}.kind", "one of DATE, QUANTITY, LOCATION, ACTOR")])
        if not item.text.strip():
            raise errors.invalid("EMPTY_TEXT", f"{field}.text is empty", [(f"{field}.text", "must contain text")])
        errors.parse_date(item.context.reference_date, f"{field}.context.reference_date")
        owner = next((lp.plugin for lp in self.plugins if kind in lp.plugin.normalizes), None)
        if owner is None:
            raise errors.FieldReportError(
                errors.grpc.StatusCode.FAILED_PRECONDITION, "NO_NORMALIZER",
                f"no loaded plugin normalizes {kind}", [(f"{field}.kind", f"no plugin normalizes {kind}")])
        values = owner.normalize(item)
        result = pb.NormalizeResult()
        if values:
            result.best.CopyFrom(values[0])
            result.alternatives.extend(values[1:])
        return result


def _reads(plugins: Sequence[registry.LoadedPlugin]) -> set[str] | None:
    """The spaCy attributes ``plugins`` read together; None when one of them does not say (all of them)."""
    out: set[str] = set()
    for lp in plugins:
        if lp.plugin.reads is None:
            return None
        out |= set(lp.plugin.reads)
    return out


def reference_date(value: str) -> dt.date | None:
    return errors.parse_date(value, "context.reference_date")
