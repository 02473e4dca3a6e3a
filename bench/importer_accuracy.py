"""How well the program importer reads documents whose reading is known.

Scores the seed program in its three forms (.txt, .docx, .auto-numbering.docx) against
``dvcq/seed/chuong-trinh-dvcq-2023.expected.json`` and each ``*.txt`` of the shared corpus
against its ``.expected.json``, and prints per document and in total:

- citations: precision, recall and F1; a found citation matches an expected one when they
  name the same document (import-format.md: kind and number equal, symbols equal after
  folding case and removing ``-``, ``/``, ``.`` and spaces), the expected one's ``aliases``
  giving other spellings;
- header fields right (doc_type, number_symbol, place, date, year, title, issuer);
- items found (expected items whose ``text_starts`` begins a found item, in order);
- periods right (of the expected items; an expected period code that import-format.md does
  not allow is counted as a mismatch and named in a note);
- recipients (entries found, against the longer of the two lists) and signer fields right.

Whatever the corpus marks ``truncated`` (cut off by the published excerpt) counts when found
and is not required when missing.  Exits with status 1 when the seed is not read perfectly.

    .venv/bin/python bench/importer_accuracy.py [--corpus DIR | --split train|test|all] [--verbose]

``--split`` scores the project's own corpus, ``bench/corpus/<split>`` (``all``: both splits,
each with its totals, then the two together); ``--corpus`` any other folder.
"""

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from documents.importing import (  # noqa: E402
    ImportFileError,
    is_valid_period,
    parse_program_text,
    read_document,
)

SEED_DIR = ROOT / "dvcq" / "seed"
SEED_EXPECTED = SEED_DIR / "chuong-trinh-dvcq-2023.expected.json"
SEED_FORMS = (
    "chuong-trinh-dvcq-2023.txt",
    "chuong-trinh-dvcq-2023.docx",
    "chuong-trinh-dvcq-2023.auto-numbering.docx",
)
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
BENCH_CORPUS = Path(__file__).resolve().parent / "corpus"
SPLITS = ("train", "test")
HEADER_FIELDS = ("doc_type", "number_symbol", "place", "date", "year", "title", "issuer")
SIGNER_FIELDS = ("capacity", "title", "position", "name")
CORPUS_TARGETS = {"citation F1": 0.95, "other figures": 0.90}
_ALIAS_RE = re.compile(
    r"^(?:\D*?\s)?(?:số\s+)?(?P<number>\d{1,5}[a-zđ]?)(?:/(?P<year>\d{4}))?\s*[-/]?\s*"
    r"(?P<symbol>\S.*)$",
    re.IGNORECASE,
)


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, other: "Tally") -> None:
        self.right += other.right
        self.total += other.total

    @property
    def ratio(self) -> float | None:
        return self.right / self.total if self.total else None

    def __str__(self) -> str:
        ratio = self.ratio
        return f"{self.right}/{self.total}" + (f" = {ratio:.3f}" if ratio is not None else "")


