"""The English catalogue is complete: every message has an English translation written for
people, and none is left fuzzy (a guess of makemessages that Django does not use)."""

import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _unquote(line: str) -> str:
    text = line[line.index('"') + 1 : line.rindex('"')]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), text)


def read_entries(text: str) -> list[dict]:
    """The entries of a .po file: msgid, the translations and the flags of each."""
    entries = []
    for block in text.split("\n\n"):
        entry = {"flags": set(), "msgid": "", "msgstr": {}}
        current = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith(("msgid ", "msgid_plural ", "msgctxt ")):
                current = ("id", line.split()[0])
                entry.setdefault(current[1], "")
                entry[current[1]] = _unquote(line)
            elif line.startswith("msgstr"):
                key = line.split()[0]
                current = ("str", key)
                entry["msgstr"][key] = _unquote(line)
            elif line.startswith('"') and current:
                if current[0] == "id":
                    entry[current[1]] += _unquote(line)
                else:
                    entry["msgstr"][current[1]] += _unquote(line)
        if entry["msgstr"]:
            entries.append(entry)
    return entries


def test_every_english_message_is_translated_and_none_is_fuzzy():
    entries = [e for e in read_entries(CATALOGUE.read_text(encoding="utf-8")) if e["msgid"]]
    assert len(entries) > 100
    empty = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not empty, f"{len(empty)} without English: {empty[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:20]}"


def test_the_reader_sees_an_empty_and_a_fuzzy_entry():
    text = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "Quý %(q)s"\nmsgstr "Quarter %(q)s"\n\n'
        'msgid ""\n"Dòng một "\n"dòng hai"\nmsgstr ""\n'
    )
    header, fuzzy, empty = read_entries(text)
    assert header["msgid"] == "" and "fuzzy" in fuzzy["flags"]
    assert empty["msgid"] == "Dòng một dòng hai" and empty["msgstr"] == {"msgstr": ""}
