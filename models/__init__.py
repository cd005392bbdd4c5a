"""The store: SQLAlchemy ORM models and idempotent store functions.

Store functions take a ``Session`` and never commit: the caller owns the transaction.
"""

from .db import StoreError, check_store, make_engine, upgrade
from .schema import (Article, ArticleUrl, Base, Claim, ClaimKey, ClaimLink, FetchLog, Source, Speaker,
                     ReviewEvent, UrlState, User)

__all__ = ["Article", "ArticleUrl", "Base", "Claim", "ClaimKey", "ClaimLink", "FetchLog", "ReviewEvent", "Source", "Speaker",
           "StoreError", "UrlState", "User", "check_store", "make_engine", "upgrade"]
