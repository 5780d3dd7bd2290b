from google.rpc import status_pb2 as _status_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EncodingType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENCODING_TYPE_UNSPECIFIED: _ClassVar[EncodingType]
    NONE: _ClassVar[EncodingType]
    UTF8: _ClassVar[EncodingType]
    UTF16: _ClassVar[EncodingType]
    UTF32: _ClassVar[EncodingType]

class Modality(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MODALITY_UNSPECIFIED: _ClassVar[Modality]
    ASSERTED: _ClassVar[Modality]
    CLAIMED: _ClassVar[Modality]
    DENIED: _ClassVar[Modality]
    HYPOTHETICAL: _ClassVar[Modality]
ENCODING_TYPE_UNSPECIFIED: EncodingType
NONE: EncodingType
UTF8: EncodingType
UTF16: EncodingType
UTF32: EncodingType
MODALITY_UNSPECIFIED: Modality
ASSERTED: Modality
CLAIMED: Modality
DENIED: Modality
HYPOTHETICAL: Modality

class Document(_message.Message):
    __slots__ = ("id", "text", "title", "source", "published", "language", "url")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    id: str
    text: str
    title: str
    source: str
    published: str
    language: str
    url: str
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ..., title: _Optional[str] = ..., source: _Optional[str] = ..., published: _Optional[str] = ..., language: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...

class Span(_message.Message):
    __slots__ = ("text", "begin", "end")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    BEGIN_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    text: str
    begin: int
    end: int
    def __init__(self, text: _Optional[str] = ..., begin: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class TimeValue(_message.Message):
    __slots__ = ("text", "value", "start", "end", "granularity", "anchor", "inferred", "span", "confidence", "type")
    class Granularity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        GRANULARITY_UNSPECIFIED: _ClassVar[TimeValue.Granularity]
        DAY: _ClassVar[TimeValue.Granularity]
        WEEK: _ClassVar[TimeValue.Granularity]
        MONTH: _ClassVar[TimeValue.Granularity]
        YEAR: _ClassVar[TimeValue.Granularity]
    GRANULARITY_UNSPECIFIED: TimeValue.Granularity
    DAY: TimeValue.Granularity
    WEEK: TimeValue.Granularity
    MONTH: TimeValue.Granularity
    YEAR: TimeValue.Granularity
    TEXT_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_FIELD_NUMBER: _ClassVar[int]
    INFERRED_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    text: str
    value: str
    start: str
    end: str
    granularity: TimeValue.Granularity
    anchor: str
    inferred: bool
    span: Span
    confidence: float
    type: str
    def __init__(self, text: _Optional[str] = ..., value: _Optional[str] = ..., start: _Optional[str] = ..., end: _Optional[str] = ..., granularity: _Optional[_Union[TimeValue.Granularity, str]] = ..., anchor: _Optional[str] = ..., inferred: _Optional[bool] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., confidence: _Optional[float] = ..., type: _Optional[str] = ...) -> None: ...

class Count(_message.Message):
    __slots__ = ("value", "low", "high", "qualifier", "text", "span", "unit")
    class Qualifier(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        QUALIFIER_UNSPECIFIED: _ClassVar[Count.Qualifier]
        EXACT: _ClassVar[Count.Qualifier]
        APPROXIMATE: _ClassVar[Count.Qualifier]
        AT_LEAST: _ClassVar[Count.Qualifier]
        AT_MOST: _ClassVar[Count.Qualifier]
        RANGE: _ClassVar[Count.Qualifier]
        VAGUE: _ClassVar[Count.Qualifier]
        UNKNOWN: _ClassVar[Count.Qualifier]
    QUALIFIER_UNSPECIFIED: Count.Qualifier
    EXACT: Count.Qualifier
    APPROXIMATE: Count.Qualifier
    AT_LEAST: Count.Qualifier
    AT_MOST: Count.Qualifier
    RANGE: Count.Qualifier
    VAGUE: Count.Qualifier
    UNKNOWN: Count.Qualifier
    VALUE_FIELD_NUMBER: _ClassVar[int]
    LOW_FIELD_NUMBER: _ClassVar[int]
    HIGH_FIELD_NUMBER: _ClassVar[int]
    QUALIFIER_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    value: int
    low: int
    high: int
    qualifier: Count.Qualifier
    text: str
    span: Span
    unit: str
    def __init__(self, value: _Optional[int] = ..., low: _Optional[int] = ..., high: _Optional[int] = ..., qualifier: _Optional[_Union[Count.Qualifier, str]] = ..., text: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., unit: _Optional[str] = ...) -> None: ...

class Place(_message.Message):
    __slots__ = ("text", "name", "geonames_id", "latitude", "longitude", "country_code", "admin1", "feature", "precision", "span", "confidence")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    GEONAMES_ID_FIELD_NUMBER: _ClassVar[int]
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_CODE_FIELD_NUMBER: _ClassVar[int]
    ADMIN1_FIELD_NUMBER: _ClassVar[int]
    FEATURE_FIELD_NUMBER: _ClassVar[int]
    PRECISION_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    text: str
    name: str
    geonames_id: int
    latitude: float
    longitude: float
    country_code: str
    admin1: str
    feature: str
    precision: str
    span: Span
    confidence: float
    def __init__(self, text: _Optional[str] = ..., name: _Optional[str] = ..., geonames_id: _Optional[int] = ..., latitude: _Optional[float] = ..., longitude: _Optional[float] = ..., country_code: _Optional[str] = ..., admin1: _Optional[str] = ..., feature: _Optional[str] = ..., precision: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., confidence: _Optional[float] = ...) -> None: ...

class Actor(_message.Message):
    __slots__ = ("text", "name", "role", "actor_type", "country", "span")
    class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        ROLE_UNSPECIFIED: _ClassVar[Actor.Role]
        PERPETRATOR: _ClassVar[Actor.Role]
        TARGET: _ClassVar[Actor.Role]
        VICTIM: _ClassVar[Actor.Role]
        OTHER: _ClassVar[Actor.Role]
    ROLE_UNSPECIFIED: Actor.Role
    PERPETRATOR: Actor.Role
    TARGET: Actor.Role
    VICTIM: Actor.Role
    OTHER: Actor.Role
    TEXT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_TYPE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    text: str
    name: str
    role: Actor.Role
    actor_type: str
    country: str
    span: Span
    def __init__(self, text: _Optional[str] = ..., name: _Optional[str] = ..., role: _Optional[_Union[Actor.Role, str]] = ..., actor_type: _Optional[str] = ..., country: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ...) -> None: ...

class Source(_message.Message):
    __slots__ = ("name", "text", "stance", "span")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    STANCE_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    name: str
    text: str
    stance: Modality
    span: Span
    def __init__(self, name: _Optional[str] = ..., text: _Optional[str] = ..., stance: _Optional[_Union[Modality, str]] = ..., span: _Optional[_Union[Span, _Mapping]] = ...) -> None: ...

class Casualty(_message.Message):
    __slots__ = ("kind", "count", "group", "affiliation", "source", "evidence")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[Casualty.Kind]
        KILLED: _ClassVar[Casualty.Kind]
        INJURED: _ClassVar[Casualty.Kind]
        CAPTURED: _ClassVar[Casualty.Kind]
        MISSING: _ClassVar[Casualty.Kind]
        ARRESTED: _ClassVar[Casualty.Kind]
    KIND_UNSPECIFIED: Casualty.Kind
    KILLED: Casualty.Kind
    INJURED: Casualty.Kind
    CAPTURED: Casualty.Kind
    MISSING: Casualty.Kind
    ARRESTED: Casualty.Kind
    KIND_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    AFFILIATION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    kind: Casualty.Kind
    count: Count
    group: str
    affiliation: str
    source: Source
    evidence: Span
    def __init__(self, kind: _Optional[_Union[Casualty.Kind, str]] = ..., count: _Optional[_Union[Count, _Mapping]] = ..., group: _Optional[str] = ..., affiliation: _Optional[str] = ..., source: _Optional[_Union[Source, _Mapping]] = ..., evidence: _Optional[_Union[Span, _Mapping]] = ...) -> None: ...

class Event(_message.Message):
    __slots__ = ("id", "event_type", "sub_event_type", "plover", "trigger", "evidence", "when", "where", "places", "actors", "casualties", "instruments", "modality", "source", "confidence")
    ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUB_EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    PLOVER_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    WHEN_FIELD_NUMBER: _ClassVar[int]
    WHERE_FIELD_NUMBER: _ClassVar[int]
    PLACES_FIELD_NUMBER: _ClassVar[int]
    ACTORS_FIELD_NUMBER: _ClassVar[int]
    CASUALTIES_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENTS_FIELD_NUMBER: _ClassVar[int]
    MODALITY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    event_type: str
    sub_event_type: str
    plover: str
    trigger: Span
    evidence: _containers.RepeatedCompositeFieldContainer[Span]
    when: TimeValue
    where: Place
    places: _containers.RepeatedCompositeFieldContainer[Place]
    actors: _containers.RepeatedCompositeFieldContainer[Actor]
    casualties: _containers.RepeatedCompositeFieldContainer[Casualty]
    instruments: _containers.RepeatedCompositeFieldContainer[Span]
    modality: Modality
    source: Source
    confidence: float
    def __init__(self, id: _Optional[str] = ..., event_type: _Optional[str] = ..., sub_event_type: _Optional[str] = ..., plover: _Optional[str] = ..., trigger: _Optional[_Union[Span, _Mapping]] = ..., evidence: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., when: _Optional[_Union[TimeValue, _Mapping]] = ..., where: _Optional[_Union[Place, _Mapping]] = ..., places: _Optional[_Iterable[_Union[Place, _Mapping]]] = ..., actors: _Optional[_Iterable[_Union[Actor, _Mapping]]] = ..., casualties: _Optional[_Iterable[_Union[Casualty, _Mapping]]] = ..., instruments: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., modality: _Optional[_Union[Modality, str]] = ..., source: _Optional[_Union[Source, _Mapping]] = ..., confidence: _Optional[float] = ...) -> None: ...

class Mentions(_message.Message):
    __slots__ = ("times", "places", "actors", "quantities", "sources")
    TIMES_FIELD_NUMBER: _ClassVar[int]
    PLACES_FIELD_NUMBER: _ClassVar[int]
    ACTORS_FIELD_NUMBER: _ClassVar[int]
    QUANTITIES_FIELD_NUMBER: _ClassVar[int]
    SOURCES_FIELD_NUMBER: _ClassVar[int]
    times: _containers.RepeatedCompositeFieldContainer[TimeValue]
    places: _containers.RepeatedCompositeFieldContainer[Place]
    actors: _containers.RepeatedCompositeFieldContainer[Actor]
    quantities: _containers.RepeatedCompositeFieldContainer[Count]
    sources: _containers.RepeatedCompositeFieldContainer[Source]
    def __init__(self, times: _Optional[_Iterable[_Union[TimeValue, _Mapping]]] = ..., places: _Optional[_Iterable[_Union[Place, _Mapping]]] = ..., actors: _Optional[_Iterable[_Union[Actor, _Mapping]]] = ..., quantities: _Optional[_Iterable[_Union[Count, _Mapping]]] = ..., sources: _Optional[_Iterable[_Union[Source, _Mapping]]] = ...) -> None: ...

class Warning(_message.Message):
    __slots__ = ("code", "message", "plugin")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    code: str
    message: str
    plugin: str
    def __init__(self, code: _Optional[str] = ..., message: _Optional[str] = ..., plugin: _Optional[str] = ...) -> None: ...

class ExtractOptions(_message.Message):
    __slots__ = ("plugins", "encoding_type")
    PLUGINS_FIELD_NUMBER: _ClassVar[int]
    ENCODING_TYPE_FIELD_NUMBER: _ClassVar[int]
    plugins: _containers.RepeatedScalarFieldContainer[str]
    encoding_type: EncodingType
    def __init__(self, plugins: _Optional[_Iterable[str]] = ..., encoding_type: _Optional[_Union[EncodingType, str]] = ...) -> None: ...

class ExtractRequest(_message.Message):
    __slots__ = ("document", "options")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    document: Document
    options: ExtractOptions
    def __init__(self, document: _Optional[_Union[Document, _Mapping]] = ..., options: _Optional[_Union[ExtractOptions, _Mapping]] = ...) -> None: ...

class ExtractResponse(_message.Message):
    __slots__ = ("document", "events", "mentions", "warnings")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    MENTIONS_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    document: Document
    events: _containers.RepeatedCompositeFieldContainer[Event]
    mentions: Mentions
    warnings: _containers.RepeatedCompositeFieldContainer[Warning]
    def __init__(self, document: _Optional[_Union[Document, _Mapping]] = ..., events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ..., mentions: _Optional[_Union[Mentions, _Mapping]] = ..., warnings: _Optional[_Iterable[_Union[Warning, _Mapping]]] = ...) -> None: ...

class BatchExtractRequest(_message.Message):
    __slots__ = ("documents", "options")
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[Document]
    options: ExtractOptions
    def __init__(self, documents: _Optional[_Iterable[_Union[Document, _Mapping]]] = ..., options: _Optional[_Union[ExtractOptions, _Mapping]] = ...) -> None: ...

class BatchExtractResult(_message.Message):
    __slots__ = ("index", "document_id", "response", "error")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    index: int
    document_id: str
    response: ExtractResponse
    error: _status_pb2.Status
    def __init__(self, index: _Optional[int] = ..., document_id: _Optional[str] = ..., response: _Optional[_Union[ExtractResponse, _Mapping]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class BatchExtractResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[BatchExtractResult]
    def __init__(self, results: _Optional[_Iterable[_Union[BatchExtractResult, _Mapping]]] = ...) -> None: ...

class StreamExtractRequest(_message.Message):
    __slots__ = ("documents", "options")
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[Document]
    options: ExtractOptions
    def __init__(self, documents: _Optional[_Iterable[_Union[Document, _Mapping]]] = ..., options: _Optional[_Union[ExtractOptions, _Mapping]] = ...) -> None: ...

class StreamExtractResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: BatchExtractResult
    def __init__(self, result: _Optional[_Union[BatchExtractResult, _Mapping]] = ...) -> None: ...

class NormalizeContext(_message.Message):
    __slots__ = ("reference_date", "country_hint", "sentence")
    REFERENCE_DATE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_HINT_FIELD_NUMBER: _ClassVar[int]
    SENTENCE_FIELD_NUMBER: _ClassVar[int]
    reference_date: str
    country_hint: str
    sentence: str
    def __init__(self, reference_date: _Optional[str] = ..., country_hint: _Optional[str] = ..., sentence: _Optional[str] = ...) -> None: ...

class NormalizeItem(_message.Message):
    __slots__ = ("kind", "text", "context")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[NormalizeItem.Kind]
        DATE: _ClassVar[NormalizeItem.Kind]
        QUANTITY: _ClassVar[NormalizeItem.Kind]
        LOCATION: _ClassVar[NormalizeItem.Kind]
        ACTOR: _ClassVar[NormalizeItem.Kind]
    KIND_UNSPECIFIED: NormalizeItem.Kind
    DATE: NormalizeItem.Kind
    QUANTITY: NormalizeItem.Kind
    LOCATION: NormalizeItem.Kind
    ACTOR: NormalizeItem.Kind
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    kind: NormalizeItem.Kind
    text: str
    context: NormalizeContext
    def __init__(self, kind: _Optional[_Union[NormalizeItem.Kind, str]] = ..., text: _Optional[str] = ..., context: _Optional[_Union[NormalizeContext, _Mapping]] = ...) -> None: ...

class NormalizedValue(_message.Message):
    __slots__ = ("time", "quantity", "place", "actor", "confidence")
    TIME_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    PLACE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    time: TimeValue
    quantity: Count
    place: Place
    actor: Actor
    confidence: float
    def __init__(self, time: _Optional[_Union[TimeValue, _Mapping]] = ..., quantity: _Optional[_Union[Count, _Mapping]] = ..., place: _Optional[_Union[Place, _Mapping]] = ..., actor: _Optional[_Union[Actor, _Mapping]] = ..., confidence: _Optional[float] = ...) -> None: ...

class NormalizeResult(_message.Message):
    __slots__ = ("best", "alternatives", "error")
    BEST_FIELD_NUMBER: _ClassVar[int]
    ALTERNATIVES_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    best: NormalizedValue
    alternatives: _containers.RepeatedCompositeFieldContainer[NormalizedValue]
    error: _status_pb2.Status
    def __init__(self, best: _Optional[_Union[NormalizedValue, _Mapping]] = ..., alternatives: _Optional[_Iterable[_Union[NormalizedValue, _Mapping]]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class NormalizeRequest(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[NormalizeItem]
    def __init__(self, items: _Optional[_Iterable[_Union[NormalizeItem, _Mapping]]] = ...) -> None: ...

class NormalizeResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[NormalizeResult]
    def __init__(self, results: _Optional[_Iterable[_Union[NormalizeResult, _Mapping]]] = ...) -> None: ...

class EventSet(_message.Message):
    __slots__ = ("document_id", "document", "events")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    document: Document
    events: _containers.RepeatedCompositeFieldContainer[Event]
    def __init__(self, document_id: _Optional[str] = ..., document: _Optional[_Union[Document, _Mapping]] = ..., events: _Optional[_Iterable[_Union[Event, _Mapping]]] = ...) -> None: ...

class CompareRequest(_message.Message):
    __slots__ = ("documents", "event_sets", "threshold")
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    EVENT_SETS_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[Document]
    event_sets: _containers.RepeatedCompositeFieldContainer[EventSet]
    threshold: float
    def __init__(self, documents: _Optional[_Iterable[_Union[Document, _Mapping]]] = ..., event_sets: _Optional[_Iterable[_Union[EventSet, _Mapping]]] = ..., threshold: _Optional[float] = ...) -> None: ...

class EventRef(_message.Message):
    __slots__ = ("document_id", "event_id")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    event_id: str
    def __init__(self, document_id: _Optional[str] = ..., event_id: _Optional[str] = ...) -> None: ...

class FigureReport(_message.Message):
    __slots__ = ("document_id", "source", "count", "published")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    source: Source
    count: Count
    published: str
    def __init__(self, document_id: _Optional[str] = ..., source: _Optional[_Union[Source, _Mapping]] = ..., count: _Optional[_Union[Count, _Mapping]] = ..., published: _Optional[str] = ...) -> None: ...

class Estimate(_message.Message):
    __slots__ = ("kind", "group", "best", "low", "high", "conservative", "reports")
    KIND_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    BEST_FIELD_NUMBER: _ClassVar[int]
    LOW_FIELD_NUMBER: _ClassVar[int]
    HIGH_FIELD_NUMBER: _ClassVar[int]
    CONSERVATIVE_FIELD_NUMBER: _ClassVar[int]
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    kind: Casualty.Kind
    group: str
    best: int
    low: int
    high: int
    conservative: int
    reports: _containers.RepeatedCompositeFieldContainer[FigureReport]
    def __init__(self, kind: _Optional[_Union[Casualty.Kind, str]] = ..., group: _Optional[str] = ..., best: _Optional[int] = ..., low: _Optional[int] = ..., high: _Optional[int] = ..., conservative: _Optional[int] = ..., reports: _Optional[_Iterable[_Union[FigureReport, _Mapping]]] = ...) -> None: ...

class Discrepancy(_message.Message):
    __slots__ = ("field", "values", "status", "note")
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATUS_UNSPECIFIED: _ClassVar[Discrepancy.Status]
        AGREE: _ClassVar[Discrepancy.Status]
        UPDATE: _ClassVar[Discrepancy.Status]
        CONFLICT: _ClassVar[Discrepancy.Status]
    STATUS_UNSPECIFIED: Discrepancy.Status
    AGREE: Discrepancy.Status
    UPDATE: Discrepancy.Status
    CONFLICT: Discrepancy.Status
    FIELD_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    field: str
    values: _containers.RepeatedCompositeFieldContainer[FigureReport]
    status: Discrepancy.Status
    note: str
    def __init__(self, field: _Optional[str] = ..., values: _Optional[_Iterable[_Union[FigureReport, _Mapping]]] = ..., status: _Optional[_Union[Discrepancy.Status, str]] = ..., note: _Optional[str] = ...) -> None: ...

class Incident(_message.Message):
    __slots__ = ("id", "members", "when", "where", "event_type", "sub_event_type", "estimates", "discrepancies")
    ID_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    WHEN_FIELD_NUMBER: _ClassVar[int]
    WHERE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUB_EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    ESTIMATES_FIELD_NUMBER: _ClassVar[int]
    DISCREPANCIES_FIELD_NUMBER: _ClassVar[int]
    id: str
    members: _containers.RepeatedCompositeFieldContainer[EventRef]
    when: TimeValue
    where: Place
    event_type: str
    sub_event_type: str
    estimates: _containers.RepeatedCompositeFieldContainer[Estimate]
    discrepancies: _containers.RepeatedCompositeFieldContainer[Discrepancy]
    def __init__(self, id: _Optional[str] = ..., members: _Optional[_Iterable[_Union[EventRef, _Mapping]]] = ..., when: _Optional[_Union[TimeValue, _Mapping]] = ..., where: _Optional[_Union[Place, _Mapping]] = ..., event_type: _Optional[str] = ..., sub_event_type: _Optional[str] = ..., estimates: _Optional[_Iterable[_Union[Estimate, _Mapping]]] = ..., discrepancies: _Optional[_Iterable[_Union[Discrepancy, _Mapping]]] = ...) -> None: ...

class PairScore(_message.Message):
    __slots__ = ("left", "right", "score", "same_incident", "features")
    class FeaturesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    LEFT_FIELD_NUMBER: _ClassVar[int]
    RIGHT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SAME_INCIDENT_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    left: EventRef
    right: EventRef
    score: float
    same_incident: bool
    features: _containers.ScalarMap[str, float]
    def __init__(self, left: _Optional[_Union[EventRef, _Mapping]] = ..., right: _Optional[_Union[EventRef, _Mapping]] = ..., score: _Optional[float] = ..., same_incident: _Optional[bool] = ..., features: _Optional[_Mapping[str, float]] = ...) -> None: ...

class CompareResponse(_message.Message):
    __slots__ = ("incidents", "pairs", "extractions", "warnings")
    INCIDENTS_FIELD_NUMBER: _ClassVar[int]
    PAIRS_FIELD_NUMBER: _ClassVar[int]
    EXTRACTIONS_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    incidents: _containers.RepeatedCompositeFieldContainer[Incident]
    pairs: _containers.RepeatedCompositeFieldContainer[PairScore]
    extractions: _containers.RepeatedCompositeFieldContainer[ExtractResponse]
    warnings: _containers.RepeatedCompositeFieldContainer[Warning]
    def __init__(self, incidents: _Optional[_Iterable[_Union[Incident, _Mapping]]] = ..., pairs: _Optional[_Iterable[_Union[PairScore, _Mapping]]] = ..., extractions: _Optional[_Iterable[_Union[ExtractResponse, _Mapping]]] = ..., warnings: _Optional[_Iterable[_Union[Warning, _Mapping]]] = ...) -> None: ...

class ListPluginsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class PluginInfo(_message.Message):
    __slots__ = ("name", "version", "provides", "requires", "description", "distribution")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PROVIDES_FIELD_NUMBER: _ClassVar[int]
    REQUIRES_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: str
    provides: _containers.RepeatedScalarFieldContainer[str]
    requires: _containers.RepeatedScalarFieldContainer[str]
    description: str
    distribution: str
    def __init__(self, name: _Optional[str] = ..., version: _Optional[str] = ..., provides: _Optional[_Iterable[str]] = ..., requires: _Optional[_Iterable[str]] = ..., description: _Optional[str] = ..., distribution: _Optional[str] = ...) -> None: ...

class ListPluginsResponse(_message.Message):
    __slots__ = ("plugins", "model")
    PLUGINS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    plugins: _containers.RepeatedCompositeFieldContainer[PluginInfo]
    model: str
    def __init__(self, plugins: _Optional[_Iterable[_Union[PluginInfo, _Mapping]]] = ..., model: _Optional[str] = ...) -> None: ...
