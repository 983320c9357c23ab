"""``rasd eval``: score rasd on the shared gold data, as ANNOTATION.md section 3 defines."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click

from ..evaluate.datasets import shared_data_dir
from ..evaluate.runner import Report, compare_with_baseline, events_report, gsr_report, run_gold, run_gsr
from ..pipeline import Pipeline

DEFAULT_BASELINE = Path("eval/baseline.json")

_data = click.option("--data", "data", default=None,
                     help="The shared data folder (default: $RASD_SHARED_DATA or ../shared/data).")


def _print(report: Report) -> None:
    for line in report.details:
        click.echo(line)


def _finish(figures: dict[str, float], baseline: Path, check: bool, update: bool, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(figures, sort_keys=True))
    if update:
        pinned = json.loads(baseline.read_text(encoding="utf-8")) if baseline.exists() else {"figures": {}}
        for name, value in figures.items():  # only ever upward: a drop is fixed, not re-pinned
            pinned["figures"][name] = max(value, pinned["figures"].get(name, 0.0))
        baseline.parent.mkdir(parents=True, exist_ok=True)
        baseline.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        click.echo(f"baseline updated: {baseline}")
    if check:
        drops = compare_with_baseline(figures, baseline)
        for d in drops:
            click.echo(f"DROP {d}", err=True)
        if drops:
            sys.exit(1)
        click.echo(f"no figure below the baseline {baseline}")


_gate = [
    click.option("--baseline", type=click.Path(path_type=Path), default=DEFAULT_BASELINE, show_default=True,
                 help="The pinned baseline file."),
    click.option("--check", is_flag=True, help="Exit 1 when a figure drops below the baseline."),
    click.option("--update-baseline", "update", is_flag=True, help="Raise pinned figures to the new ones (never lowers)."),
    click.option("--json", "as_json", is_flag=True, help="Also print the figures as one JSON object."),
]


def gate(f):
    for option in reversed(_gate):
        f = option(f)
    return f


@click.group("eval", invoke_without_command=True)
@_data
@gate
@click.pass_context
def command(ctx: click.Context, data: Optional[str], baseline: Path, check: bool, update: bool, as_json: bool) -> None:
    """Evaluate: events on gold-dev, sentence detection on gsr-dev, NER held-out (all, when no subcommand)."""
    if ctx.invoked_subcommand is not None:
        return
    root = shared_data_dir(data)
    pipeline = Pipeline()
    report = events_report(run_gold(pipeline, root / "gold-dev"))
    gsr = gsr_report(run_gsr(pipeline, root / "gsr-dev"))
    report.figures.update(gsr.figures)
    report.details.extend(gsr.details)
    ner = _ner_heldout_report(root)
    if ner:
        report.figures.update(ner.figures)
        report.details.extend(ner.details)
    _print(report)
    _finish(report.figures, baseline, check, update, as_json)


@command.command("events")
@_data
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="A folder of gold JSON files (default: DATA/gold-dev).")
@click.option("--system-out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write rasd's events as JSONL (for shared/tools/score_events.py).")
@gate
def events_command(data, gold_dir, system_out, baseline, check, update, as_json) -> None:
    """Event scores (detect, typed, participants, roles, location, date, status) on gold files."""
    gold_dir = gold_dir or shared_data_dir(data) / "gold-dev"
    report = events_report(run_gold(Pipeline(), gold_dir, system_out))
    _print(report)
    _finish(report.figures, baseline, check, update, as_json)


@command.command("gsr")
@_data
@click.option("--limit", type=int, default=None, help="Only the first N sentences of each type (quick look).")
@gate
def gsr_command(data, limit, baseline, check, update, as_json) -> None:
    """Sentence detection P/R/F1 for ASSAULT and PROTEST on the public PLOVER Arabic set."""
    report = gsr_report(run_gsr(Pipeline(), shared_data_dir(data) / "gsr-dev", limit))
    _print(report)
    _finish(report.figures, baseline, check and limit is None, update and limit is None, as_json)


@command.command("ner")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_data
@gate
def ner_command(file, data, baseline, check, update, as_json) -> None:
    """NER exact-span micro F1 on FILE (`token TAG` lines), or on the ANERcorp held-out tenth."""
    if file is None:
        report = _ner_heldout_report(shared_data_dir(data))
        if report is None:
            raise click.ClickException("the NER model is not available")
    else:
        from ..evaluate.ner import evaluate_ner_file
        report = Report()
        scores = evaluate_ner_file(file)
        report.add_share("ner.f1", scores.f1)
        report.details.append(f"precision={scores.precision:.3f} recall={scores.recall:.3f}")
    _print(report)
    _finish(report.figures, baseline, check and file is None, update and file is None, as_json)


def _ner_heldout_report(root: Path) -> Optional[Report]:
    """Micro F1 of the shipped NER model on the held-out last tenth of ANERcorp."""
    from ..evaluate.ner import score_sentences
    from ..ner.corpus import corpus_file, heldout_split, read_corpus
    try:
        _, heldout = heldout_split(read_corpus(corpus_file(root / "anercorp")))
    except FileNotFoundError:
        return None
    scores = score_sentences(heldout)
    report = Report()
    report.add_share("anercorp_heldout.ner_f1", scores.f1)
    report.details.append(f"{'':24} precision={scores.precision:.3f} recall={scores.recall:.3f}")
    return report
