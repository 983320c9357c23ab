"""Building the stages freezes what they loaded out of the collector's sight, once per process."""
from __future__ import annotations

import gc

from rasd import pipeline
from rasd.settings import Settings


def test_stages_built_freeze_the_loaded_objects_and_raise_the_young_threshold(monkeypatch):
    pipeline.default_stages(Settings())
    assert pipeline._frozen
    assert gc.get_freeze_count() > 100_000  # the lexicons, automatons and models
    assert gc.get_threshold()[0] >= pipeline.GC_YOUNG_THRESHOLD
    calls = []
    monkeypatch.setattr(pipeline.gc, "freeze", lambda: calls.append(1))
    pipeline.default_stages(Settings())  # a second build freezes nothing more
    assert calls == []


def test_a_worker_pool_closing_leaves_the_loaded_objects_frozen():
    from rasd.store.parallel import Analyser

    pipeline.default_stages(Settings())
    analyser = Analyser(Settings(), workers=2)
    analyser.close()  # unfreezes what it froze for the fork, then freezes the loaded objects again
    assert gc.get_freeze_count() > 100_000
