"""The seed article: every body event with its type, roles and attribution; nothing from the
related-topics or see-also lines (issue 4, "done when")."""
import pytest

from rasd.events.coder import EventCoder
from rasd.ingest import read_sources
from rasd.pipeline import Pipeline
from tests.events.conftest import REPO

SEED = REPO / "samples" / "000_975059ba0d7fe3b3.txt"


@pytest.fixture(scope="module")
def seed_events():
    pipeline = Pipeline()
    try:  # the actor recognizer is a separate stage; make sure it runs before the coder
        from rasd.recognize.actors import ActorRecognizer
    except ImportError:  # pragma: no cover - depends on the recognizer being installed
        pytest.skip("actor recognizer not available")
    if not any(isinstance(s, ActorRecognizer) for s in pipeline.stages):
        at = next(i for i, s in enumerate(pipeline.stages) if isinstance(s, EventCoder))
        pipeline.stages.insert(at, ActorRecognizer(pipeline.settings))
    (article,) = list(pipeline.pipe(read_sources([str(SEED)], pipeline.settings)))
    return article, article.events


def find(events, etype, trigger_word):
    hits = [e for e in events if e.type == etype and trigger_word in e.trigger.text]
    assert hits, f"no {etype} event with trigger {trigger_word}: {[(e.type, e.trigger.text) for e in events]}"
    return hits[0]


def names(parts):
    return {p.name_en for p in parts}


def test_exactly_the_body_events(seed_events):
    article, events = seed_events
    expected = [("CONSULT", "اجتماع"), ("REQUEST", "طالبت"), ("AGREE", "تعهدت"), ("REQUEST", "طالب"),
                ("AGREE", "وعود"), ("REQUEST", "أمهلوا"), ("CONSULT", "اجتمعوا"), ("AGREE", "عرضت"),
                ("REJECT", "بالرفض"), ("COERCE", "حصار"), ("MOBILIZE", "عززت")]
    for etype, word in expected:
        find(events, etype, word)
    assert len(events) == len(expected)
    for e in events:  # nothing from the related-topics / see-also lines
        assert "مواضيع" not in article.text[e.mentions[0].start - 30:e.mentions[0].start]
        assert "شبح" not in e.mentions[0].text


def test_roles(seed_events):
    _, events = seed_events
    assert len(find(events, "CONSULT", "اجتماع").actor) == 2
    req = find(events, "REQUEST", "طالبت")
    assert "Russia" in " ".join(names(req.actor)) or any("روس" in p.text for p in req.actor)
    deadline = find(events, "REQUEST", "أمهلوا")
    assert any("الروس" in p.text for p in deadline.actor) and any("قسد" in p.text for p in deadline.recipient)
    offer = find(events, "AGREE", "عرضت")
    assert any("الروسية" in p.text for p in offer.actor) and any("قسد" in p.text for p in offer.recipient)
    met = find(events, "CONSULT", "اجتمعوا")
    assert len(met.actor) == 2 and not met.recipient
    rejection = find(events, "REJECT", "بالرفض")
    assert any("قسد" in p.text for p in rejection.actor)
    siege = find(events, "COERCE", "حصار")
    assert any("قسد" in p.text for p in siege.actor) and any("النظام" in p.text for p in siege.recipient)
    assert any("النظام" in p.text for p in find(events, "MOBILIZE", "عززت").actor)


def test_attribution_and_places(seed_events):
    _, events = seed_events
    assert find(events, "REQUEST", "طالبت").attributed_to.startswith("مصدر")
    assert find(events, "REQUEST", "أمهلوا").attributed_to == "مراسلتنا"
    assert find(events, "CONSULT", "اجتمعوا").location.name_en in ("Ain Issa", "Ain Issa base")
    assert "Qamishli" in (find(events, "CONSULT", "اجتماع").location.name_en or "") or \
        "Quamishli" in (find(events, "CONSULT", "اجتماع").location.name_en or "")
    for e in events:
        assert e.note_en and e.quad_code in (1, 2, 3, 4) and e.provenance.lexicon_entries


def test_carried_recipients_and_reports(seed_events):
    """Wired in the coder: a demand or pledge with no recipient of its own takes the other party of
    the meeting told just before (the SDF), the rejection answers the Russian offer; every body event
    is reported by its sentence (reference null), none only named inside another statement."""
    _, events = seed_events
    assert any("قسد" in p.text or p.name_en == "Syrian Democratic Forces"
               for p in find(events, "REQUEST", "طالبت").recipient)
    assert any(p.name_en == "Russia" or "روس" in p.text for p in find(events, "REJECT", "بالرفض").recipient)
    assert all(e.reference is None for e in events)
