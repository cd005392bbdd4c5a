"""``claimlink eval ...``: scores of the library against gold data kept outside the repository."""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timezone

import click
from rich.console import Console

from claimlink.evaluation import flags as fl
from claimlink.evaluation import gate
from claimlink.evaluation.attribution import evaluate as evaluate_attribution
from claimlink.evaluation.attribution import load_polnear, predictor
from claimlink.evaluation.realnews import load_corpus
from claimlink.models import check_store, make_engine

from ..gate import collect
from ..progress import LineProgress, StageProgress
from ..realnews import run as run_realnews
from .app import CliError, CliState, cli, json_option, model_option, print_scores
from .db import redact


@cli.group("eval")
def eval_() -> None:
    """Score the library against gold data (kept outside the repository)."""


@eval_.command("attribution")
@click.option("--polnear", required=True, type=click.Path(exists=True, dir_okay=False),
              help="PolNeAR jsonl, e.g. ../shared/data/polnear/dev.jsonl.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N articles.")
@json_option()
@model_option
@click.pass_obj
def eval_attribution(state: CliState, polnear, limit, as_json, model) -> None:
    """Content, speaker, cue and triple scores of claim extraction on PolNeAR."""
    # Lazy: claimlink.extractors loads spaCy when imported.
    from claimlink.extractors import load_pipeline

    docs = load_polnear(polnear, limit)
    scores, _ = evaluate_attribution(docs, predictor(load_pipeline(model or state.settings.spacy_model or None)))
    print_scores(scores.as_dict(), as_json, f"PolNeAR attribution ({polnear})")


