"""Contradiction linking: block candidate pairs, then score them with reasons."""

from .blocking import BlockingIndex, index_keys, lookup_keys
from .core import Link, link_new, paused_gc
from .proposition import TermStats
from .record import Features
from .scoring import LINKER_VERSION, ClaimRecord, Reason, Verdict, score_pair

__all__ = ["BlockingIndex", "ClaimRecord", "Features", "LINKER_VERSION", "Link", "Reason", "TermStats", "Verdict",
           "index_keys", "link_new", "paused_gc", "lookup_keys", "score_pair"]
