"""What looks like personal data in text typed into an anonymous consultation, which
must hold none: personal identity numbers, names, phone numbers, e-mail addresses and
street addresses. The app warns while typing; the service layer refuses to save."""

from __future__ import annotations

import re

_PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:19|20)?\d{2}[01]\d[0-3]\d[-+ ]?\d{4}(?!\d)")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][a-zà-öø-ÿ]+")
_SENTENCE_END = re.compile(r"[.!?:]\s*$")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\d-])(?:\+46[\s-]?|0)\d{1,3}(?:[\s-]?\d{2,3}){2,4}(?![\d-])")
_ADDRESS = re.compile(
    r"\b[A-ZÅÄÖ][a-zåäöé]+(?:gatan|vägen|gränd|stigen|backen|torget|allén|plan|leden|väg|gata)"
    r"\s+\d+[A-Za-z]?\b",
)

# Capitalised words that are ordinary in notes about children and are not names.
_NOT_NAMES = {
    "jag",
    "vi",
    "han",
    "hon",
    "hen",
    "de",
    "den",
    "det",
    "en",
    "ett",
    "barnet",
    "eleven",
    "mamma",
    "pappa",
    "föräldrarna",
    "skolan",
    "förskolan",
    "socialtjänsten",
    "vården",
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
    "måndag",
    "tisdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lördag",
    "söndag",
    "sverige",
    "svenska",
    "the",
    "a",
    "an",
    "he",
    "she",
    "they",
    "i",
    "we",
    "mother",
    "father",
    "school",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
}
# Words that often start a sentence in a consultation note. A capitalised word at the
# start of a sentence is only a possible name when it is none of these.
_STARTERS = """när om efter innan sedan hans hennes deras vår våra i på för med till att men och så
    nu igår idag ibland ofta alltid aldrig flickan pojken familjen föräldern vårdnadshavaren
    vårdnadshavarna läraren mentorn kuratorn rektorn sköterskan personalen teamet denna detta
    här där vid under enligt trots även också både eftersom medan förra nästa varje alla några
    ingen inget inga många flera vissa ni man pappan mamman syskon prata ta ring boka kontakta
    fråga träffa erbjud hänvisa gör se be låt fortsätt skriv tala lyssna ge följ stötta vänta
    this that when after before talk ask call offer meet our his her their it there child
    pupil family parents teacher"""
_SENTENCE_STARTS = _NOT_NAMES | set(_STARTERS.split())


def personal_numbers(text: str) -> list[str]:
    """Substrings shaped like a Swedish personal identity number (YYMMDD-NNNN)."""
    return [m.group(0) for m in _PERSONAL_NUMBER.finditer(text or "")]


def possible_names(text: str) -> list[str]:
    """Capitalised words inside a sentence that might be someone's name."""
    found: list[str] = []
    for match in _WORD.finditer(text or ""):
        word = match.group(0)
        if not word[0].isupper() or word.casefold() in _NOT_NAMES:
            continue
        before = text[: match.start()]
        starts_sentence = not before.strip() or _SENTENCE_END.search(before)
        if starts_sentence and word.casefold() in _SENTENCE_STARTS:
            continue  # an ordinary word that only has its capital because it starts a sentence
        if word not in found:
            found.append(word)
    return found


def emails(text: str) -> list[str]:
    return [m.group(0) for m in _EMAIL.finditer(text or "")]


def phone_numbers(text: str) -> list[str]:
    """Swedish phone numbers (070-123 45 67, +46 70 123 45 67); not identity numbers."""
    numbers = set(personal_numbers(text))
    return [m.group(0) for m in _PHONE.finditer(text or "") if m.group(0) not in numbers]


def addresses(text: str) -> list[str]:
    """Street addresses such as "Storgatan 12"."""
    return [m.group(0) for m in _ADDRESS.finditer(text or "")]


def personal_data(text: str) -> dict[str, list[str]]:
    """Everything in ``text`` that looks like personal data, by kind; empty when none."""
    found = {
        "personal_number": personal_numbers(text),
        "email": emails(text),
        "phone": phone_numbers(text),
        "address": addresses(text),
    }
    hidden = {word for values in found.values() for v in values for word in v.split()}
    found["name"] = [n for n in _likely_names(text) if n not in hidden]
    return {kind: values for kind, values in found.items() if values}


def _likely_names(text: str) -> list[str]:
    """Names strict enough to refuse a save on: a capitalised word inside a sentence, or
    two capitalised words in a row at its start ("Eva Svensson"). A lone capital at the
    start of a sentence ("Tre barn ...") is only warned about while typing."""
    words = list(_WORD.finditer(text or ""))
    found: list[str] = []
    for index, match in enumerate(words):
        word = match.group(0)
        if not word[0].isupper() or word.casefold() in _NOT_NAMES:
            continue
        before = text[: match.start()]
        if not before.strip() or _SENTENCE_END.search(before):
            following = words[index + 1] if index + 1 < len(words) else None
            joined = following is not None and not text[match.end() : following.start()].strip()
            if not (joined and following is not None and following.group(0)[0].isupper()):
                continue
        if word not in found:
            found.append(word)
    return found
