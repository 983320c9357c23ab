"""rasd's scorer gives the same figures as the reference scorer in shared/tools."""
import copy
import importlib.util
import json
import random
from pathlib import Path

import pytest

from rasd.evaluate.datasets import load_gold
from rasd.evaluate.scoring import PRF, score_articles, score_norm

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOLD = SHARED / "data" / "gold-dev"


def reference_scorer():
    spec = importlib.util.spec_from_file_location("score_events", SHARED / "tools" / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def perturbed_system(gold, seed):
    """A plausible imperfect system: drops, type swaps, wrong roles, moved places, other dates."""
    rng = random.Random(seed)
    system = {}
    for g in gold:
        events = []
        for ev in g.events:
            if rng.random() < 0.2:
                continue
            e = copy.deepcopy(ev)
            e["mentions"] = [{"text": e.pop("evidence") if rng.random() < 0.5 else e["trigger"]}]
            if rng.random() < 0.2:
                e["type"] = rng.choice(["ASSAULT", "ACCUSE", "CONSULT"])
            if rng.random() < 0.3 and e["actor"]:
                e["recipient"], e["actor"] = e["actor"], e["recipient"]
            if rng.random() < 0.2:
                e["actor"] = [{"text": "جهة ما", "name_en": "Someone"}]
            if e.get("location") and rng.random() < 0.3:
                e["location"] = dict(e["location"], lat=e["location"]["lat"] + 0.3, name_en="X", text="مكان")
            if e.get("date") and rng.random() < 0.3:
                e["date"] = {"value": "2000-01-01", "precision": "day"}
            if rng.random() < 0.1:
                e["status"] = "future"
            events.append(e)
        if rng.random() < 0.5:
            events.append({"type": "ASSAULT", "status": "asserted", "mentions": [{"text": g.raw.text[:80]}],
                           "actor": [], "recipient": []})
        if rng.random() > 0.05:
            system[g.id] = events
    return system


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_figures_as_reference_scorer(tmp_path, seed):
    gold = load_gold(GOLD)
    system = perturbed_system(gold, seed)
    path = tmp_path / "system.jsonl"
    path.write_text("\n".join(json.dumps({"id": k, "events": v}, ensure_ascii=False) for k, v in system.items()),
                    encoding="utf-8")
    ref = reference_scorer().score(GOLD, path)
    ours = score_articles({g.id: g.events for g in gold}, system)
    assert ours.missing_docs == ref["missing_docs"]
    for name in ("detect", "typed", "participants"):
        prf = getattr(ours, name)
        assert (prf.precision, prf.recall, prf.f1) == pytest.approx(ref[name]), name
    for name in ("roles", "location", "date", "status"):
        assert getattr(ours, name) == pytest.approx(ref[name]), name
    assert 0 < ours.typed.f1 < 1


def test_gold_scores_perfectly_against_itself():
    gold = load_gold(GOLD)
    system = {g.id: [dict(e, mentions=[{"text": e["evidence"]}]) for e in g.events] for g in gold}
    sc = score_articles({g.id: g.events for g in gold}, system)
    assert sc.typed.f1 == 1.0 and sc.participants.f1 == 1.0 and sc.location == 1.0 and sc.status == 1.0


def test_score_norm():
    assert score_norm("إنّ «القوات» الروسيّة، ٧٢ ساعة!") == "ان القوات الروسيه 72 ساعه"
    assert PRF(1, 2, 4).f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
