"""The data files a NER model needs besides the CRF, kept in the model's folder.

``ner_gazetteer.tsv`` (names for gazetteer features) and ``ner_clusters.tsv`` (word clusters)
must be the same at training and tagging time, so they travel with the model file: training
copies them next to the model it writes, and loading reads them from there. A missing file
means the model was trained without that feature family.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .features import Featurizer, LetterTypes
from .gazetteer import Gazetteer

GAZETTEER_NAME = "ner_gazetteer.tsv"
CLUSTERS_NAME = "ner_clusters.tsv"
EMBEDDINGS_NAME = "ner_embeddings.tsv"  # word classes distilled from a pretrained encoder
LETTERS_NAME = "ner_embletters.tsv"  # their type columns guessed from letters, for unlisted words
COMPANIONS = (GAZETTEER_NAME, CLUSTERS_NAME, EMBEDDINGS_NAME, LETTERS_NAME)


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """word -> cluster ids (coarse to fine) from a TSV with header ``word<TAB>c..``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("word\t"):
        raise ValueError(f"{path}: a cluster file starts with the header 'word<TAB>c64<TAB>...'")
    clusters = {}
    for line in lines[1:]:
        word, *ids = line.split("\t")
        clusters[word] = tuple(ids)
    return clusters


def load_resources(model_dir: Path) -> tuple[Gazetteer, dict[str, tuple[str, ...]]]:
    gazetteer_path = Path(model_dir) / GAZETTEER_NAME
    clusters_path = Path(model_dir) / CLUSTERS_NAME
    gazetteer = Gazetteer.load(gazetteer_path) if gazetteer_path.is_file() else Gazetteer()
    clusters = load_clusters(clusters_path) if clusters_path.is_file() else {}
    return gazetteer, clusters


def load_embeddings(model_dir: Path) -> dict[str, tuple[str, ...]]:
    """word -> its features from ``ner_embeddings.tsv`` (``e64=17``, ``tPERS=2``: column=value; empty
    when the folder has none)."""
    path = Path(model_dir) / EMBEDDINGS_NAME
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("word\t"):
        raise ValueError(f"{path}: an embeddings file starts with the header 'word<TAB>e64<TAB>...'")
    columns = lines[0].split("\t")[1:]
    shared: dict[str, str] = {}  # one string object per distinct feature: ~90,000 words share a few thousand
    table = {}
    for line in lines[1:]:
        word, *values = line.split("\t")
        table[word] = tuple(shared.setdefault(f"{c}={v}", f"{c}={v}") for c, v in zip(columns, values))
    return table


def make_featurizer(model_dir: Path) -> Featurizer:
    """The Featurizer a model in (or trained from) ``model_dir`` uses, with all its data files."""
    letters = Path(model_dir) / LETTERS_NAME
    letter_types = LetterTypes(letters.read_text(encoding="utf-8")) if letters.is_file() else None
    return Featurizer(*load_resources(model_dir), embeddings=load_embeddings(model_dir), letter_types=letter_types)


def copy_resources(source_dir: Path, target_dir: Path) -> None:
    """Put the companion files of ``source_dir`` in ``target_dir`` (removing stale ones there)."""
    source_dir, target_dir = Path(source_dir), Path(target_dir)
    if source_dir.resolve() == target_dir.resolve():
        return
    for name in COMPANIONS:
        if (source_dir / name).is_file():
            shutil.copyfile(source_dir / name, target_dir / name)
        elif (target_dir / name).exists():
            (target_dir / name).unlink()
