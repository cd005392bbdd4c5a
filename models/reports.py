"""Built-in reports: parameterised SQL over the reporting views (docs/REPORTING.md).

Each report reads only the public views, so what the command prints is what an analyst
gets from the same query in sqlite3, psql or a notebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import text
from sqlalchemy.engine import Connection

from claimlink.errors import ClaimlinkError


class ReportError(ClaimlinkError, ValueError):
    """Unknown report or bad report parameter."""

    code = "E610"


@dataclass(frozen=True)
class Report:
    name: str
    description: str
    sql: str
    needs: tuple[str, ...] = ()
    plot: str | None = None  # "lines": x=day, y=value, one line per group


REPORTS: dict[str, Report] = {r.name: r for r in [
    Report("most-contradicted", "Speakers most often on either side of a flagged contradiction since a date.", """
SELECT speaker, COUNT(*) AS contradictions,
       SUM(CASE WHEN review_status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed
FROM (SELECT speaker_a AS speaker, review_status, flagged_at FROM v_contradictions
      UNION ALL
      SELECT speaker_b, review_status, flagged_at FROM v_contradictions) s
WHERE flagged_at >= :since AND speaker IS NOT NULL
GROUP BY speaker ORDER BY contradictions DESC, speaker LIMIT :limit"""),
    Report("speaker", "A speaker's contradicted claims (--speaker NAME, matched on the canonical name).", """
SELECT link_id, score, review_status, flagged_at,
       CASE WHEN LOWER(speaker_a) = LOWER(:speaker) THEN content_a ELSE content_b END AS claim,
       CASE WHEN LOWER(speaker_a) = LOWER(:speaker) THEN speaker_b ELSE speaker_a END AS contradicted_by,
       CASE WHEN LOWER(speaker_a) = LOWER(:speaker) THEN content_b ELSE content_a END AS their_claim,
       reasons
FROM v_contradictions
WHERE (LOWER(speaker_a) = LOWER(:speaker) OR LOWER(speaker_b) = LOWER(:speaker)) AND flagged_at >= :since
ORDER BY score DESC, link_id LIMIT :limit""", needs=("speaker",)),
    Report("outlet-pairs", "Contradictions between claims published by two outlets.", """
SELECT COALESCE(outlet_a, '(unknown)') AS outlet_a, COALESCE(outlet_b, '(unknown)') AS outlet_b,
       COUNT(*) AS contradictions,
       SUM(CASE WHEN review_status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed
FROM v_contradictions WHERE flagged_at >= :since
GROUP BY 1, 2 ORDER BY contradictions DESC, outlet_a, outlet_b LIMIT :limit"""),
    Report("backlog", "Open review items by age.", """
SELECT CASE WHEN flagged_at >= :day1 THEN '1: under a day'
            WHEN flagged_at >= :day7 THEN '2: 1-7 days'
            WHEN flagged_at >= :day30 THEN '3: 7-30 days'
            ELSE '4: over 30 days' END AS age,
       review_status, COUNT(*) AS items, MAX(score) AS top_score
FROM v_review_queue GROUP BY 1, 2 ORDER BY 1, 2"""),
    Report("contradictions-per-day", "Flagged contradictions per outlet and day of publication.", """
SELECT day, outlet, contradictions, claims, articles FROM v_outlet_stats
WHERE day >= :since_day ORDER BY day, outlet LIMIT :limit""", plot="lines"),
    Report("outlets", "Articles, claims and contradictions per outlet since a date.", """
SELECT outlet, SUM(articles) AS articles, SUM(claims) AS claims, SUM(contradictions) AS contradictions
FROM v_outlet_stats WHERE day >= :since_day
GROUP BY outlet ORDER BY contradictions DESC, claims DESC, outlet LIMIT :limit"""),
]}


_SINCE = re.compile(r"^(\d+)\s*([hdwm])$")


def parse_since(value: str | None, now: datetime | None = None) -> datetime:
    """``7d``, ``24h``, ``2w``, ``3m`` (30-day months) or an ISO date; None is all time."""
    now = now or datetime.now(timezone.utc)
    if not value:
        return datetime(1970, 1, 1, tzinfo=timezone.utc)
    m = _SINCE.match(value.strip().lower())
    if m:
        n, unit = int(m.group(1)), m.group(2)
        return now - {"h": timedelta(hours=n), "d": timedelta(days=n), "w": timedelta(weeks=n),
                      "m": timedelta(days=30 * n)}[unit]
    try:
        d = datetime.fromisoformat(value)
    except ValueError:
        raise ReportError(f"--since {value!r}: use 7d, 24h, 2w, 3m or a date like 2025-11-20") from None
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


def run_report(conn: Connection, name: str, *, since: str | None = None, limit: int = 50,
               speaker: str | None = None, now: datetime | None = None) -> tuple[list[str], list[tuple]]:
    """Run a built-in report; return (column names, rows)."""
    report = REPORTS.get(name)
    if report is None:
        raise ReportError(f"unknown report {name!r}; choose one of: {', '.join(REPORTS)}")
    if "speaker" in report.needs and not speaker:
        raise ReportError(f"report {name!r} needs --speaker NAME")
    now = now or datetime.now(timezone.utc)
    start = parse_since(since, now)
    params = {"since": _db_time(conn, start), "since_day": start.strftime("%Y-%m-%d"), "limit": limit,
              "speaker": speaker, "day1": _db_time(conn, now - timedelta(days=1)),
              "day7": _db_time(conn, now - timedelta(days=7)), "day30": _db_time(conn, now - timedelta(days=30))}
    result = conn.execute(text(report.sql), params)
    return list(result.keys()), [tuple(r) for r in result]


def _db_time(conn: Connection, when: datetime):
    """SQLite keeps naive UTC text ('YYYY-MM-DD HH:MM:SS'); PostgreSQL compares aware values."""
    if conn.dialect.name == "sqlite":
        return when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    return when


def plot_png(columns: list[str], rows: list[tuple], path: str, title: str) -> None:
    """Contradictions per day, one line per outlet, to a PNG file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series: dict[str, dict[str, int]] = {}
    days = sorted({r[columns.index("day")] for r in rows if r[columns.index("day")]})
    for r in rows:
        day, outlet, value = r[columns.index("day")], r[columns.index("outlet")], r[columns.index("contradictions")]
        if day:
            series.setdefault(outlet, {})[day] = value
    fig, ax = plt.subplots(figsize=(9, 4.5), dpi=110)
    for outlet, values in sorted(series.items()):
        ax.plot(days, [values.get(d, 0) for d in days], marker="o", label=outlet)
    ax.set_title(title)
    ax.set_xlabel("day of publication")
    ax.set_ylabel("flagged contradictions")
    ax.grid(True, alpha=0.3)
    if series:
        ax.legend(loc="upper left", fontsize="small", frameon=False)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
