"""Normalising the places and parties that claims are about.

News names a country by its capital ("Moscow said"), its people ("Russian troops") or its
name; contradictions about control or responsibility hinge on seeing those as one party.
The table lists countries that are common in news with their capital and demonyms
(facts from any atlas). Unknown names pass through, case-folded.
"""

from __future__ import annotations

import re
import unicodedata

_COUNTRIES = {
    "russia": ["moscow", "kremlin", "russian", "russians", "russian federation"],
    "ukraine": ["kyiv", "kiev", "ukrainian", "ukrainians"],
    "united states": ["us", "u.s.", "usa", "u.s.a.", "america", "american", "americans", "washington",
                      "white house", "united states of america"],
    "united kingdom": ["uk", "u.k.", "britain", "great britain", "british", "london", "downing street"],
    "china": ["beijing", "chinese", "prc"],
    "france": ["paris", "french", "elysee"],
    "germany": ["berlin", "german", "germans"],
    "israel": ["jerusalem", "israeli", "israelis"],
    "palestine": ["palestinian", "palestinians", "ramallah"],
    "iran": ["tehran", "iranian", "iranians"],
    "iraq": ["baghdad", "iraqi", "iraqis"],
    "syria": ["damascus", "syrian", "syrians"],
    "turkey": ["ankara", "turkish", "turks", "turkiye"],
    "north korea": ["pyongyang", "north korean", "north koreans", "dprk"],
    "south korea": ["seoul", "south korean", "south koreans"],
    "japan": ["tokyo", "japanese"],
    "india": ["new delhi", "delhi", "indian", "indians"],
    "pakistan": ["islamabad", "pakistani", "pakistanis"],
    "afghanistan": ["kabul", "afghan", "afghans"],
    "egypt": ["cairo", "egyptian", "egyptians"],
    "saudi arabia": ["riyadh", "saudi", "saudis"],
    "mexico": ["mexico city", "mexican", "mexicans"],
    "canada": ["ottawa", "canadian", "canadians"],
    "brazil": ["brasilia", "brazilian", "brazilians"],
    "poland": ["warsaw", "polish", "poles"],
    "belarus": ["minsk", "belarusian"],
    "hungary": ["budapest", "hungarian"],
    "italy": ["rome", "italian", "italians"],
    "spain": ["madrid", "spanish"],
    "venezuela": ["caracas", "venezuelan"],
    "cuba": ["havana", "cuban", "cubans"],
    "lebanon": ["beirut", "lebanese"],
    "yemen": ["sanaa", "yemeni"],
    "libya": ["tripoli", "libyan"],
    "nigeria": ["abuja", "nigerian"],
    "european union": ["eu", "e.u.", "brussels", "european commission"],
    "nato": ["north atlantic treaty organization"],
    "united nations": ["un", "u.n."],
}
#: Keyed as :func:`normalise` leaves a name: trailing dots stripped ("U.S." -> "u.s").
ALIASES = {alias.strip("."): country for country, names in _COUNTRIES.items() for alias in names}
ALIASES.update({c: c for c in _COUNTRIES})


def normalise(name: str) -> str:
    """``"Moscow's"`` -> ``"russia"``; ``"the Kharkiv region"`` -> ``"kharkiv region"``."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['’]s\b|['’]", "", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    text = re.sub(r"\s+", " ", text).strip(" .,")
    return ALIASES.get(text, text)


def is_party(key: str) -> bool:
    """Is ``key`` a country or bloc from the table (a party to a conflict)?"""
    return key in _COUNTRIES
