"""The extraction pipeline: one spaCy `Language` built once per process, named stages over a Doc.

    analyze(text, published=..., source=...)   -> Analysis
    analyze_many(iterable of DocumentInput)    -> iterator of Analysis (streams in batches)

Stages talk through `doc._.wb`, a `DocState` that carries the document's metadata and each
stage's typed output (see `warbrief.stages.state`). Their order (see `warbrief.stages.registry`):

    tok2vec tagger        (en_core_web_sm)
    warbrief_segments     sentence starts of the genre (footnote markers, list items), before the parser
    parser attribute_ruler lemmatizer      (en_core_web_sm)
    warbrief_known        knowledge-base actors, before the statistical NER
    warbrief_gazetteer    gazetteer place names, before the statistical NER
    ner                   statistical NER respects the spans preset above
    warbrief_places       resolves every place mention to GeoNames, with reasons
    warbrief_entities     canonical entities, coreference within the document
    warbrief_times        time expressions normalised against `published`
    warbrief_furniture    page-furniture sentences (map notes, labels, newsletter lines)
    warbrief_claims       who said what, through whom, and when
    warbrief_events       PLOVER/ACLED events
"""

from __future__ import annotations

import functools
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from .analysis import MAX_CHARS, Analysis, AnalysisWarning, Document, DocumentInput, document_id
from .dates import parse_published
from .errors import InputError, Warnings, stage_failed
from .lang import detect, normalise_code
from .lang.profiles import EN_MODEL, build_base, profile_for
from .longtokens import guard
from .stages import STAGE_NAMES, registry
from .stages.state import DocState

log = logging.getLogger(__name__)

MODEL = EN_MODEL
# Documents per spaCy batch: news articles are long; 8 keeps peak memory near 0.5 GB at full speed.
BATCH_SIZE = 8
STAGES = STAGE_NAMES  # in pipeline order; the factories are in `warbrief.stages.registry()`

__all__ = ["MAX_CHARS", "STAGES", "DocumentInput", "Pipeline", "analyze", "analyze_many", "analyze_stream",
           "get_pipeline", "parse_published", "to_analysis"]


def _register_components() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("wb"):
        Doc.set_extension("wb", default=None)
    for stage in registry():
        if not Language.has_factory(stage.name):
            Language.factory(stage.name, func=_guarded_factory(stage.factory, stage.name))


def _guarded_factory(factory: Callable[..., Any], name: str) -> Callable[..., Any]:
    """Wrap a stage so that a bug in it costs that stage's output for one document, not the
    batch: the error is logged, kept in `doc._.wb.notes["stage_errors"]` and becomes a warning
    of the analysis (`warnings`, code A001), so the stored record says what is missing."""

    @functools.wraps(factory)
    def make(nlp: Any, name: str = name) -> Callable[[Any], Any]:
        component = factory(nlp, name)

        def run(doc: Any) -> Any:
            try:
                return component(doc)
            except Exception as exc:  # noqa: BLE001 - isolate one document's failure
                log.warning("stage %s failed on a document: %r", name, exc, exc_info=True)
                doc._.wb.notes.setdefault("stage_errors", []).append(f"{name}: {exc!r}")
                doc._.wb.warnings.append(AnalysisWarning("A001", name, stage_failed(name, exc)))
                return doc

        return run

    return make


def _placement(wanted: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """Where a stage goes in a profile's pipeline: before the component it names ("parser",
    "ner") when the profile has it; a profile without a parser splits sentences with its
    sentencizer, and a stage meant for before the parser follows that; otherwise last."""
    target = wanted.get("before")
    if target is None or target in names:
        return wanted
    if target == "parser" and "sentencizer" in names:
        return {"after": "sentencizer"}
    return {"last": True}


class Pipeline:
    """The spaCy pipeline with warbrief's stages, one per language profile (`warbrief.lang`),
    each built on first use and reused for every document of its language."""

    def __init__(self, stages: Iterable[str] | None = None) -> None:
        _register_components()
        self.wanted = set(STAGES if stages is None else stages)
        self._nlps: dict[str, Any] = {}
        self._build_lock = threading.Lock()

    @property
    def nlp(self) -> Any:
        """The English pipeline (the default profile)."""
        return self.for_language("en")

    def for_language(self, code: str) -> Any:
        """The pipeline that reads language `code` (English for languages without a profile)."""
        key = profile_for(code)
        with self._build_lock:
            if key not in self._nlps:
                self._nlps[key] = self._build(key)
            return self._nlps[key]

    def _build(self, key: str) -> Any:
        nlp = build_base(key)
        for stage in registry():
            if stage.name in self.wanted:
                nlp.add_pipe(stage.name, **_placement(stage.placement(), nlp.pipe_names))
        nlp.max_length = MAX_CHARS + 1
        guard(nlp)  # linear-time tokenizing of long runs without spaces
        return nlp

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
        language = normalise_code(item.language, item.where) or detect(item.text)
        doc = self.for_language(language).make_doc(item.text)
        doc._.wb = DocState(text=item.text, published=published, published_dt=published_dt,
                            source=item.source, title=item.title, url=item.url, language=language,
                            forwarded_from=item.forwarded_from)
        if item.date_note and published is None:
            doc._.wb.warnings.append(AnalysisWarning("A003", None, Warnings.A003.format(why=item.date_note)))
        return doc

    def analyze(self, item: DocumentInput) -> Analysis:
        doc = self.make_doc(item)
        return to_analysis(self.for_language(doc._.wb.language)(doc))

    def pipe(self, docs: Iterable[Any], batch_size: int = BATCH_SIZE) -> Iterator[Analysis]:
        """Analyse Docs prepared with `make_doc` (already validated), in order."""
        for doc in self.run(docs, batch_size):
            yield to_analysis(doc)

    def run(self, docs: Iterable[Any], batch_size: int = BATCH_SIZE) -> Iterator[Any]:
        """Docs through their language's pipeline, in order: each run of documents of one
        profile goes through it in batches."""
        run: list[Any] = []
        for doc in docs:
            if run and profile_for(run[0]._.wb.language) != profile_for(doc._.wb.language):
                yield from self._flush(run, batch_size)
                run = []
            run.append(doc)
            if len(run) >= batch_size:
                yield from self._flush(run, batch_size)
                run = []
        yield from self._flush(run, batch_size)

    def _flush(self, run: list[Any], batch_size: int) -> Iterator[Any]:
        if run:
            yield from self.for_language(run[0]._.wb.language).pipe(run, batch_size=batch_size)


def to_analysis(doc: Any) -> Analysis:
    st: DocState = doc._.wb
    document = Document(id=document_id(st.text), title=st.title, source=st.source, url=st.url,
                        published=st.published, language=st.language, text=st.text)
    return Analysis(document=document, entities=st.entities, times=st.times, claims=st.claims,
                    events=st.events, warnings=list(st.warnings))


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

    for doc in pipe.run(docs(), batch_size=batch_size):
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
