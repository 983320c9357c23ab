"""``rasd ner``: train the statistical NER model, tag text with it, print its held-out score."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import RasdError

DEFAULT_DATA = "../shared/data/anercorp"


@click.group("ner")
def command() -> None:
    """Statistical named-entity recognition (PERS, LOC, ORG, MISC) trained on ANERcorp."""


@command.command("train")
@click.option("--data", "data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True,
              help="ANERcorp folder (with train.txt) or a 'token TAG' file.")
@click.option("--out", "out", type=click.Path(path_type=Path), required=True,
              help="Where to write the model (e.g. src/rasd/data/models/ner.crfsuite).")
@click.option("--all-data/--heldout-split", "all_data", default=False, show_default=True,
              help="Train on the whole file, or (default) on all but the held-out last tenth.")
@click.option("--resources", "resources_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder with ner_gazetteer.tsv and ner_clusters.tsv; default: the shipped models folder.")
@click.option("--c1", type=float, default=None, help="L1 penalty (default from TrainingParams).")
@click.option("--c2", type=float, default=None, help="L2 penalty (default from TrainingParams).")
@click.option("--max-iterations", type=int, default=None, help="L-BFGS iterations (default from TrainingParams).")
@click.option("--folds", type=int, default=None,
              help="Parts tagged by a first pass fitted on the others, to train the document pass (0: one pass only).")
def train_command(data: Path, out: Path, all_data: bool, resources_dir: Path | None,
                  c1: float | None, c2: float | None, max_iterations: int | None, folds: int | None) -> None:
    """Train the CRF and, unless --all-data, print its held-out scores."""
    from ..ner.corpus import corpus_file, heldout_split, read_corpus
    from ..ner.model import NerModel
    from ..ner.train import TrainingParams, train_model
    from ..evaluate.ner import score_sentences

    params = TrainingParams()
    for name, value in (("c1", c1), ("c2", c2), ("max_iterations", max_iterations), ("folds", folds)):
        if value is not None:
            setattr(params, name, value)
    try:
        sentences = read_corpus(corpus_file(data))
        train, heldout = (sentences, []) if all_data else heldout_split(sentences)
        click.echo(f"training on {len(train)} sentences ({sum(len(s.tokens) for s in train)} tokens) ...", err=True)
        report = train_model(train, out, resources_dir, params)
        click.echo(f"wrote {report.model_path} ({report.model_bytes / 1e6:.1f} MB) in {report.seconds:.0f} s", err=True)
        if heldout:
            scores = score_sentences(heldout, NerModel(out))
            click.echo(f"held-out last tenth ({scores.tokens} tokens):")
            click.echo(scores.report())
    except RasdError as e:
        raise click.ClickException(str(e)) from e


@command.command("heldout")
@click.option("--data", "data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True,
              help="ANERcorp folder (with train.txt) or a 'token TAG' file.")
@click.option("--model", "model_path", type=click.Path(path_type=Path), default=None,
              help="Model to score; default: the shipped one.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def heldout_command(data: Path, model_path: Path | None, as_json: bool) -> None:
    """Score a model on the held-out last tenth of the training file (exact-span micro F1)."""
    from ..evaluate.ner import score_sentences
    from ..ner.corpus import corpus_file, heldout_split, read_corpus
    from ..ner.model import NerModel, default_model

    try:
        model = NerModel(model_path) if model_path else default_model()
        _, heldout = heldout_split(read_corpus(corpus_file(data)))
        scores = score_sentences(heldout, model)
    except RasdError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps(scores.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(f"held-out last tenth of {corpus_file(data)} ({scores.tokens} tokens):")
        click.echo(scores.report())


@command.command("tag")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--model", "model_path", type=click.Path(path_type=Path), default=None,
              help="Model to use; default: the shipped one.")
@click.option("--format", "fmt", type=click.Choice(["spans", "conll"]), default="spans", show_default=True,
              help="spans: one entity per line (start, end, type, text); conll: one 'token TAG' per line.")
def tag_command(files: tuple[Path, ...], model_path: Path | None, fmt: str) -> None:
    """Tag plain Arabic text in FILES (or standard input) with the NER model."""
    from ..ner.bio import chunks
    from ..ner.model import NerModel, default_model
    from ..segment import segment

    try:
        model = NerModel(model_path) if model_path else default_model()
    except RasdError as e:
        raise click.ClickException(str(e)) from e
    sources = [(str(f), f.read_text(encoding="utf-8")) for f in files] or [("<stdin>", sys.stdin.read())]
    for name, text in sources:
        if len(sources) > 1:
            click.echo(f"# {name}")
        sentences = segment(text)
        # The whole text is one document: the second pass reads every sentence's first-pass labels.
        for sentence, tags in zip(sentences, model.tag_sentences([s.tokens for s in sentences])):
            if fmt == "conll":
                for token, tag in zip(sentence.tokens, tags):
                    click.echo(f"{token.text} {tag}")
                click.echo("")
                continue
            for chunk in chunks(tags):
                start, end = sentence.tokens[chunk.start].start, sentence.tokens[chunk.end - 1].end
                click.echo(f"{start}\t{end}\t{chunk.type}\t{text[start:end]}")
