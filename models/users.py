"""Accounts of the review desk: creation, passwords, roles, disabling, removal, sessions.

This is the store layer: the command line, the benchmarks and the web app all call these
functions, and none of them imports the web app to manage users. Functions take a
``Session`` and never commit: the caller owns the transaction.

A session cookie holds :func:`session_token`: the user's id, ``session_generation`` and a
fingerprint of the password hash. Every request checks it against the ``users`` table
(:func:`session_user`), so bumping the generation (:func:`end_sessions`: logout, disable,
role change) ends every cookie issued before; a removed user's cookie finds no row, or a row
of a new account with another password hash (SQLite may reuse the id).
"""

from __future__ import annotations

import hashlib
import hmac

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimlink.errors import ClaimlinkError
from claimlink.models import schema as m
from claimlink.models.store import utcnow

#: ``admin``: decisions, bulk actions, reopening a decided pair; ``reviewer``: decisions.
ROLES = ("admin", "reviewer")
_hasher = PasswordHasher()


class UserError(ClaimlinkError, ValueError):
    """A review desk account cannot be created or changed as asked."""

    code = "E620"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def add_user(session: Session, name: str, password: str, role: str = "reviewer") -> m.User:
    """Create an account (a ``reviewer`` unless ``role`` says ``admin``)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise UserError("a user name is 1 to 100 characters")
    if len(password) < 8:
        raise UserError("a password has at least 8 characters")
    _check_role(role)
    if session.scalar(select(m.User.id).where(m.User.name == name)) is not None:
        raise UserError(f"user {name!r} exists already")
    user = m.User(name=name, password_hash=hash_password(password), role=role)
    session.add(user)
    return user


def check_password(session: Session, name: str, password: str) -> m.User | None:
    """The active user ``name`` if ``password`` is theirs, else None. One argon2 computation
    whether the user exists, is disabled or not, so timing tells nothing."""
    user = session.scalars(select(m.User).where(m.User.name == name)).one_or_none()
    if user is None:
        _hasher.hash(password)  # same work whether or not the user exists
        return None
    try:
        ok = _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return None
    return user if ok and user.disabled_at is None else None


def session_token(user: m.User) -> str:
    """What a session cookie carries to name ``user`` until :func:`end_sessions`."""
    fingerprint = hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]
    return f"{user.id}:{user.session_generation}:{fingerprint}"


def session_user(session: Session, token: object) -> m.User | None:
    """The user a session cookie names, if that cookie is still valid: the row exists, the
    account is not disabled and the token is the one :func:`session_token` gives now."""
    user_id = token.split(":", 1)[0] if isinstance(token, str) else ""
    if not (user_id.isascii() and user_id.isdigit() and int(user_id) < 2**31):
        return None
    user = session.get(m.User, int(user_id))
    if user is None or user.disabled_at is not None or not hmac.compare_digest(session_token(user), token):
        return None
    return user


def end_sessions(user: m.User) -> None:
    """Invalidate every session cookie issued to ``user`` so far."""
    user.session_generation += 1


def disable_user(session: Session, name: str) -> m.User:
    """Refuse further logins by ``name`` and end their sessions; their decisions stay."""
    user = _get(session, name)
    user.disabled_at = user.disabled_at or utcnow()
    end_sessions(user)
    return user


def remove_user(session: Session, name: str) -> None:
    """Delete the account. ``review_events`` keep the reviewer's name: the audit is untouched."""
    session.delete(_get(session, name))


def set_role(session: Session, name: str, role: str) -> m.User:
    _check_role(role)
    user = _get(session, name)
    user.role = role
    end_sessions(user)  # a demoted admin must not keep an admin session
    return user


def _get(session: Session, name: str) -> m.User:
    user = session.scalars(select(m.User).where(m.User.name == name)).one_or_none()
    if user is None:
        raise UserError(f"no user {name!r}")
    return user


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UserError(f"unknown role {role!r} (use {' or '.join(ROLES)})")
