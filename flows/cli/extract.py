"""``claimlink extract`` and ``claimlink compare``: the library on texts given by the user.

claimlink.extractors and claimlink.linker load spaCy when imported (a few seconds), so
they are imported inside the commands, not by every ``claimlink`` invocation.
"""

from __future__ import annotations

import itertools
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
    from claimlink.linker.claim_types import claim_type

    nlp = load_pipeline(model or state.settings.spacy_model or None)
    texts = []
    for f in files:
        try:
            texts.append(Path(f).read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise CliError(f"{f}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        _check_length(nlp, texts[-1], f)
    for f, doc in zip(files, nlp.pipe(texts, batch_size=16)):
        record = {"doc_id": Path(f).stem,
                  "claims": [{**c.to_dict(), "claim_type": claim_type(doc, c)} for c in extract_claims(doc)]}
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
    lines = iter(pairs)
    for n in itertools.count(1):
        try:
            line = next(lines)
        except StopIteration:
            break
        except UnicodeDecodeError as exc:
            raise CliError(f"{pairs.name}: not UTF-8 text ({exc.reason} near line {n})") from None
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append((row["id"], str(row["a"]), str(row["b"])))
        except (ValueError, KeyError, TypeError):
            raise CliError(f"line {n}: expected a JSON object with id, a and b") from None
        _check_length(nlp, max(rows[-1][1:], key=len), f"line {n}")
    for (pid, _, _), verdict in zip(rows, compare_texts(nlp, [(a, b) for _, a, b in rows])):
        click.echo(json.dumps({"id": pid, "relation": verdict.relation, "score": verdict.score,
                               "reasons": [r.text for r in verdict.reasons]}, ensure_ascii=False))


def _check_length(nlp, text: str, where: str) -> None:
    """spaCy refuses texts over ``nlp.max_length`` characters (1,000,000): say so in one line."""
    if len(text) > nlp.max_length:
        raise CliError(f"{where}: {len(text):,} characters, over the parser's limit of {nlp.max_length:,}; "
                       "split the text into smaller files")
