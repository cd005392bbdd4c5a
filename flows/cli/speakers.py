"""``claimlink speakers ...`` (the desk's fixes to canonical speakers) and
``claimlink eval speakers`` (how well speakers are kept together and how many are junk)."""

from __future__ import annotations

import getpass
import json
import os
from contextlib import contextmanager

import click
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimlink.evaluation.speakers import report, write_sample
from claimlink.models import schema as m
from claimlink.models.db import check_store, make_engine
from claimlink.models.speakers import find_speaker, merge_speakers, speaker_forms, split_speaker

from .app import CliError, CliState, cli, json_option
from .evaluate import eval_


@contextmanager
def _session(url: str):
    """A session on the store at ``url``, committed when the block succeeds."""
    engine = make_engine(url)
    try:
        check_store(engine)
        with Session(engine) as session, session.begin():
            yield session
    finally:
        engine.dispose()


def _actor(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in this environment
        return "unknown"


@cli.group()
def speakers() -> None:
    """List canonical speakers and fix them by hand: merge two into one, split one."""


@speakers.command("list")
@click.option("--like", help="Only speakers whose name or a form of it contains this text.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=30, show_default=True, help="Rows at most.")
@click.pass_obj
def speakers_list(state: CliState, like, limit) -> None:
    """Speakers with most claims first: id, claims, name, and the forms seen."""
    with _session(state.settings.database_url) as session:
        q = (select(m.Speaker.id, m.Speaker.name, func.count(m.Claim.id))
             .outerjoin(m.Claim, m.Claim.speaker_id == m.Speaker.id)
             .group_by(m.Speaker.id, m.Speaker.name).order_by(func.count(m.Claim.id).desc(), m.Speaker.id))
        if like:
            pattern = f"%{like.lower()}%"
            q = q.where(func.lower(m.Speaker.name).like(pattern) | m.Speaker.id.in_(
                select(m.SpeakerAlias.speaker_id).where(func.lower(m.SpeakerAlias.form).like(pattern))))
        for sid, name, n in session.execute(q.limit(limit)):
            forms = ", ".join(f"{f} ({c})" for f, c, _ in speaker_forms(session, sid)[:6])
            click.echo(f"#{sid}\t{n}\t{name}\t{forms}")


@speakers.command("merge")
@click.argument("keep")
@click.argument("absorb")
@click.option("--by", help="Who decides, for the audit record [default: the login name].")
@click.option("--note", help="Why, for the audit record.")
@click.pass_obj
def speakers_merge(state: CliState, keep, absorb, by, note) -> None:
    """Merge speaker ABSORB into speaker KEEP (an id like #12, a name or a form seen).

    ABSORB's claims and forms move to KEEP, and its name is routed to KEEP from now on.
    The merge is recorded in the speaker audit."""
    with _session(state.settings.database_url) as session:
        audit = merge_speakers(session, find_speaker(session, keep), find_speaker(session, absorb),
                               actor=_actor(by), note=note)
        click.echo(f"merged #{audit.other_id} {audit.other_name!r} into #{audit.speaker_id} {audit.speaker_name!r}: "
                   f"{audit.claims_moved} claims moved (audit #{audit.id})")


@speakers.command("split")
@click.argument("speaker")
@click.option("--into", required=True, help="The speaker the claims belong to (found by name, or created).")
@click.option("--form", "forms", multiple=True, help="Move the claims written with this name (repeatable).")
@click.option("--claim", "claim_ids", multiple=True, type=int, help="Move this claim id (repeatable).")
@click.option("--by", help="Who decides, for the audit record [default: the login name].")
@click.option("--note", help="Why, for the audit record.")
@click.pass_obj
def speakers_split(state: CliState, speaker, into, forms, claim_ids, by, note) -> None:
    """Move some of SPEAKER's claims to another speaker (--into), chosen by the form of the
    name they were written with (--form) or by claim id (--claim). Recorded in the audit."""
    with _session(state.settings.database_url) as session:
        audit = split_speaker(session, find_speaker(session, speaker), into, forms=list(forms),
                              claim_ids=list(claim_ids), actor=_actor(by), note=note)
        click.echo(f"split {audit.claims_moved} claims of #{audit.other_id} {audit.other_name!r} into "
                   f"#{audit.speaker_id} {audit.speaker_name!r} (audit #{audit.id})")


@speakers.command("audit")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True, help="Rows at most.")
@click.pass_obj
def speakers_audit(state: CliState, limit) -> None:
    """The desk's merges and splits, newest first."""
    with _session(state.settings.database_url) as session:
        for a in session.scalars(select(m.SpeakerAudit).order_by(m.SpeakerAudit.id.desc()).limit(limit)):
            click.echo(f"#{a.id}\t{a.created_at:%Y-%m-%d %H:%M}\t{a.action}\t{a.other_name!r} -> {a.speaker_name!r}"
                       f"\t{a.claims_moved} claims\t{a.actor}\t{a.note or ''}")


@eval_.command("speakers")
@click.option("--store", "store", help="Store URL or SQLite file [default: the configured store].")
@click.option("--top", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="How many of the most-cited surnames to report.")
@click.option("--names", help="Comma-separated surnames to report instead of the most cited.")
@click.option("--sample", "sample_size", type=click.IntRange(0), default=100, show_default=True,
              help="Stored speakers to sample for checking by hand.")
@click.option("--sample-file", type=click.Path(dir_okay=False, writable=True), default="speaker_sample.txt",
              show_default=True, help="Where the sample goes.")
@click.option("--seed", type=int, default=14, show_default=True, help="Seed of the sample.")
@json_option("figures")
@click.pass_obj
def eval_speakers(state: CliState, store, top, names, sample_size, sample_file, seed, as_json) -> None:
    """How the most-cited people are split over canonical speakers, how many claims have a
    speaker that fails the sanity rules, and a seeded sample of speakers to check by hand."""
    url = store or state.settings.database_url
    if store and "://" not in store:
        if not os.path.isfile(store):
            raise CliError(f"no such store file: {store}")
        url = f"sqlite:///{os.path.abspath(store)}"
    with _session(url) as session:
        figures = report(session, top=top, names=[n.strip() for n in names.split(",")] if names else None)
        if sample_size:
            written = write_sample(session, sample_file, sample_size, seed)
            figures["sample"] = {"file": sample_file, "speakers": written, "seed": seed}
    if as_json:
        click.echo(json.dumps(figures, indent=1))
        return
    click.echo(f"{'name':<16}{'claims':>8}{'speakers':>10}{'main share':>12}  main speaker")
    for row in figures["names"]:
        click.echo(f"{row['name']:<16}{row['claims']:>8}{row['speakers']:>10}{row['main_share']:>12.3f}  "
                   f"{row['main_speaker']}")
    junk = figures["sanity"]
    click.echo(f"claims with a speaker: {junk['with_speaker']}; failing the sanity rules: {junk['failing']} "
               f"(datelines, notes and Q/A markers: {junk['furniture']})")
    for problem, n in junk["by_problem"].items():
        click.echo(f"  {problem}: {n}")
    if "sample" in figures:
        click.echo(f"sample of {figures['sample']['speakers']} speakers (seed {seed}) written to {sample_file}")