@dataclass
class Score:
    """The figures of one document, or the sum of several."""

    cited_found: int = 0
    cited_expected: int = 0
    cited_matched: int = 0
    header: Tally = field(default_factory=Tally)
    items: Tally = field(default_factory=Tally)
    periods: Tally = field(default_factory=Tally)
    allowed_periods: Tally = field(default_factory=Tally)
    recipients: Tally = field(default_factory=Tally)
    signer: Tally = field(default_factory=Tally)
    responsible: Tally = field(default_factory=Tally)
    notes: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.cited_found += other.cited_found
        self.cited_expected += other.cited_expected
        self.cited_matched += other.cited_matched
        for name in (
            "header",
            "items",
            "periods",
            "allowed_periods",
            "recipients",
            "signer",
            "responsible",
        ):
            getattr(self, name).add(getattr(other, name))

    def citation_figures(self) -> tuple[float, float, float]:
        precision = self.cited_matched / self.cited_found if self.cited_found else 1.0
        recall = self.cited_matched / self.cited_expected if self.cited_expected else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def figures(self) -> dict[str, float | None]:
        precision, recall, f1 = self.citation_figures()
        return {
            "citation precision": precision,
            "citation recall": recall,
            "citation F1": f1,
            "header fields": self.header.ratio,
            "items found": self.items.ratio,
            "periods": self.periods.ratio,
            "recipients": self.recipients.ratio,
            "signer": self.signer.ratio,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder")
    source.add_argument(
        "--split",
        choices=(*SPLITS, "all"),
        help="score bench/corpus/<split> (all: both splits, with per-split totals)",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="list every mismatch")
    options = parser.parse_args()

    seed_ok = score_seed(options.verbose)
    if options.split:
        score_splits(SPLITS if options.split == "all" else (options.split,), options.verbose)
    else:
        score_corpus(options.corpus, options.verbose)
    if not seed_ok:
        print("\nThe seed is NOT read perfectly.")
        return 1
    return 0


def score_seed(verbose: bool) -> bool:
    expected = json.loads(SEED_EXPECTED.read_text("utf-8"))
    print("== Seed (dvcq/seed) ==")
    perfect = True
    for name in SEED_FORMS:
        skip = ("issuer",) if name.endswith(".docx") else ()
        score = score_document(SEED_DIR / name, expected, skip)
        if skip:
            score.notes.append(
                "issuer not scored: the expected reading was made from the .txt, which lost the "
                "header table; the .docx keeps it"
            )
        print_score(name, score, verbose)
        perfect &= all(value in (None, 1.0) for value in score.figures().values())
    return perfect


def score_splits(splits: tuple[str, ...], verbose: bool) -> None:
    """Each split of bench/corpus with its own totals, then (for several) all of them."""
    overall = Score()
    counted = 0
    for split in splits:
        total, count = score_corpus(BENCH_CORPUS / split, verbose)
        overall.add(total)
        overall.notes.extend(total.notes)
        counted += count
    if len(splits) > 1 and counted:
        print(f"\n== All splits ({', '.join(splits)}) ==")
        print_score(f"TOTAL ({counted} documents)", overall, verbose=False)
        print_targets(overall)


def score_corpus(folder: Path, verbose: bool) -> tuple[Score, int]:
    print(f"\n== Corpus ({folder}) ==")
    documents = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    documents = [path for path in documents if path.with_suffix(".expected.json").exists()]
    if not documents:
        print(f"No corpus at {folder} (no *.txt with *.expected.json): skipped.")
        return Score(), 0
    total = Score()
    for path in documents:
        expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
        score = score_document(path, expected)
        print_score(path.name, score, verbose)
        total.add(score)
        total.notes.extend(f"{path.name}: {note}" for note in score.notes)
    print_score(f"TOTAL ({len(documents)} documents)", total, verbose=False)
    print_targets(total)
    return total, len(documents)


def score_document(path: Path, expected: dict, skip: tuple[str, ...] = ()) -> Score:
    score = Score()
    try:
        text, _warnings = read_document(path.name, path.read_bytes())
        reading = parse_program_text(text).to_dict()
    except ImportFileError as error:
        score.notes.append(f"not read: {error}")
        reading = None
    if reading is None:
        reading = {"citations": [], "items": [], "recipients": [], "signer": {}, "issuer_lines": []}
    score_citations(reading, expected, score)
    score_header(reading, expected, skip, score)
    score_items(reading, expected, score)
    score_list_and_signer(reading, expected, score)
    return score


def score_citations(reading: dict, expected: dict, score: Score) -> None:
    wanted = [(citation, citation_keys(citation)) for citation in expected.get("citations", [])]
    matched: set[int] = set()
    for citation in reading["citations"]:
        key = same_document_key(citation["kind"], citation["number"], citation["symbol"])
        hit = next(
            (i for i, (_c, keys) in enumerate(wanted) if i not in matched and key in keys), None
        )
        if hit is None:
            score.misses.append(f"citation not expected: {describe(citation)}")
        else:
            matched.add(hit)
    missing = [
        c for i, (c, _keys) in enumerate(wanted) if i not in matched and not c.get("truncated")
    ]
    score.misses.extend(f"citation missed: {describe(citation)}" for citation in missing)
    score.cited_found = len(reading["citations"])
    score.cited_matched = len(matched)
    score.cited_expected = len(matched) + len(missing)


def citation_keys(citation: dict) -> set[tuple]:
    keys = {same_document_key(citation["kind"], citation["number"], citation["symbol"])}
    for alias in citation.get("aliases", []):
        if match := _ALIAS_RE.match(alias.strip()):
            keys.add(same_document_key(citation["kind"], match["number"], match["symbol"]))
    return keys


def same_document_key(kind: str, number: str, symbol: str) -> tuple[str, str, str]:
    """import-format.md: kind and number match, symbols match after folding case and removing
    ``-``, ``/``, ``.`` and spaces."""
    folded = re.sub(r"[-/.\s]", "", nfc(symbol).casefold())
    return nfc(kind).casefold(), nfc(number).casefold(), folded


def score_header(reading: dict, expected: dict, skip: tuple[str, ...], score: Score) -> None:
    for name in HEADER_FIELDS:
        if name in skip:
            continue
        if name == "issuer":
            if "issuer" in expected:
                got, want = (
                    squash(" ".join(reading["issuer_lines"])) or None,
                    squash(expected["issuer"]),
                )
            else:
                got, want = reading["issuer_lines"], expected.get("issuer_lines", [])
        else:
            got, want = reading.get(name), expected.get(name)
            if isinstance(want, str):
                got, want = squash(got), squash(want)
        score.header.total += 1
        if got == want:
            score.header.right += 1
        else:
            score.misses.append(f"{name}: got {got!r}, expected {want!r}")


def score_items(reading: dict, expected: dict, score: Score) -> None:
    found = reading["items"]
    position = 0
    for item in expected.get("items", []):
        start = squash(item["text_starts"])
        hit = next(
            (i for i in range(position, len(found)) if squash(found[i]["text"]).startswith(start)),
            None,
        )
        if hit is None and item.get("truncated"):
            continue
        score.items.total += 1
        score.periods.total += 1
        want_period = item.get("period")
        allowed = want_period is None or is_valid_period(want_period)
        if not allowed:
            score.notes.append(
                f"expected period {want_period!r} of “{item['text_starts'][:40]}” is not a code "
                "import-format.md allows: counted as a mismatch"
            )
        if hit is None:
            score.misses.append(f"item missed: “{item['text_starts'][:60]}”")
            continue
        position = hit + 1
        score.items.right += 1
        got_period = found[hit]["period"]
        if allowed:
            score.allowed_periods.total += 1
        if allowed and got_period == want_period:
            score.periods.right += 1
            score.allowed_periods.right += 1
        else:
            score.misses.append(
                f"period of “{item['text_starts'][:40]}”: "
                f"got {got_period!r}, expected {want_period!r}"
            )
        if "responsible" in item:
            score.responsible.total += 1
            score.responsible.right += squash(found[hit]["responsible"]) == squash(
                item["responsible"]
            )


def score_list_and_signer(reading: dict, expected: dict, score: Score) -> None:
    got = Counter(squash(entry) for entry in reading["recipients"])
    want = Counter(squash(entry) for entry in expected.get("recipients", []))
    score.recipients.right = sum((got & want).values())
    score.recipients.total = max(sum(got.values()), sum(want.values()))
    for entry in (want - got).elements():
        score.misses.append(f"recipient missed: {entry!r}")
    for entry in (got - want).elements():
        score.misses.append(f"recipient not expected: {entry!r}")
    for name in SIGNER_FIELDS:
        got_value = reading["signer"].get(name)
        want_value = expected.get("signer", {}).get(name)
        score.signer.total += 1
        if squash(got_value) == squash(want_value):
            score.signer.right += 1
        else:
            score.misses.append(f"signer {name}: got {got_value!r}, expected {want_value!r}")


def print_score(name: str, score: Score, verbose: bool) -> None:
    precision, recall, f1 = score.citation_figures()
    print(f"\n{name}")
    print(
        f"  citations    P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  "
        f"({score.cited_matched} matched of {score.cited_found} found, "
        f"{score.cited_expected} expected)"
    )
    print(f"  header       {score.header}")
    print(f"  items found  {score.items}")
    print(f"  periods      {score.periods}")
    if score.allowed_periods.total != score.periods.total:
        print(f"    of which with a code import-format.md allows: {score.allowed_periods}")
    print(f"  recipients   {score.recipients}")
    print(f"  signer       {score.signer}")
    if score.responsible.total:
        print(f"  responsible  {score.responsible}   (not a target)")
    for note in score.notes:
        print(f"  note: {note}")
    if verbose:
        for miss in score.misses:
            print(f"  - {miss}")


def print_targets(total: Score) -> None:
    print("\nCorpus targets: citation F1 >= 0.95, every other figure >= 0.90")
    for name, value in total.figures().items():
        if value is None:
            continue
        target = CORPUS_TARGETS["citation F1" if name == "citation F1" else "other figures"]
        verdict = "meets" if value >= target else "BELOW"
        print(f"  {name:<20} {value:.3f}  {verdict} target {target:.2f}")


def describe(citation: dict) -> str:
    return f"{citation['kind']} {citation['number']}/{citation['symbol']}"


def squash(value):
    """Text compared without regard to runs of white space or Unicode composition."""
    if not isinstance(value, str):
        return value
    return " ".join(nfc(value).split())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


if __name__ == "__main__":
    sys.exit(main())
