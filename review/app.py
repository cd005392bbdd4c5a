"""The fact-checkers' review desk: a server-rendered queue of flagged contradictions.

FastAPI with Jinja2 templates (autoescaping on: article text comes from arbitrary web
pages and is always escaped), signed session cookies checked against the ``users`` table on
every request, a CSRF token on every state-changing request, throttled logins with argon2
hashes (``throttle.py``), roles (``admin``: bulk actions and reopening; ``reviewer``:
decisions), security headers on every response (``security.py``) and parameterised queries
only. Every decision is appended to ``review_events``; a rejected pair stays rejected (the
linker never flags a pair twice). Accounts are managed in ``claimlink.models.users``.
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased
from starlette.middleware.sessions import SessionMiddleware

from claimlink.extractors.text import paragraph_bounds
from claimlink.models import make_engine
from claimlink.models import schema as m
from claimlink.models.clusters import cluster_outlet_counts
from claimlink.models.users import UserError, check_password, disable_user, end_sessions, session_token, session_user
from claimlink.review.carriers import carrier_articles
from claimlink.review.exports import claimreview, claimreview_json, confirmed_csv, web_url
from claimlink.review.security import SecurityHeaders, form_ids, link_id_or_404, page_cursor
from claimlink.review.throttle import Busy, LoginThrottle

HERE = Path(__file__).resolve().parent
STATUSES = ("open", "confirmed", "rejected", "needs_work")
DECISIONS = {"confirm": "confirmed", "reject": "rejected", "needs_work": "needs_work", "reopen": "open"}
PAGE_SIZE = 50
_UNSET = object()
_LOCAL_TARGET = re.compile(r"/(pair/[0-9]{1,10})?")


@dataclass(frozen=True)
class Account:
    """The logged-in user of one request, as the ``users`` table has it now."""

    id: int
    name: str
    role: str

    @property
    def admin(self) -> bool:
        return self.role == "admin"


def create_app(database_url: str, secret_key: str | None = None, *, secure_cookies: bool = False,
               throttle: LoginThrottle | None = None) -> FastAPI:
    """The desk's ASGI app. ``secure_cookies`` marks the session cookie ``Secure`` (behind TLS);
    ``throttle`` (a fresh :class:`LoginThrottle` by default) holds login failures and hash slots."""
    engine = make_engine(database_url)
    throttle = LoginThrottle() if throttle is None else throttle
    app = FastAPI(title="claimlink review", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(SessionMiddleware, secret_key=secret_key or secrets.token_hex(32),
                       session_cookie="claimlink_session", same_site="strict",
                       https_only=secure_cookies, max_age=12 * 3600)
    app.add_middleware(SecurityHeaders)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def account_of(request: Request) -> Account | None:
        """The session's user if the cookie is still valid; an ended session is cleared."""
        if getattr(request.state, "account", _UNSET) is _UNSET:
            account = None
            if "sid" in request.session:
                with Session(engine) as s:
                    user = session_user(s, request.session["sid"])
                    account = user and Account(user.id, user.name, user.role)
                if account is None:
                    request.session.clear()
            request.state.account = account
        return request.state.account

    def csrf_token(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = secrets.token_urlsafe(32)
        return token

    def require_user(request: Request) -> Account:
        account = account_of(request)
        if account is None:
            raise HTTPException(status_code=303, headers={"Location": "/login"})
        return account

    def require_admin(request: Request) -> Account:
        account = require_user(request)
        if not account.admin:
            raise HTTPException(403, "only an admin may do this")
        return account

    def require_csrf(request: Request, token: str | None) -> None:
        expected = request.session.get("csrf")
        if not expected or not token or not secrets.compare_digest(expected, token):
            raise HTTPException(status_code=403, detail="missing or wrong CSRF token; reload the page")

    def render(request: Request, name: str, status_code: int = 200, **ctx) -> HTMLResponse:
        account = account_of(request)
        return templates.TemplateResponse(request, name, {"user": account and account.name,
                                                          "admin": bool(account and account.admin),
                                                          "csrf": csrf_token(request), **ctx},
                                          status_code=status_code)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if exc.status_code == 303:
            return RedirectResponse(exc.headers["Location"], status_code=303)
        account = getattr(request.state, "account", None)
        return HTMLResponse(templates.get_template("error.html").render(status=exc.status_code, detail=exc.detail,
                                                                         user=account and account.name),
                            status_code=exc.status_code)

    # -- login ----------------------------------------------------------------------------
    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request):
        return render(request, "login.html", error=None)

    @app.post("/login")
    def login(request: Request, name: str = Form(...), password: str = Form(...), csrf: str = Form(None)):
        require_csrf(request, csrf)
        name = name[:100]
        address = request.client.host if request.client else "unknown"
        wait = throttle.retry_after(name, address)
        if wait > 0:
            return render(request, "login.html", status_code=429,
                          error=f"Too many failed logins: try again in {math.ceil(wait)} s.")
        try:
            with throttle.hash_slot(), Session(engine) as s:
                user = check_password(s, name, password)
                granted = user and session_token(user)
        except Busy:
            return render(request, "login.html", status_code=503, error="The desk is busy: try again in a moment.")
        if not granted:
            throttle.failed(name, address)
            return render(request, "login.html", error="Unknown user or wrong password.")
        throttle.succeeded(name)
        request.session.clear()
        request.session["sid"] = granted
        csrf_token(request)
        return RedirectResponse("/", status_code=303)

    @app.post("/logout")
    def logout(request: Request, csrf: str = Form(None)):
        require_csrf(request, csrf)
        account = account_of(request)
        if account is not None:
            with Session(engine) as s, s.begin():
                end_sessions(s.get(m.User, account.id))  # every cookie of this user, not only this one
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    # -- queue ----------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    def queue(request: Request, status: str = "open", speaker: str = "", outlet: str = "", since: str = "",
              until: str = "", relation: str = "contradicts", after: str = ""):
        require_user(request)
        a, b = aliased(m.Claim), aliased(m.Claim)
        art_a, art_b = aliased(m.Article), aliased(m.Article)
        # one row per pair of claim clusters (links made before clustering may share one)
        conds = [m.ClaimLink.cluster_pair.is_not(None)]
        conds += [m.ClaimLink.relation == relation] if relation else []
        if status in STATUSES:
            conds.append(m.ClaimLink.status == status)
        if speaker:
            like = f"%{speaker.lower()}%"
            conds.append(or_(func.lower(a.speaker_name).like(like), func.lower(b.speaker_name).like(like)))
        if outlet:
            carried = select(m.Claim.cluster_id).join(m.Article, m.Article.id == m.Claim.article_id) \
                .where(m.Article.outlet == outlet)
            conds.append(or_(art_a.outlet == outlet, art_b.outlet == outlet, m.ClaimLink.cluster_a_id.in_(carried),
                             m.ClaimLink.cluster_b_id.in_(carried)))
        for bound, op in ((since, ">="), (until, "<=")):
            if bound:
                try:
                    when = datetime.fromisoformat(bound).replace(tzinfo=timezone.utc)
                except ValueError:
                    raise HTTPException(400, f"not a date: {bound!r} (use YYYY-MM-DD)") from None
                conds.append(art_b.published >= when if op == ">=" else art_b.published <= when)
        if after:
            score, last = page_cursor(after)
            conds.append(or_(m.ClaimLink.score < score, and_(m.ClaimLink.score == score, m.ClaimLink.id > last)))
        q = (select(m.ClaimLink.id, m.ClaimLink.score, m.ClaimLink.status, m.ClaimLink.reasons,
                    a.speaker_name, a.content, b.speaker_name, b.content, art_b.outlet, art_b.published,
                    m.ClaimLink.cluster_a_id, m.ClaimLink.cluster_b_id)
             .join(a, a.id == m.ClaimLink.claim_a_id).join(b, b.id == m.ClaimLink.claim_b_id)
             .join(art_a, art_a.id == a.article_id).join(art_b, art_b.id == b.article_id)
             .where(*conds).order_by(m.ClaimLink.score.desc(), m.ClaimLink.id).limit(PAGE_SIZE + 1))
        with Session(engine) as s:
            rows = s.execute(q).all()
            counts = dict(s.execute(select(m.ClaimLink.status, func.count()).where(m.ClaimLink.cluster_pair.is_not(None))
                                    .group_by(m.ClaimLink.status)).all())
            carriers = cluster_outlet_counts(s, [c for r in rows[:PAGE_SIZE] for c in (r[10], r[11])])
            outlets = [o for o in s.scalars(select(m.Article.outlet).where(m.Article.outlet.is_not(None))
                                            .distinct().order_by(m.Article.outlet).limit(500))]
        more = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE]
        items = [{"id": r[0], "score": r[1], "status": r[2], "reasons": [x["text"] for x in r[3] or []],
                  "speaker_a": r[4], "content_a": r[5], "speaker_b": r[6], "content_b": r[7], "outlet": r[8],
                  "published": r[9], "outlets_a": carriers.get(r[10], []), "outlets_b": carriers.get(r[11], [])}
                 for r in rows]
        next_cursor = f"{rows[-1][1]}:{rows[-1][0]}" if more and rows else ""
        filters = {"status": status, "speaker": speaker, "outlet": outlet, "since": since, "until": until,
                   "relation": relation}
        return render(request, "queue.html", items=items, counts={k: counts.get(k, 0) for k in STATUSES},
                      filters=filters, outlets=outlets, next_cursor=next_cursor)

    # -- one pair ---------------------------------------------------------------------------
    @app.get("/pair/{link_id}", response_class=HTMLResponse)
    def pair(request: Request, link_id: int):
        require_user(request)
        link_id_or_404(link_id)
        with Session(engine) as s:
            link = s.get(m.ClaimLink, link_id)
            if link is None:
                raise HTTPException(404, f"no flagged pair {link_id}")
            sides = [_side(s, link.claim_a), _side(s, link.claim_b)]
            carried = carrier_articles(s, [link.cluster_a_id, link.cluster_b_id])
            for side, cid in zip(sides, (link.cluster_a_id, link.cluster_b_id)):
                side["carried"] = carried.get(cid, [])
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
        account = require_user(request)
        require_csrf(request, csrf)
        link_id_or_404(link_id)
        if decision not in DECISIONS:
            raise HTTPException(400, f"unknown decision {decision!r}")
        if decision == "reopen" and not account.admin:
            raise HTTPException(403, "only an admin may reopen a pair")
        with Session(engine) as s, s.begin():
            link = s.get(m.ClaimLink, link_id)
            if link is None:
                raise HTTPException(404, f"no flagged pair {link_id}")
            _record(s, link, DECISIONS[decision], account.name, note)
        # only the queue or a pair: "/\\evil.test" passes a startswith("/") check but browsers follow it off-site
        target = next_url if _LOCAL_TARGET.fullmatch(next_url) else f"/pair/{link_id}"
        return RedirectResponse(target, status_code=303)

    @app.post("/bulk-reject")
    def bulk_reject(request: Request, ids: list[str] = Form(default=[]), note: str = Form(""),
                    csrf: str = Form(None)):
        account = require_admin(request)
        require_csrf(request, csrf)
        link_ids = form_ids(ids[:500])
        with Session(engine) as s, s.begin():
            for link in s.scalars(select(m.ClaimLink).where(m.ClaimLink.id.in_(link_ids))):
                if link.status != "rejected":
                    _record(s, link, "rejected", account.name, note or "bulk reject")
        return RedirectResponse("/", status_code=303)

    @app.get("/audit", response_class=HTMLResponse)
    def audit(request: Request):
        require_user(request)
        with Session(engine) as s:
            events = s.scalars(select(m.ReviewEvent).order_by(m.ReviewEvent.id.desc()).limit(200)).all()
            rows = [{"id": e.id, "link": e.link_id, "reviewer": e.reviewer, "from": e.from_status, "to": e.to_status,
                     "note": e.note, "at": e.created_at} for e in events]
        return render(request, "audit.html", events=rows)

    # -- accounts (admins) ------------------------------------------------------------------------
    @app.get("/users", response_class=HTMLResponse)
    def accounts(request: Request):
        require_admin(request)
        with Session(engine) as s:
            rows = [{"name": u.name, "role": u.role, "disabled": u.disabled_at is not None, "created": u.created_at}
                    for u in s.scalars(select(m.User).order_by(m.User.name))]
        return render(request, "users.html", accounts=rows)

    @app.post("/users/disable")
    def disable_account(request: Request, name: str = Form(...), csrf: str = Form(None)):
        account = require_admin(request)
        require_csrf(request, csrf)
        if name == account.name:
            raise HTTPException(400, "an admin cannot disable their own account here")
        with Session(engine) as s, s.begin():
            try:
                disable_user(s, name)
            except UserError as exc:
                raise HTTPException(404, str(exc)) from None
        return RedirectResponse("/users", status_code=303)

    # -- export -------------------------------------------------------------------------------
    @app.get("/export/claimreview.json")
    def export_claimreview(request: Request):
        require_user(request)
        with Session(engine) as s:
            return Response(claimreview_json(claimreview(s)), media_type="application/ld+json")

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
            "published": art.published, "url": web_url(art.canonical_url),
            "others": [{"cue": o[1], "content": o[2], "title": o[3]} for o in others]}


