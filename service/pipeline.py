"""The pipeline runner: normalize → one spaCy pass → plugins in dependency order → ExtractResponse.

One ``Pipeline`` per process: it loads the spaCy model and the plugins once (``Pipeline.create``)
and is then called per document. It never logs document text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Sequence

import structlog

from fieldreport.service import errors, nlp as nlp_loader, registry, textnorm
from fieldreport.service.document import SENTENCE_SPLIT, AnnotatedDocument, DeadlineExceeded, WorkBudget
from fieldreport.service.spans import OffsetConverter
from fieldreport.v1 import fieldreport_pb2 as pb

log = structlog.get_logger("fieldreport.pipeline")

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

    @classmethod
    def create(cls, config: PipelineConfig | None = None) -> Pipeline:
        config = config or PipelineConfig()
        nlp = nlp_loader.load(config.model)
        nlp_loader.cap_sentences(nlp, config.budget.max_sentence_tokens)
        nlp_loader.chunk_long_runs(nlp)
        plugins = registry.order(registry.discover(config.allow, config.deny))
        for lp in plugins:
            lp.plugin.setup(nlp)
        log.info("pipeline_ready", model=nlp_loader.describe(nlp), plugins=[lp.plugin.name for lp in plugins])
        return cls(config, nlp, plugins)

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
                 field: str = "document") -> AnnotatedDocument:
        """Validate, normalize, parse and run the plugins; return the annotated document."""
        published = errors.validate_document(document, field, self.config.max_text_chars)
        errors.validate_plugins(plugins, set(self.by_name))
        chosen = registry.closure(self.plugins, plugins) if plugins else self.plugins
        norm = textnorm.normalize(document.text, published, document.source)
        doc = AnnotatedDocument(
            text=norm.text, id=document.id, title=document.title, source=norm.source,
            published=norm.published, published_from=norm.published_from, dateline=norm.dateline_span,
            language=document.language or "en",
            url=document.url, offset_map=norm.offset_map, deadline=deadline, budget=self.config.budget,
        )
        if norm.year_assumed:
            doc.warn("PUBLISHED_YEAR_ASSUMED", f"the dateline gives no year: published taken as {norm.published} "
                     "(the latest such day up to today); send document.published to say otherwise", "")
        self._check_deadline(doc)
        doc.spacy = self.nlp(doc.text)
        if doc.spacy.user_data.get("sentence_splits"):
            doc.warn(SENTENCE_SPLIT, f"{doc.spacy.user_data['sentence_splits']} stretch(es) of more than "
                     f"{doc.budget.max_sentence_tokens} tokens with no sentence end were cut into sentences "
                     "(budget max_sentence_tokens)", "")
        for lp in chosen:
            self._check_deadline(doc)
            try:
                lp.plugin.run(doc)
            except DeadlineExceeded:
                raise
            except Exception as exc:  # one plugin failing must not sink the document: warn, go on
                log.warning("plugin_failed", plugin=lp.plugin.name, error=type(exc).__name__, document_id=doc.id)
                doc.warn("PLUGIN_FAILED", f"plugin {lp.plugin.name!r} failed: {type(exc).__name__}", lp.plugin.name)
        return doc

    def extract(self, document: pb.Document, options: pb.ExtractOptions | None = None,
                deadline: float | None = None, field: str = "document") -> pb.ExtractResponse:
        options = options or pb.ExtractOptions()
        doc = self.annotate(document, list(options.plugins), deadline, field)
        return self.response(doc, document.text, options.encoding_type)

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
    def _check_deadline(doc: AnnotatedDocument) -> None:
        if doc.deadline is not None and time.monotonic() > doc.deadline:
            raise DeadlineExceeded()

    # -- normalization ---------------------------------------------------------------------------

    def normalize_item(self, item: pb.NormalizeItem, field: str) -> pb.NormalizeResult:
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


def reference_date(value: str) -> dt.date | None:
    return errors.parse_date(value, "context.reference_date")
