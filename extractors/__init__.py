"""Pure library code: fetching, articles and claims. No database, no orchestration.

The names below are loaded on first use, so that importing a light module of this package
(``claimlink.extractors.text`` from the review desk, say) does not load spaCy.
"""

from importlib import import_module

_EXPORTS = {
    "Article": "types", "Claim": "types", "FetchResult": "types", "Speaker": "types", "TextSpan": "types",
    "ClaimExtractor": "claims", "extract_claims": "claims", "find_quotes": "quotes",
    "ClaimlinkError": "errors", "load_pipeline": "nlp",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