def _paragraph(text: str, start: int | None, sentence: str | None) -> tuple[str, str, str, str]:
    """The paragraph around a sentence, split into (paragraph, before, sentence, after)."""
    if start is None or not sentence or text[start:start + len(sentence)] != sentence:
        return sentence or "", "", sentence or "", ""
    p_start, p_end = paragraph_bounds(text, start)
    return text[p_start:p_end], text[p_start:start], sentence, text[start + len(sentence):p_end]


def _neighbours(s: Session, link: m.ClaimLink) -> dict:
    """Previous and next open pair in queue order, for j/k."""
    base = select(m.ClaimLink.id).where(m.ClaimLink.status == "open", m.ClaimLink.relation == link.relation,
                                        m.ClaimLink.cluster_pair.is_not(None))
    nxt = s.scalar(base.where(or_(m.ClaimLink.score < link.score,
                                  and_(m.ClaimLink.score == link.score, m.ClaimLink.id > link.id)))
                   .order_by(m.ClaimLink.score.desc(), m.ClaimLink.id).limit(1))
    prev = s.scalar(base.where(or_(m.ClaimLink.score > link.score,
                                   and_(m.ClaimLink.score == link.score, m.ClaimLink.id < link.id)))
                    .order_by(m.ClaimLink.score.asc(), m.ClaimLink.id.desc()).limit(1))
    return {"next": nxt, "prev": prev}
