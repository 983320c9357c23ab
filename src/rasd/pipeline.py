"""The article pipeline: raw document -> clean Article -> sentences -> mentions -> events.

Each stage is a callable ``Article -> Article``; ``Pipeline.pipe`` is the batch path and turns a
failing document into a ``DocumentError`` instead of stopping the batch.
"""
from __future__ import annotations

import ctypes
import gc
import sys
from typing import Callable, Iterable, Iterator, Optional, Union

from .clean import clean_document
from .errors import DocumentRejected
from .events.coder import EventCoder
from .language import check_language
from .lexicon.matcher import Matcher, share_scan
from .model import Article, DocumentError, RawDocument
from .recognize.actors import ActorRecognizer
from .recognize.dates import DateRecognizer
from .recognize.ner import NerRecognizer
from .recognize.numbers import NumberRecognizer
from .recognize.persons import PersonRecognizer
from .recognize.places import PlaceRecognizer
from .segment import CliticAnalyzer, segment
from .settings import DEFAULT_SETTINGS, Settings

Stage = Callable[[Article], Article]


class Segmenter:
    """Stage: sentences and tokens with clitic analysis."""

    def __init__(self, settings: Settings):
        self.analyzer = CliticAnalyzer()

    def __call__(self, article: Article) -> Article:
        article.sentences = segment(article.text, self.analyzer)
        return article


def default_stages(settings: Settings) -> list[Stage]:
    """The stages after cleaning, in order. Each takes the settings and is built once."""
    stages = [
        Segmenter(settings),
        ActorRecognizer(settings),
        PersonRecognizer(settings),  # after actors: links a titled name to the actor its title names
        DateRecognizer(settings),
        NumberRecognizer(settings),  # after dates: numbers inside a date are not counted again
        PlaceRecognizer(settings),
        NerRecognizer(settings),  # after the lexicon recognizers: adds only names they did not cover
        EventCoder(settings),  # last: reads every mention the recognizers found
    ]
    share_scan(_lexicon_matchers(s for s in stages if isinstance(s, LEXICON_RECOGNIZERS)))
    freeze_loaded()
    return stages


_frozen = False
# The youngest generation is collected after this many new container objects (Python's default is
# 700). An article's pass makes tens of thousands, nearly all freed by reference counting; at 700
# the collector ran ~1,000 times per pass over corpus-dev (0.5-0.7 ms per article of collection
# CPU, gen0/1/2 together), at 10,000 some 25 times (0.15-0.23 ms).
GC_YOUNG_THRESHOLD = 10_000


def freeze_loaded() -> None:
    """Once per process, after the first stages are built: move every object then alive (the
    lexicons, automatons and models, some 760,000 objects) out of the garbage collector's sight
    (``gc.freeze``). They live as long as the process; a full collection no longer walks them all
    (two per pass over corpus-dev, each about 0.2 s: 0.55 ms per article), and a forked worker
    does not touch their pages. Objects that are garbage at that moment are collected first. The
    youngest generation's threshold is raised to GC_YOUNG_THRESHOLD (never lowered)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()
        young, middle, old = gc.get_threshold()
        if 0 < young < GC_YOUNG_THRESHOLD:  # 0: the collector is off; leave it so
            gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


def pipeline_loaded() -> bool:
    """Whether this process has built pipeline stages (and so holds lexicons and models)."""
    return _frozen


def release_loaded() -> None:
    """Give back every lexicon, automaton and model this process loaded: rasd's module-level
    caches are emptied, the collector sees the objects again and frees them, and the C heap is
    trimmed so the pages go back to the system. For the parent of forked workers, which built a
    pipeline only for them to inherit: without this it keeps a copy of every page the workers'
    own use has copied (rasd.store.parallel). The next pipeline built loads everything again."""
    global _frozen
    for name, module in list(sys.modules.items()):
        if name == "rasd" or name.startswith("rasd."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear) and hasattr(value, "cache_info"):
                    clear()
    _frozen = False
    gc.unfreeze()
    gc.collect()
    _trim_heap()


def _trim_heap() -> None:
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: freed memory goes back when the allocator decides
        pass


def refreeze_loaded() -> None:
    """After someone ran ``gc.unfreeze()`` (a worker pool closing: rasd.store.parallel), put the
    loaded objects back out of the collector's sight if freeze_loaded had done so; garbage made
    meanwhile is collected first."""
    if _frozen:
        gc.collect()
        gc.freeze()


# Recognizers whose lexicon matchers all read the article's whole normalized text: one automaton
# pass over it serves them all (rasd.lexicon.matcher.MatcherGroup).
LEXICON_RECOGNIZERS = (ActorRecognizer, PersonRecognizer, DateRecognizer, NumberRecognizer, PlaceRecognizer)


def _lexicon_matchers(stages: Iterable[Stage]) -> list[Matcher]:
    """The Matchers a stage holds, itself or in its lexicons (stage.lexicon.matcher)."""
    found = []
    for stage in stages:
        for value in vars(stage).values():
            if isinstance(value, Matcher):
                found.append(value)
            elif hasattr(value, "__dict__"):
                found.extend(v for v in vars(value).values() if isinstance(v, Matcher))
    return found


class Pipeline:
    def __init__(self, settings: Settings = DEFAULT_SETTINGS, stages: Optional[list[Stage]] = None):
        self.settings = settings
        self.stages: list[Stage] = default_stages(settings) if stages is None else stages

    def __call__(self, raw: RawDocument) -> Article:
        article = clean_document(raw, self.settings)
        if len(article.text) > self.settings.max_article_chars:
            raise DocumentRejected(raw.source, "too-long",
                                   f"{len(article.text):,} characters of clean text is over the limit of "
                                   f"{self.settings.max_article_chars:,} (Settings.max_article_chars); split it")
        check_language(article, self.settings)
        for stage in self.stages:
            article = stage(article)
        return article

    def pipe(self, docs: Iterable[Union[RawDocument, DocumentError]]) -> Iterator[Union[Article, DocumentError]]:
        for doc in docs:
            if isinstance(doc, DocumentError):
                yield doc
                continue
            try:
                yield self(doc)
            except DocumentRejected as e:
                yield DocumentError(doc.source, e.reason, e.detail)
