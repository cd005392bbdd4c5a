"""Pure library code: fetching, articles and claims. No database, no orchestration."""

from .claims import ClaimExtractor, extract_claims, find_quotes
from .errors import ClaimlinkError
from .nlp import load_pipeline
from .types import Article, Claim, FetchResult, Speaker, TextSpan

__all__ = ["Article", "Claim", "ClaimExtractor", "ClaimlinkError", "FetchResult", "Speaker",
           "TextSpan", "extract_claims", "find_quotes", "load_pipeline"]
