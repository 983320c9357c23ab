"""The data files a NER model needs besides the CRF, kept in the model's folder.

``ner_gazetteer.tsv`` (names for gazetteer features) and ``ner_clusters.tsv`` (word clusters)
must be the same at training and tagging time, so they travel with the model file: training
copies them next to the model it writes, and loading reads them from there. A missing file
means the model was trained without that feature family.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .gazetteer import Gazetteer

GAZETTEER_NAME = "ner_gazetteer.tsv"
CLUSTERS_NAME = "ner_clusters.tsv"
COMPANIONS = (GAZETTEER_NAME, CLUSTERS_NAME)


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
