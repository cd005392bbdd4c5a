"""Hand-built parsed Docs for rule tests: no statistical model, so no model upgrade can
move them. A Doc is written as a table, one token per line::

    word  POS  dep  head  lemma  [ENT]

``head`` is the absolute index of the head token (its own index for the root); ``ENT``
is an entity label (B-/I- is worked out from consecutive tokens) or omitted. A line
``--`` starts a new sentence.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

_NLP = spacy.blank("en")
NO_SPACE_BEFORE = {".", ",", "'s", "’s", "”", ":", "?", "!", "n't"}
NO_SPACE_AFTER = {"“"}


def make_doc(table: str) -> Doc:
    words, pos, deps, heads, lemmas, ents, sent_starts = [], [], [], [], [], [], []
    new_sentence = True
    for line in table.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        if line == "--":
            new_sentence = True
            continue
        parts = line.split()
        word, p, dep, head, lemma = parts[:5]
        ent = parts[5] if len(parts) > 5 else "O"
        words.append(word)
        pos.append(p)
        deps.append(dep)
        heads.append(int(head))
        lemmas.append(lemma)
        ents.append(ent)
        sent_starts.append(new_sentence)
        new_sentence = False
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        spaces.append(nxt is not None and nxt not in NO_SPACE_BEFORE and w not in NO_SPACE_AFTER
                      and not (w == "”" and nxt in NO_SPACE_BEFORE))
    iob = []
    for i, e in enumerate(ents):
        if e == "O":
            iob.append("O")
        elif i > 0 and ents[i - 1] == e:
            iob.append(f"I-{e}")
        else:
            iob.append(f"B-{e}")
    # quote marks: no space after an opening mark, none before a closing one
    for i, w in enumerate(words):
        if w == "”" and i > 0:
            spaces[i - 1] = False
    tags = [{"VERB": "VBD", "NOUN": "NN", "PROPN": "NNP"}.get(p, "XX") for p in pos]
    for i, (w, p) in enumerate(zip(words, pos)):
        if p == "NOUN" and w.endswith("s") and lemmas[i] != w:
            tags[i] = "NNS"
    return Doc(_NLP.vocab, words=words, spaces=spaces, pos=pos, deps=deps, heads=heads, lemmas=lemmas,
               ents=iob, sent_starts=sent_starts, tags=tags)


def only(claims):
    """The one claim of a list, or a failure that shows what was found."""
    assert len(claims) == 1, [(c.cue.text, c.content_text) for c in claims]
    return claims[0]
