"""First names and their usual sex, from the 1990 US census name lists.

The census counts of first names (male and female) and of surnames ship with the ``names``
package (MIT licence; ``dist.male.first``, ``dist.female.first``, ``dist.all.last``: a name,
then its share of people in percent). Speaker resolution asks two things of them:

- :func:`is_first_name`: is a lone word far more often someone's first name than a surname?
  "Michele" and "Donald" are; "Hale", "Trump" and "Graham" are not. A bare first name is not
  a speaker the desk can recognise: it takes the article's full name or no name at all.
- :func:`pronoun_sex`: the sex a first name points to, when the census is nearly unanimous,
  so that "she" is not resolved to a man named just before it.

Words missing from the lists ("Twitter", "Bucknell") are neither first names nor gendered.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

#: A word is a first name when its share among first names is this many times its share
#: among surnames: "Donald" (0.93% vs 0.005%) and "Isabelle" (0.019% vs 0.001%) are;
#: "Kelly" (0.35% vs 0.10%) and "Clinton" (0.065% vs 0.007%) are not.
FIRST_NAME_RATIO = 10.0
#: A first name points to one sex when that sex's share is this many times the other's.
SEX_RATIO = 10.0
_MALE, _FEMALE, _LAST = "dist.male.first", "dist.female.first", "dist.all.last"


@lru_cache(maxsize=3)
def _shares(filename: str) -> dict[str, float]:
    """``{NAME: percent}`` of one census list; empty when the lists are not installed."""
    try:
        text = (resources.files("names") / filename).read_text(encoding="ascii")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0]] = float(parts[1])
    return out


def _key(word: str) -> str:
    return word.strip(".,'’").upper()


def is_first_name(word: str) -> bool:
    """Is ``word`` (one word) far more often a first name than a surname?"""
    w = _key(word)
    first = _shares(_MALE).get(w, 0.0) + _shares(_FEMALE).get(w, 0.0)
    if first <= 0:
        return False
    return first >= FIRST_NAME_RATIO * max(_shares(_LAST).get(w, 0.0), 0.0005)


def is_census_name(word: str) -> bool:
    """Is ``word`` anyone's first name or surname in the census lists ("From", "Schilling")?"""
    w = _key(word)
    return w in _shares(_LAST) or w in _shares(_MALE) or w in _shares(_FEMALE)


def name_sex(name: str) -> str | None:
    """"m" or "f" when the first word of ``name`` is a first name of nearly only one sex."""
    words = name.split()
    if len(words) < 2 and not is_first_name(name):
        return None  # a lone surname says nothing about sex
    w = _key(words[0])
    male, female = _shares(_MALE).get(w, 0.0), _shares(_FEMALE).get(w, 0.0)
    if male >= SEX_RATIO * max(female, 0.0005):
        return "m"
    if female >= SEX_RATIO * max(male, 0.0005):
        return "f"
    return None


#: The sex a third-person pronoun refers to.
PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def agrees(pronoun: str, name: str) -> bool:
    """Can ``pronoun`` refer to ``name``? False only when both have a clear, different sex."""
    want = PRONOUN_SEX.get(pronoun.lower())
    have = name_sex(name)
    return want is None or have is None or want == have
