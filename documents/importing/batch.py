"""Read every document in a folder, as ``dvcq import-program FOLDER`` would.

``parse_folder`` reads the files directly in the folder (not its sub-folders), in name order,
skipping hidden files and Word's "~$…" lock files.  A file that cannot be read is not an
error for the batch: it is listed among the failures with the importer's Vietnamese message.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import parse_program_file
from .errors import ImportFileError
from .reading import ProgramReading
from .sources import DEFAULT_MAX_BYTES

Progress = Callable[[int, int, Path], None]


@dataclass(frozen=True)
class Failure:
    """A file of the folder that was not read, and why (in Vietnamese)."""

    path: Path
    message: str


def parse_folder(
    path: str | Path,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[list[tuple[Path, ProgramReading]], list[Failure]]:
    """The readings of the folder's documents and the files that could not be read.
    ``progress(done, total, file)`` is called after each file."""
    folder = Path(path)
    if not folder.is_dir():
        raise ImportFileError(f"Không mở được thư mục {folder}: thư mục không tồn tại.")
    files = sorted(
        file
        for file in folder.iterdir()
        if file.is_file() and not file.name.startswith((".", "~$"))
    )
    readings: list[tuple[Path, ProgramReading]] = []
    failures: list[Failure] = []
    for done, file in enumerate(files, start=1):
        try:
            readings.append((file, _parse(file, max_bytes)))
        except ImportFileError as error:
            failures.append(Failure(file, str(error)))
        if progress is not None:
            progress(done, len(files), file)
    return readings, failures


def _parse(file: Path, max_bytes: int) -> ProgramReading:
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise ImportFileError(
                f"Tệp {file.name} quá lớn ({size / 1024 / 1024:.1f} MB); "
                f"chỉ nhận tệp tối đa {max_bytes / 1024 / 1024:g} MB."
            )
        data = file.read_bytes()
    except OSError as error:
        raise ImportFileError(
            f"Không mở được tệp {file.name}: {error.strerror or error}."
        ) from error
    return parse_program_file(file.name, data)
