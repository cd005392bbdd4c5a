"""``claimlink eval ...``: scores of the library against gold data kept outside the repository."""

from __future__ import annotations

import sys

import click

from claimlink.evaluation.attribution import evaluate as evaluate_attribution
from claimlink.evaluation.attribution import load_polnear

from .app import CliState, cli, json_option, model_option, print_scores


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
    from claimlink.extractors import extract_claims, load_pipeline

    docs = load_polnear(polnear, limit)
    nlp = load_pipeline(model or state.settings.spacy_model or None)

    def predict(texts):
        return [[c.to_dict() for c in extract_claims(d)] for d in nlp.pipe(texts, batch_size=16)]

    scores, _ = evaluate_attribution(docs, predict)
    print_scores(scores.as_dict(), as_json, f"PolNeAR attribution ({polnear})")


@eval_.command("stance")
@click.option("--emergent", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Emergent pairs CSV (claim,article_headline,stance), e.g. ../shared/data/emergent/dev_pairs.csv.")
@json_option()
@click.option("--errors", "show_errors", type=click.IntRange(0), default=0, help="Also list N wrong pairs.")
@model_option
@click.pass_obj
def eval_stance(state: CliState, emergent, as_json, show_errors, model) -> None:
    """Precision and recall of `compare` on Emergent `against` pairs; false flags on `for`."""
    # Lazy: the linker and claimlink.extractors load spaCy when imported.
    from claimlink.evaluation.stance import evaluate, load_emergent
    from claimlink.extractors import load_pipeline

    pairs = load_emergent(emergent)
    nlp = load_pipeline(model or state.settings.spacy_model or None)
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
    # Lazy: the flow imports Prefect and spaCy.
    from ..progress import LineProgress, StageProgress
    from ..realnews import run
    from .db import redact

    progress = StageProgress() if sys.stderr.isatty() else LineProgress()
    figures = run(polnear, url, state.settings, limit=limit, progress=progress)
    store = redact(figures.pop("store"))
    print_scores({**figures, "store": store} if as_json else figures, as_json, f"Real news ({polnear})")
    if not as_json:
        click.echo(f"store kept at {store}")
