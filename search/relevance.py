"""Scoring the search against a relevance set: queries as a clerk types them, each with the
result the clerk is looking for (its kind and a piece of its title or text; petitions'
receipt codes are random, so they are told by their text), chosen by reading the
demo data. A query scores when that result is among the first ``TOP`` results the user gets.

The set lives in ``search/relevance/demo.json`` (for ``dvcq load-demo``); ``dvcq
search-relevance`` prints the score and each miss.
"""

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from search.query import parse
from search.services import search

TOP = 3
DEMO_SET = Path(__file__).resolve().parent / "relevance" / "demo.json"


@dataclass
class Outcome:
    query: str
    expected: str
    rank: int | None  # 1-based rank of the expected result, None when not on the first page
    top: list[str]

    @property
    def hit(self) -> bool:
        return self.rank is not None and self.rank <= TOP


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def load(path: Path = DEMO_SET) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


def score(user, cases: list[dict]) -> list[Outcome]:
    outcomes = []
    for case in cases:
        kind, text = case["kind"], _nfc(case["text"])
        entries = search(user, parse(case["query"])).entries
        rank = next(
            (
                i
                for i, entry in enumerate(entries, 1)
                if entry.kind == kind and text in _nfc(f"{entry.title}\n{entry.body}")
            ),
            None,
        )
        outcomes.append(
            Outcome(
                query=case["query"],
                expected=f"{kind}: {text}",
                rank=rank,
                top=[f"{e.kind}: {e.title[:70]}" for e in entries[:TOP]],
            )
        )
    return outcomes


def share(outcomes: list[Outcome]) -> float:
    return sum(o.hit for o in outcomes) / len(outcomes) if outcomes else 0.0
