"""``claimlink extract`` and ``claimlink compare``: the library on texts given by the user.

claimlink.extractors and claimlink.linker load spaCy when imported (a few seconds), so
they are imported inside the commands, not by every ``claimlink`` invocation.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from .app import CliError, CliState, cli, model_option


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@model_option
@click.pass_obj
def extract(state: CliState, files, model) -> None:
    """Print the attributed claims of UTF-8 text FILES, one JSON line per file.

    Offsets are Python string offsets into the text exactly as read.
    """
    from claimlink.extractors import extract_claims, load_pipeline

    nlp = load_pipeline(model or state.settings.spacy_model or None)
    texts = []
    for f in files:
        try:
            texts.append(Path(f).read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise CliError(f"{f}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    for f, doc in zip(files, nlp.pipe(texts, batch_size=16)):
        record = {"doc_id": Path(f).stem, "claims": [c.to_dict() for c in extract_claims(doc)]}
        click.echo(json.dumps(record, ensure_ascii=False))


@cli.command()
@click.argument("pairs", type=click.File("r", encoding="utf-8"))
@model_option
@click.pass_obj
def compare(state: CliState, pairs, model) -> None:
    """Say whether two short texts contradict each other, for each line of PAIRS.jsonl.

    Input lines: {"id", "a", "b"}. Output lines: {"id", "relation", "score", "reasons"}.
    The same extraction and linker as the pipeline run on both texts. Use - for stdin.
    """
    from claimlink.extractors import load_pipeline
    from claimlink.linker.compare import compare_texts

    nlp = load_pipeline(model or state.settings.spacy_model or None)
    rows = []
    for n, line in enumerate(pairs, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append((row["id"], str(row["a"]), str(row["b"])))
        except (ValueError, KeyError, TypeError):
            raise CliError(f"line {n}: expected a JSON object with id, a and b") from None
    for (pid, _, _), verdict in zip(rows, compare_texts(nlp, [(a, b) for _, a, b in rows])):
        click.echo(json.dumps({"id": pid, "relation": verdict.relation, "score": verdict.score,
                               "reasons": [r.text for r in verdict.reasons]}, ensure_ascii=False))
