"""Typed values passed between the stages. Offsets are Python ``str`` offsets."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Literal

Kind = Literal["direct", "indirect", "mixed"]
Stance = Literal["asserts", "denies"]


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of a text: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Speaker:
    """Who a claim is attributed to.

    ``mention`` is what the sentence says ("he", "the official"); ``name`` is the name it
    resolves to in the article ("Valery Gerasimov"), ``title`` the description written with
    it ("Russia's chief military officer"), and ``key`` the canonical form shared across
    articles ("valery gerasimov").
    """

    mention: TextSpan
    name: str | None = None
    title: str | None = None
    key: str | None = None
    label: str | None = None  # PERSON, ORG, GPE, NORP or None


@dataclass(slots=True)
class Claim:
    """An attributed claim: ``speaker`` ``cue`` ``content``.

    ``sentence`` is the span of the sentence(s) the claim stands in; ``target_speaker`` and
    ``target_content`` are set on denials ("denied Gerasimov's claims that ...").
    """

    cue: TextSpan
    content: list[TextSpan]
    speaker: Speaker | None
    kind: Kind
    stance: Stance = "asserts"
    cue_lemma: str = ""
    sentence: TextSpan | None = None
    target_speaker: str | None = None
    target_content: TextSpan | None = None
    paragraph: int = 0
    #: The name of the rule that found the claim (a verb pattern, "according_to", ...).
    rule: str = ""
    #: The parse token of the speaker, for speaker resolution; not serialised.
    subject_token: object = field(default=None, repr=False, compare=False)

    @property
    def content_text(self) -> str:
        return " ".join(s.text for s in self.content)

    @property
    def start(self) -> int:
        return min([self.cue.start] + [s.start for s in self.content])

    def to_dict(self) -> dict:
        """The JSON shape of ``claimlink extract``."""
        return {
            "speaker": self.speaker.mention.to_dict() if self.speaker else None,
            "speaker_name": self.speaker.name if self.speaker else None,
            "speaker_title": self.speaker.title if self.speaker else None,
            "cue": self.cue.to_dict(),
            "content": [s.to_dict() for s in self.content],
            "kind": self.kind,
            "stance": self.stance,
            "target_speaker": self.target_speaker,
        }


@dataclass(slots=True)
class Article:
    """A web page reduced to what the pipeline needs."""

    url: str
    canonical_url: str
    text: str
    title: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass(slots=True)
class FetchResult:
    """One HTTP fetch: the final URL after redirects, the decoded body and validators."""

    url: str
    final_url: str
    status: int
    content_type: str
    text: str
    nbytes: int
    elapsed: float
    etag: str | None = None
    last_modified: str | None = None
    #: The body as received (after Content-Encoding), before decoding to text: what
    #: XML parsers read, so they apply the document's own encoding declaration once.
    body: bytes = field(default=b"", repr=False)

    @property
    def not_modified(self) -> bool:
        return self.status == 304