@eval_.command("stance")
@click.option("--emergent", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Emergent pairs CSV (claim,article_headline,stance), e.g. ../shared/data/emergent/dev_pairs.csv.")
@json_option()
@click.option("--errors", "show_errors", type=click.IntRange(0), default=0, help="Also list N wrong pairs.")
@click.option("--folds", type=click.IntRange(2), default=None,
              help="Choose weights and threshold on the other folds (grouped by claim) and print the mean "
                   "out-of-fold scores, with the dev-fit ones beside them.")
@model_option
@click.pass_obj
def eval_stance(state: CliState, emergent, as_json, show_errors, folds, model) -> None:
    """Precision and recall of `compare` on Emergent `against` pairs; false flags on `for`."""
    # Lazy: the linker and claimlink.extractors load spaCy when imported.
    from claimlink.evaluation.stance import evaluate, load_emergent
    from claimlink.extractors import load_pipeline

    pairs = load_emergent(emergent)
    nlp = load_pipeline(model or state.settings.spacy_model or None)
    if folds:
        from claimlink.evaluation.calibrate import cross_validate, fired

        print_scores(cross_validate(pairs, fired(nlp, pairs), folds), as_json,
                     f"Emergent stance, {folds} folds by claim ({emergent})")
        return
    scores, wrong = evaluate(nlp, pairs)
    print_scores(scores, as_json, f"Emergent stance ({emergent})")
    for p, verdict in wrong[:show_errors]:
        click.echo(f"[{p['stance']} -> {verdict.relation} {verdict.score:.2f}] {p['claim']} || {p['headline']}")


@eval_.command("extraction")
@click.option("--aeb", required=True, type=click.Path(exists=True, file_okay=False),
              help="Article-extraction-benchmark folder with html/ and ground-truth.json.")
@json_option()
def eval_extraction(aeb, as_json) -> None:
    """Main-text extraction on the ScrapingHub benchmark (4-gram shingles)."""
    # Lazy: trafilatura (through claimlink.extractors) takes seconds to import.
    from claimlink.evaluation.extraction import evaluate_aeb

    scores = evaluate_aeb(aeb)
    print_scores(scores, as_json, f"AEB main-text extraction ({aeb})")


@eval_.command("realnews")
@click.option("--polnear", required=True, type=click.Path(exists=True, file_okay=False),
              help="PolNeAR folder with train.jsonl and dev.jsonl, e.g. ../shared/data/polnear.")
@click.option("--store", "url", metavar="URL",
              help="An EMPTY store to fill and keep [default: a new SQLite file under the temp directory].")
@click.option("--limit", type=click.IntRange(1), help="Only the N earliest articles.")
@json_option("figures")
@click.pass_obj
def eval_realnews(state: CliState, polnear, url, limit, as_json) -> None:
    """Serve PolNeAR's articles as pages on 127.0.0.1 and run the nightly flow over them.

    Prints articles, claims, flags, flags per 100 articles and time; the store is kept
    for `claimlink eval flags` and the review desk.
    """
    progress = StageProgress() if sys.stderr.isatty() else LineProgress()
    figures = run_realnews(polnear, url, state.settings, limit=limit, progress=progress)
    store = redact(figures.pop("store"))
    print_scores({**figures, "store": store} if as_json else figures, as_json, f"Real news ({polnear})")
    if not as_json:
        click.echo(f"store kept at {store}")


@eval_.command("flags")
@click.option("--store", "url", required=True, metavar="URL", help="The store of an `eval realnews` run.")
@click.option("--polnear", required=True, type=click.Path(exists=True, file_okay=False),
              help="The PolNeAR folder the store was built from (offsets are PolNeAR's).")
@click.option("--labels", type=click.Path(dir_okay=False), help="Labelled flags (JSON): precision over those still raised.")
@click.option("--contradictions", type=click.Path(dir_okay=False),
              help="Genuine contradictions (JSON): recall = share of them flagged.")
@click.option("--sample", type=click.IntRange(1), help="Write a random sample of N flags for blind judging.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the sample.")
@click.option("--out", type=click.Path(dir_okay=False), help="The sample's file (outside the repository: it quotes PolNeAR).")
@json_option("figures")
def eval_flags(url, polnear, labels, contradictions, sample, seed, out, as_json) -> None:
    """Flags of a real-news store against labels and genuine contradictions; blind samples.

    With --sample, the sample goes to --out and its labels template (keys only, no text)
    beside it as <out>.labels.json.
    """
    if sample and not out:
        raise CliError("--sample needs --out FILE")
    engine = make_engine(url)
    try:
        check_store(engine)
        flags = fl.current_flags(engine, {d.doc_id: d.text for d in load_corpus(polnear)})
    finally:
        engine.dispose()
    figures = {"flags": len(flags)}
    if labels:
        figures.update(fl.precision(flags, fl.load_labels(labels)))
    if contradictions:
        figures.update(fl.recall(flags, fl.load_pairs(contradictions)))
    print_scores(figures, as_json, "Flags of a real-news store")
    if sample:
        path = fl.outside_repository(out)
        today = datetime.now(timezone.utc).date().isoformat()
        picked, template = fl.blind_sample(flags, sample, seed, f"{today}-seed{seed}", today)
        path.write_text(json.dumps(picked, indent=1, ensure_ascii=False), encoding="utf-8")
        tpath = path.with_name(path.stem + ".labels.json")
        tpath.write_text(json.dumps(template, indent=1), encoding="utf-8")
        click.echo(f"wrote {len(picked['flags'])} flags to {path} and the labels template to {tpath}", err=as_json)


@eval_.command("gate")
@click.option("--data", required=True, type=click.Path(exists=True, file_okay=False),
              help="The shared data folder with aeb/, polnear/ and emergent/, e.g. ../shared/data.")
@click.option("--floors", type=click.Path(dir_okay=False), help="Floors file [default evaluation/floors.toml].")
@click.option("--only", multiple=True, help="Run only this evaluation (extraction, attribution, stance, realnews); repeatable.")
@json_option("rows")
@click.pass_context
def eval_gate(ctx: click.Context, data, floors, only, as_json) -> None:
    """Every quality figure against its floor or ceiling; exit status 1 if any fails.

    See README, "The evaluation gate", for the figures and how to raise a floor.
    """
    pinned = gate.load_floors(floors or gate.FLOORS)
    clock = time.perf_counter()
    figures, seconds = collect(data, ctx.obj.settings, tuple(only), progress=LineProgress(),
                               report=lambda name, s: click.echo(f"gate: {name} took {s:.0f} s", err=True))
    rows = gate.check(pinned, figures, tuple(only))
    total = time.perf_counter() - clock
    if as_json:
        click.echo(json.dumps(gate.as_json(rows, figures, {**seconds, "total": round(total, 1)}), indent=1))
    else:
        Console(width=100).print(gate.table(rows))
        if gate.unpinned(rows, figures):
            click.echo("measured, no floor: " + ", ".join(f"{k} {v}" for k, v in gate.unpinned(rows, figures).items()))
        click.echo(f"gate took {total:.0f} s (" + ", ".join(f"{k} {v:.0f} s" for k, v in seconds.items()) + ")")
    failed = [r.floor.name for r in rows if not r.passed]
    if failed:
        click.echo(f"evaluation gate FAILED: {', '.join(failed)}", err=True)
        ctx.exit(1)
