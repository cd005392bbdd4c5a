"""The run summary a person reads after `claimlink run`."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table


def carried_by(side: dict) -> str:
    """The line "  carried by A, B" when more than one outlet carried a side, else nothing."""
    outlets = side.get("outlets") or []
    return f"  carried by {escape(', '.join(outlets))}\n" if len(outlets) > 1 else ""


def print_summary(summary, console: Console | None = None) -> None:
    console = console or Console()
    st = summary.stats
    table = Table(title=f"claimlink run {summary.run_id}", show_header=False, box=None, padding=(0, 2))
    table.add_column(justify="left")
    table.add_column(justify="right")
    rows = [
        ("sources read", summary.sources),
        ("article URLs due", summary.urls_due),
        ("pages fetched", st.get("fetched", 0)),
        ("unchanged (304)", st.get("not_modified", 0)),
        ("skipped (not an article)", st.get("skipped", 0)),
        ("failed (see fetch_log)", st.get("errors", 0)),
        ("new articles", st.get("articles", 0)),
        ("new claims", st.get("claims", 0)),
        ("new flagged pairs", summary.links_new),
    ]
    for label, value in rows:
        table.add_row(label, str(value))
    console.print(table)
    if st.get("error_classes"):
        console.print("Problems: " + ", ".join(f"{k} x{v}" for k, v in sorted(st["error_classes"].items())))
    t = summary.totals
    console.print(f"Store now holds {t.get('articles', 0)} articles, {t.get('claims', 0)} claims by "
                  f"{t.get('speakers', 0)} speakers, and {t.get('links', 0)} flagged pairs.")
    for p in summary.flagged[:10]:
        body = "".join(f"[bold]{escape(p[s]['speaker'] or 'unnamed source')}[/bold] {escape(p[s]['cue'])}: "
                       f"{escape(p[s]['content'])}\n{carried_by(p[s])}" for s in ("a", "b"))
        body += "[italic]Why:[/italic] " + escape("; ".join(p["reasons"]))
        console.print(Panel(body, title=escape(f"Flag {p['id']} · score {p['score']:.2f} · {p['status']}"),
                            title_align="left", expand=False))
    if len(summary.flagged) > 10:
        console.print(f"... and {len(summary.flagged) - 10} more flagged pairs.")
