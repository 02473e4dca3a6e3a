"""How fast the program importer reads documents.

1. The median time to parse the seed's .docx in-process (target: at most 100 ms).
2. The throughput of ``dvcq import-program FILE --dry-run --format json`` style processing
   (read, parse, print the JSON reading) over a folder of generated documents, in one
   process, through ``documents.importing.batch.parse_folder`` (target: at least 20
   documents/s).  The documents vary the seed: other years and communes, items shuffled
   within their blocks, half as .txt and half as .docx.  A progress bar goes to stderr and a
   summary of the files that could not be read ends the report.

    .venv/bin/python bench/importer_speed.py [--count 1000] [--runs 30] [--damaged 0]
"""

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from documents.importing import parse_program_file  # noqa: E402
from documents.importing.batch import parse_folder  # noqa: E402

SEED_DIR = ROOT / "dvcq" / "seed"
SEED_TEXT = (SEED_DIR / "chuong-trinh-dvcq-2023.txt").read_text("utf-8")
SEED_DOCX = SEED_DIR / "chuong-trinh-dvcq-2023.docx"
SEED_COMMUNE = "Hưng Chính"
SEED_YEAR = 2023
COMMUNES = ["Thạch Lâm", "Tân Lập", "Phú Mỹ", "An Bình", "Đông Sơn", "Quảng Phú", "Nghĩa Đàn"]
DOCX_TARGET_MS = 100
THROUGHPUT_TARGET = 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="documents in the folder")
    parser.add_argument("--runs", type=int, default=30, help="timed parses of the seed .docx")
    parser.add_argument("--damaged", type=int, default=0, help="damaged files to add")
    parser.add_argument("--seed", type=int, default=2023, help="random seed of the variations")
    options = parser.parse_args()

    median_ms = time_seed_docx(options.runs)
    verdict = "meets" if median_ms <= DOCX_TARGET_MS else "MISSES"
    print(f"Seed .docx, in-process parse: median {median_ms:.1f} ms over {options.runs} runs")
    print(f"  {verdict} the target of at most {DOCX_TARGET_MS} ms")

    rng = random.Random(options.seed)  # noqa: S311 (varies test documents, no secret)
    with tempfile.TemporaryDirectory(prefix="dvcq-import-bench-") as folder:
        started = time.perf_counter()
        write_documents(Path(folder), options.count, options.damaged, rng)
        print(
            f"\nGenerated {options.count + options.damaged} files in "
            f"{time.perf_counter() - started:.1f} s (not timed below)"
        )
        rate = time_folder(Path(folder))
    verdict = "meets" if rate >= THROUGHPUT_TARGET else "MISSES"
    print(f"  {verdict} the target of at least {THROUGHPUT_TARGET} documents/s")
    return 0


def time_seed_docx(runs: int) -> float:
    data = SEED_DOCX.read_bytes()
    parse_program_file(SEED_DOCX.name, data)  # warm up imports and caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        parse_program_file(SEED_DOCX.name, data)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def time_folder(folder: Path) -> float:
    started = time.perf_counter()
    readings, failures = parse_folder(folder, progress=progress_bar)
    for _path, reading in readings:
        json.dumps(reading.to_dict(), ensure_ascii=False, indent=2)
    elapsed = time.perf_counter() - started
    total = len(readings) + len(failures)
    rate = total / elapsed
    items = sum(len(reading.items) for _path, reading in readings)
    print(
        f"Folder of {total} documents (.txt and .docx), read, parsed and printed as JSON in "
        f"one process: {elapsed:.1f} s, {rate:.0f} documents/s ({items} items in all)"
    )
    print(f"Failures: {len(failures)}")
    for failure in failures:
        print(f"  {failure.path.name}: {failure.message}")
    return rate


def progress_bar(done: int, total: int, path: Path) -> None:
    width = 40
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def write_documents(folder: Path, count: int, damaged: int, rng: random.Random) -> None:
    for number in range(count):
        text = variant(rng)
        if number % 2:
            (folder / f"van-ban-{number:04d}.docx").write_bytes(as_docx(text))
        else:
            (folder / f"van-ban-{number:04d}.txt").write_text(text, "utf-8")
    for number in range(damaged):
        good = as_docx(variant(rng))
        (folder / f"hong-{number:04d}.docx").write_bytes(good[: len(good) // 3])


def variant(rng: random.Random) -> str:
    """The seed for another year and commune, its items shuffled within their blocks."""
    year = rng.randint(2015, 2030)
    text = SEED_TEXT.replace(str(SEED_YEAR + 1), str(year + 1)).replace(str(SEED_YEAR), str(year))
    text = text.replace(SEED_COMMUNE, rng.choice(COMMUNES))
    lines = text.split("\n")
    block: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line.startswith("- ") and not lines[index - 1].startswith("Nơi nhận"):
            block.append(index)
            continue
        if len(block) > 1:
            shuffled = [lines[i] for i in block]
            rng.shuffle(shuffled)
            for i, value in zip(block, shuffled, strict=True):
                lines[i] = value
        block = []
    return "\n".join(lines)


def as_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


if __name__ == "__main__":
    sys.exit(main())
