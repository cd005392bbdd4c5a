"""The fact-checkers' review desk: a server-rendered queue of flagged contradictions.

FastAPI with Jinja2 templates (autoescaping on: article text comes from arbitrary web
pages and is always escaped), signed session cookies, a CSRF token on every state-changing
request, argon2 password hashes and parameterised queries only. Every decision is appended
to ``review_events``; a rejected pair stays rejected (the linker never flags a pair twice).
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from datetime import datetime, timezone
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased
from starlette.middleware.sessions import SessionMiddleware

from claimlink.errors import ClaimlinkError
from claimlink.models import make_engine
from claimlink.models import schema as m

HERE = Path(__file__).resolve().parent
STATUSES = ("open", "confirmed", "rejected", "needs_work")
DECISIONS = {"confirm": "confirmed", "reject": "rejected", "needs_work": "needs_work", "reopen": "open"}
PAGE_SIZE = 50
_hasher = PasswordHasher()


class UserError(ClaimlinkError, ValueError):
    """A reviewer account cannot be created or changed as asked."""

    code = "E620"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def add_user(session: Session, name: str, password: str) -> m.User:
    """Create a reviewer. The caller owns the transaction."""
    name = name.strip()
    if not name or len(name) > 100:
        raise UserError("a user name is 1 to 100 characters")
    if len(password) < 8:
        raise UserError("a password has at least 8 characters")
    if session.scalar(select(m.User.id).where(m.User.name == name)) is not None:
        raise UserError(f"user {name!r} exists already")
    user = m.User(name=name, password_hash=hash_password(password))
    session.add(user)
    return user


def check_password(session: Session, name: str, password: str) -> bool:
    user = session.scalars(select(m.User).where(m.User.name == name)).one_or_none()
    if user is None:
        _hasher.hash(password)  # same work whether or not the user exists
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False


def create_app(database_url: str, secret_key: str | None = None) -> FastAPI:
    engine = make_engine(database_url)
    app = FastAPI(title="claimlink review", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(SessionMiddleware, secret_key=secret_key or secrets.token_hex(32), session_cookie="claimlink_session", same_site="strict",
                       https_only=False, max_age=12 * 3600)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def user_of(request: Request) -> str | None:
        return request.session.get("user")

    def csrf_token(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = secrets.token_urlsafe(32)
        return token

    def require_user(request: Request) -> str:
        user = user_of(request)
        if not user:
            raise HTTPException(status_code=303, headers={"Location": "/login"})
        return user

    def require_csrf(request: Request, token: str | None) -> None:
        expected = request.session.get("csrf")
        if not expected or not token or not secrets.compare_digest(expected, token):
            raise HTTPException(status_code=403, detail="missing or wrong CSRF token; reload the page")

    def render(request: Request, name: str, **ctx) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"user": user_of(request), "csrf": csrf_token(request),
                                                          **ctx})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if exc.status_code == 303:
            return RedirectResponse(exc.headers["Location"], status_code=303)
        return HTMLResponse(templates.get_template("error.html").render(status=exc.status_code, detail=exc.detail,
                                                                         user=user_of(request)),
                            status_code=exc.status_code)

    # -- login ----------------------------------------------------------------------------
    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request):
        return render(request, "login.html", error=None)

    @app.post("/login")
    def login(request: Request, name: str = Form(...), password: str = Form(...), csrf: str = Form(None)):
        require_csrf(request, csrf)
        with Session(engine) as s:
            ok = check_password(s, name, password)
        if not ok:
            return render(request, "login.html", error="Unknown user or wrong password.")
        request.session.clear()
        request.session["user"] = name
        csrf_token(request)
        return RedirectResponse("/", status_code=303)

    @app.post("/logout")
    def logout(request: Request, csrf: str = Form(None)):
        require_csrf(request, csrf)
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    # -- queue ----------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    def queue(request: Request, status: str = "open", speaker: str = "", outlet: str = "", since: str = "",
              until: str = "", relation: str = "contradicts", after: str = ""):
        require_user(request)
        a, b = aliased(m.Claim), aliased(m.Claim)
        art_a, art_b = aliased(m.Article), aliased(m.Article)
        conds = [m.ClaimLink.relation == relation] if relation else []
        if status in STATUSES:
            conds.append(m.ClaimLink.status == status)
        if speaker:
            like = f"%{speaker.lower()}%"
            conds.append(or_(func.lower(a.speaker_name).like(like), func.lower(b.speaker_name).like(like)))
        if outlet:
            conds.append(or_(art_a.outlet == outlet, art_b.outlet == outlet))
        for bound, op in ((since, ">="), (until, "<=")):
            if bound:
                try:
                    when = datetime.fromisoformat(bound).replace(tzinfo=timezone.utc)
                except ValueError:
                    raise HTTPException(400, f"not a date: {bound!r} (use YYYY-MM-DD)") from None
                conds.append(art_b.published >= when if op == ">=" else art_b.published <= when)
        if after:
            try:
                score_s, id_s = after.split(":")
                score, last = float(score_s), int(id_s)
            except ValueError:
                raise HTTPException(400, "bad page cursor") from None
            conds.append(or_(m.ClaimLink.score < score, and_(m.ClaimLink.score == score, m.ClaimLink.id > last)))
        q = (select(m.ClaimLink.id, m.ClaimLink.score, m.ClaimLink.status, m.ClaimLink.reasons,
                    a.speaker_name, a.content, b.speaker_name, b.content, art_b.outlet, art_b.published)
             .join(a, a.id == m.ClaimLink.claim_a_id).join(b, b.id == m.ClaimLink.claim_b_id)
             .join(art_a, art_a.id == a.article_id).join(art_b, art_b.id == b.article_id)
             .where(*conds).order_by(m.ClaimLink.score.desc(), m.ClaimLink.id).limit(PAGE_SIZE + 1))
        with Session(engine) as s:
            rows = s.execute(q).all()
            counts = dict(s.execute(select(m.ClaimLink.status, func.count()).group_by(m.ClaimLink.status)).all())
            outlets = [o for o in s.scalars(select(m.Article.outlet).where(m.Article.outlet.is_not(None))
                                            .distinct().order_by(m.Article.outlet).limit(500))]
        more = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE]
        items = [{"id": r[0], "score": r[1], "status": r[2], "reasons": [x["text"] for x in r[3] or []],
                  "speaker_a": r[4], "content_a": r[5], "speaker_b": r[6], "content_b": r[7], "outlet": r[8],
                  "published": r[9]} for r in rows]
        next_cursor = f"{rows[-1][1]}:{rows[-1][0]}" if more and rows else ""
        filters = {"status": status, "speaker": speaker, "outlet": outlet, "since": since, "until": until,
                   "relation": relation}
        return render(request, "queue.html", items=items, counts={k: counts.get(k, 0) for k in STATUSES},
                      filters=filters, outlets=outlets, next_cursor=next_cursor)

    # -- one pair ---------------------------------------------------------------------------
    @app.get("/pair/{link_id}", response_class=HTMLResponse)
    def pair(request: Request, link_id: int):
        require_user(request)
        with Session(engine) as s:
            link = s.get(m.ClaimLink, link_id)
            if link is None:
                raise HTTPException(404, f"no flagged pair {link_id}")
            sides = [_side(s, link.claim_a), _side(s, link.claim_b)]
            events = s.scalars(select(m.ReviewEvent).where(m.ReviewEvent.link_id == link_id)
                               .order_by(m.ReviewEvent.id.desc())).all()
            nav = _neighbours(s, link)
            view = {"id": link.id, "score": link.score, "status": link.status, "relation": link.relation,
                    "reasons": [r["text"] for r in link.reasons or []], "version": link.linker_version}
            history = [{"reviewer": e.reviewer, "from": e.from_status, "to": e.to_status, "note": e.note,
                        "at": e.created_at} for e in events]
        return render(request, "pair.html", link=view, sides=sides, history=history, nav=nav)

    @app.post("/pair/{link_id}/decide")
    def decide(request: Request, link_id: int, decision: str = Form(...), note: str = Form(""),
               csrf: str = Form(None), next_url: str = Form("")):
        user = require_user(request)
        require_csrf(request, csrf)
        if decision not in DECISIONS:
            raise HTTPException(400, f"unknown decision {decision!r}")
        with Session(engine) as s, s.begin():
            link = s.get(m.ClaimLink, link_id)
            if link is None:
                raise HTTPException(404, f"no flagged pair {link_id}")
            _record(s, link, DECISIONS[decision], user, note)
        target = next_url if next_url.startswith("/") and not next_url.startswith("//") else f"/pair/{link_id}"
        return RedirectResponse(target, status_code=303)

    @app.post("/bulk-reject")
    def bulk_reject(request: Request, ids: list[int] = Form(default=[]), note: str = Form(""),
                    csrf: str = Form(None)):
        user = require_user(request)
        require_csrf(request, csrf)
        with Session(engine) as s, s.begin():
            for link in s.scalars(select(m.ClaimLink).where(m.ClaimLink.id.in_(ids[:500]))):
                if link.status != "rejected":
                    _record(s, link, "rejected", user, note or "bulk reject")
        return RedirectResponse("/", status_code=303)

    @app.get("/audit", response_class=HTMLResponse)
    def audit(request: Request):
        require_user(request)
        with Session(engine) as s:
            events = s.scalars(select(m.ReviewEvent).order_by(m.ReviewEvent.id.desc()).limit(200)).all()
            rows = [{"id": e.id, "link": e.link_id, "reviewer": e.reviewer, "from": e.from_status, "to": e.to_status,
                     "note": e.note, "at": e.created_at} for e in events]
        return render(request, "audit.html", events=rows)

    # -- export -------------------------------------------------------------------------------
    @app.get("/export/claimreview.json")
    def export_claimreview(request: Request):
        require_user(request)
        with Session(engine) as s:
            return JSONResponse(claimreview(s), media_type="application/ld+json")

    @app.get("/export/confirmed.csv")
    def export_csv(request: Request):
        require_user(request)
        with Session(engine) as s:
            body = confirmed_csv(s)
        return Response(body, media_type="text/csv",
                        headers={"Content-Disposition": "attachment; filename=confirmed-contradictions.csv"})

    return app


def _record(s: Session, link: m.ClaimLink, to_status: str, user: str, note: str) -> None:
    s.add(m.ReviewEvent(link_id=link.id, reviewer=user, from_status=link.status, to_status=to_status,
                        note=(note or None) and note[:2000]))
    link.status = to_status


def _side(s: Session, claim: m.Claim) -> dict:
    art = claim.article
    para_text, before, sentence, after = _paragraph(art.text, claim.sentence_start, claim.sentence)
    # other claims by the same speaker on the same subject: sharing an entity key
    subject = select(m.ClaimKey.key).where(m.ClaimKey.claim_id == claim.id, m.ClaimKey.key.like("e:%"))
    others = s.execute(select(m.Claim.id, m.Claim.cue, m.Claim.content, m.Article.title)
                       .join(m.Article, m.Article.id == m.Claim.article_id)
                       .where(m.Claim.speaker_id == claim.speaker_id, m.Claim.id != claim.id,
                              m.Claim.id.in_(select(m.ClaimKey.claim_id).where(m.ClaimKey.key.in_(subject))))
                       .order_by(m.Claim.id.desc()).limit(5)).all() if claim.speaker_id else []
    speaker = claim.speaker
    return {"speaker": claim.speaker_name or "unnamed source", "mention": claim.speaker_mention,
            "title": claim.speaker_title, "canonical": speaker.key if speaker else None, "cue": claim.cue,
            "stance": claim.stance, "kind": claim.kind, "content": claim.content, "before": before,
            "sentence": sentence, "after": after, "article_title": art.title, "outlet": art.outlet,
            "published": art.published, "url": art.canonical_url,
            "others": [{"cue": o[1], "content": o[2], "title": o[3]} for o in others]}


def _paragraph(text: str, start: int | None, sentence: str | None) -> tuple[str, str, str, str]:
    """The paragraph around a sentence, split into (paragraph, before, sentence, after)."""
    if start is None or not sentence or text[start:start + len(sentence)] != sentence:
        return sentence or "", "", sentence or "", ""
    p_start = text.rfind("\n", 0, start) + 1
    p_end = text.find("\n", start + len(sentence))
    p_end = len(text) if p_end < 0 else p_end
    return text[p_start:p_end], text[p_start:start], sentence, text[start + len(sentence):p_end]


def _neighbours(s: Session, link: m.ClaimLink) -> dict:
    """Previous and next open pair in queue order, for j/k."""
    base = select(m.ClaimLink.id).where(m.ClaimLink.status == "open", m.ClaimLink.relation == link.relation)
    nxt = s.scalar(base.where(or_(m.ClaimLink.score < link.score,
                                  and_(m.ClaimLink.score == link.score, m.ClaimLink.id > link.id)))
                   .order_by(m.ClaimLink.score.desc(), m.ClaimLink.id).limit(1))
    prev = s.scalar(base.where(or_(m.ClaimLink.score > link.score,
                                   and_(m.ClaimLink.score == link.score, m.ClaimLink.id < link.id)))
                    .order_by(m.ClaimLink.score.asc(), m.ClaimLink.id.desc()).limit(1))
    return {"next": nxt, "prev": prev}


def _confirmed(s: Session):
    a, b = aliased(m.Claim), aliased(m.Claim)
    art_a, art_b = aliased(m.Article), aliased(m.Article)
    return s.execute(
        select(m.ClaimLink, a, b, art_a, art_b)
        .join(a, a.id == m.ClaimLink.claim_a_id).join(b, b.id == m.ClaimLink.claim_b_id)
        .join(art_a, art_a.id == a.article_id).join(art_b, art_b.id == b.article_id)
        .where(m.ClaimLink.status == "confirmed").order_by(m.ClaimLink.id)).all()


def claimreview(s: Session) -> list[dict]:
    """Confirmed contradictions as schema.org ClaimReview objects: the earlier claim is
    reviewed, the contradicting claim is the evidence, the reasons are the review body."""
    out = []
    for link, a, b, art_a, art_b in _confirmed(s):
        decided = s.scalar(select(m.ReviewEvent.created_at).where(m.ReviewEvent.link_id == link.id,
                                                                  m.ReviewEvent.to_status == "confirmed")
                           .order_by(m.ReviewEvent.id.desc()).limit(1))
        out.append({
            "@context": "https://schema.org", "@type": "ClaimReview",
            "claimReviewed": a.content,
            "itemReviewed": {"@type": "Claim",
                             "author": {"@type": "Person" if (a.speaker and a.speaker.label == "PERSON")
                                        else "Organization", "name": a.speaker_name or "unnamed source"},
                             "datePublished": art_a.published.date().isoformat() if art_a.published else None,
                             "appearance": {"@type": "NewsArticle", "url": art_a.canonical_url,
                                            "headline": art_a.title, "publisher": art_a.outlet}},
            "reviewRating": {"@type": "Rating", "alternateName": "Contradicted",
                             "ratingExplanation": "; ".join(r["text"] for r in link.reasons or [])},
            "reviewBody": f"{b.speaker_name or 'An unnamed source'} {b.cue}: {b.content}",
            "citation": {"@type": "NewsArticle", "url": art_b.canonical_url, "headline": art_b.title},
            "datePublished": decided.date().isoformat() if decided else None,
            "author": {"@type": "Organization", "name": "claimlink review desk"},
        })
    return out


def confirmed_csv(s: Session) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["link_id", "score", "speaker_a", "claim_a", "outlet_a", "url_a", "speaker_b", "claim_b",
                "outlet_b", "url_b", "reasons"])
    for link, a, b, art_a, art_b in _confirmed(s):
        w.writerow([link.id, link.score, a.speaker_name, a.content, art_a.outlet, art_a.canonical_url,
                    b.speaker_name, b.content, art_b.outlet, art_b.canonical_url,
                    json.dumps([r["text"] for r in link.reasons or []], ensure_ascii=False)])
    return buf.getvalue()
