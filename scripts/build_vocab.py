"""Build src/rasd/data/vocab.tsv: counts of normalized Arabic words, used by clitic analysis.

Only word counts leave the source corpora (the texts themselves are not shipped):
    python scripts/build_vocab.py ../shared/data
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from rasd.normalize import normalize  # noqa: E402

WORD = re.compile(r"[\u0621-\u064a]+")
MIN_COUNT = 2


def main(data: Path) -> None:
    counts: Counter[str] = Counter()
    for path in sorted((data / "corpus-dev").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            doc = json.loads(line)
            counts.update(WORD.findall(normalize((doc.get("title") or "") + " " + doc.get("text", ""))))
    for line in (data / "anercorp" / "train.txt").open(encoding="utf-8"):
        counts.update(WORD.findall(normalize(line.split(" ")[0])))
    out = Path(__file__).resolve().parents[1] / "src" / "rasd" / "data" / "vocab.tsv"
    with out.open("w", encoding="utf-8") as f:
        f.write("word\tcount\n")
        for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if n >= MIN_COUNT and len(word) >= 2:
                f.write(f"{word}\t{n}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
