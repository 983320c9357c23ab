"""rasd's own MinHash (rasd.dedupe.minhash) against datasketch's, which it replaces at run time:
the same signatures, the same stored bytes both ways, the same LSH band layout and the same
near-duplicate candidates. datasketch is a test dependency only."""
import json
from pathlib import Path

import pytest

datasketch = pytest.importorskip("datasketch")
from datasketch import LeanMinHash, MinHash, MinHashLSH  # noqa: E402
from datasketch.lsh import _optimal_param  # noqa: E402

from rasd.dedupe import NearDuplicateIndex  # noqa: E402
from rasd.dedupe.articles import BANDS, NUM_PERM, ROWS, SEED, SHINGLE, THRESHOLD, _WORD, fingerprint, from_bytes, to_bytes  # noqa: E402
from rasd.dedupe.minhash import Signature  # noqa: E402
from rasd.normalize import normalize  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "corpus-dev"


def articles(n_per_file):
    for path in sorted(CORPUS.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for _, line in zip(range(n_per_file), f):
                record = json.loads(line)
                yield f"{record.get('title') or ''}\n{record['text']}"


def reference(text):
    """datasketch's signature of a text, shingled as rasd.dedupe.articles.fingerprint shingles it."""
    words = _WORD.findall(normalize(text))
    shingles = [" ".join(words)] if len(words) < SHINGLE else \
        [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return LeanMinHash(m)


def test_band_layout_is_datasketchs():
    assert (BANDS, ROWS) == _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)


def test_signatures_and_bytes_equal_datasketchs_on_real_articles():
    texts = list(articles(40))
    assert len(texts) == 120
    for text in texts + ["", "كلمة", "نص قصير جدا"]:
        ours, theirs = fingerprint(text), reference(text)
        assert ours.hashvalues.tolist() == [int(v) for v in theirs.hashvalues]
        buf = bytearray(theirs.bytesize())
        theirs.serialize(buf)
        assert to_bytes(ours) == bytes(buf)  # what the store keeps
        back = LeanMinHash.deserialize(bytearray(to_bytes(ours)))
        assert back.jaccard(theirs) == 1.0
        assert from_bytes(bytes(buf)).hashvalues.tolist() == ours.hashvalues.tolist()


def test_jaccard_equals_datasketchs():
    texts = list(articles(6))
    ours = [fingerprint(t) for t in texts]
    theirs = [reference(t) for t in texts]
    copy = texts[3].replace("ا", "أ", 5) + "\nتابعونا على تلغرام"
    ours.append(fingerprint(copy))
    theirs.append(reference(copy))
    for i in range(len(ours)):
        for j in (3, len(ours) - 1):
            assert ours[i].jaccard(ours[j]) == theirs[i].jaccard(theirs[j])
    assert ours[3].jaccard(ours[-1]) >= THRESHOLD


def test_near_duplicate_candidates_equal_minhashlsh():
    texts = list(articles(40))
    texts += [t.replace("ا", "أ", 3) + "\nوكالات" for t in texts[::17]]  # copies to find
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    index = NearDuplicateIndex()
    for i, text in enumerate(texts):
        signature = reference(text)
        expected = sorted(lsh.query(signature))
        found = sorted({c for b in index_buckets(index, fingerprint(text)) for c in b})
        assert found == expected, i
        lsh.insert(f"a{i}", signature)
        index._insert(f"a{i}", fingerprint(text))


def index_buckets(index, signature: Signature):
    from rasd.dedupe.articles import lsh_buckets
    return [index._buckets.get(b, ()) for b in lsh_buckets(signature)]
