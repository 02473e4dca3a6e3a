"""How fast search answers typical queries.

(a) SQLite (FTS5): a synthetic province of 130 communes, each with a year's program and
    tasks, petitions, activities and committee members, bulk-inserted into the search index
    of a fresh database file (the index is what a query reads; the objects themselves are
    not needed). Target: p95 ≤ 150 ms.
(b) PostgreSQL (tsvector + GIN): 1,000,000 petition entries inserted by one
    ``INSERT … SELECT generate_series`` into the index of a dedicated database
    ``dvcq_searchbench`` (dropped and created by this script; ``--reuse`` measures the one
    already loaded). Target: p95 ≤ 100 ms.

Each query runs through ``search.services.search`` (scope, filters, the capped count, the
ranking tiers, one page) for a commune clerk and for a province viewer.

    .venv/bin/python bench/search.py [sqlite|postgresql|both] [--rows 1000000] [--runs 15]
                                     [--reuse]   (--runs 0: load only)
    PG_URL=postgres://postgres@127.0.0.1:5432/postgres  (server used for the PostgreSQL half)
"""

import argparse
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COMMUNES = 130
_IDS = itertools.count(1)
QUERIES = [
    "nguyen van an",
    "tranh chấp đất đai",
    "dân vận",
    "hoà giải ở cơ sở",
    "chỉ thị 33",
    "33/CT-TTg",
    "boi thuong giai phong mat bang",
    "ô nhiễm môi trường",
    "xom 5",
    "thuỷ",
]
FAMILY = (
    ["Nguyễn"] * 8
    + ["Trần"] * 3
    + ["Lê"] * 2
    + ["Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
)
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Hữu", "Thanh", "Quang"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thủy",
    "Tuấn",
    "Việt",
    "Yến",
    "Khánh",
]
SUBJECTS = [
    "tranh chấp đất đai giữa các hộ gia đình",
    "bồi thường, hỗ trợ giải phóng mặt bằng dự án đường tỉnh",
    "ô nhiễm môi trường do chăn nuôi lợn",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "chế độ chính sách đối với người có công",
    "trật tự xây dựng lấn chiếm hành lang giao thông",
    "đường giao thông nông thôn xuống cấp",
    "bình xét hộ nghèo, hộ cận nghèo",
    "thu hồi đất nông nghiệp",
    "thái độ tiếp dân của cán bộ một cửa",
    "nước sinh hoạt không bảo đảm",
    "tiếng ồn của xưởng gỗ",
]
TASKS = [
    "Tuyên truyền, quán triệt Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ",
    "Đẩy mạnh công tác dân vận chính quyền gắn với cải cách hành chính",
    "Thực hiện tốt công tác hoà giải ở cơ sở tại các xóm",
    "Xây dựng và nhân rộng mô hình Dân vận khéo",
    "Tổ chức đối thoại giữa Chủ tịch UBND xã với nhân dân",
    "Tiếp công dân định kỳ, giải quyết kịp thời kiến nghị của cử tri",
    "Thực hiện Quy chế dân chủ ở cơ sở theo Luật số 10/2022/QH15",
    "Vận động nhân dân hiến đất làm đường giao thông nông thôn",
    "Phổ biến pháp luật về bảo vệ môi trường",
    "Kiểm tra, giám sát việc thực hiện Nghị quyết 25-NQ/TW",
]


def _name(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _petition(rng, n):
    return (
        f"HC-{n:07d} – Khiếu nại",
        f"Phản ánh về {rng.choice(SUBJECTS)} tại xóm {rng.randint(1, 12)}",
        _name(rng),
    )


def _percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def setup_django():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvcq.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def province():
    from accounts.models import Role, User
    from units.models import Unit, UnitKind

    top = Unit.objects.create(code="tinh-bench", name="Tỉnh Bench", kind=UnitKind.PROVINCE)
    communes = [
        Unit.objects.create(code=f"xa-{i}", name=f"Xã {i}", kind=UnitKind.COMMUNE, parent=top)
        for i in range(COMMUNES)
    ]
    clerk = User.objects.create(username="bench-clerk", unit=communes[7], role=Role.OFFICE)
    viewer = User.objects.create(username="bench-province", unit=top, role=Role.VIEWER)
    return communes, {"clerk (1 commune)": clerk, "province viewer": viewer}


def measure(users, runs):
    from search.query import parse
    from search.services import search

    report = {}
    if not runs:
        return report
    for label, user in users.items():
        times = []
        for text in QUERIES:
            query = parse(text)
            search(user, query)  # warm-up
            for _ in range(runs):
                start = time.perf_counter()
                search(user, query)
                times.append((time.perf_counter() - start) * 1000)
        report[label] = (statistics.median(times), _percentile(times, 0.95), max(times))
    return report


def bench_sqlite(runs):
    from search.indexing import folded_words
    from search.models import Kind, SearchEntry

    communes, users = province()
    rng = random.Random(7)  # noqa: S311 (synthetic data, no secret)
    rows, n = [], 0
    for unit in communes:
        rows.append(
            _entry(
                SearchEntry,
                Kind.PROGRAM,
                unit,
                "Chương trình công tác DVCQ năm 2025",
                "",
                folded_words,
            )
        )
        for _ in range(60):
            rows.append(_entry(SearchEntry, Kind.TASK, unit, rng.choice(TASKS), "", folded_words))
        for _ in range(150):
            n += 1
            title, body, name = _petition(rng, n)
            rows.append(_entry(SearchEntry, Kind.PETITION, unit, title, body, folded_words, name))
        for _ in range(30):
            rows.append(
                _entry(
                    SearchEntry,
                    Kind.ACTIVITY,
                    unit,
                    rng.choice(TASKS),
                    "Hội trường xã",
                    folded_words,
                )
            )
        for _ in range(15):
            rows.append(
                _entry(SearchEntry, Kind.MEMBER, unit, _name(rng), "Thành viên", folded_words)
            )
    SearchEntry.objects.bulk_create(rows, batch_size=2000)
    print(f"SQLite province: {COMMUNES} communes, {len(rows):,} index entries")
    return measure(users, runs)


def _entry(model, kind, unit, title, body, folded_words, hidden=""):
    from dvcq.text import fold
    from search.backends import scope_tokens

    return model(
        kind=kind,
        object_id=next(_IDS),
        unit=unit,
        year=2025,
        title=title,
        body=body,
        title_folded=folded_words(title),
        folded=folded_words(body, fold(hidden)),
        scope=scope_tokens(unit.path),
        url="/",
    )


_LOAD = """
INSERT INTO search_searchentry (kind, object_id, unit_id, year, status, title, body,
    title_folded, folded, scope, url, updated_at)
SELECT 'petition', n, (%(units)s::bigint[])[n %% %(communes)s + 1], 2015 + n %% 11, 'received',
    'HC-' || lpad(n::text, 7, '0') || ' – Khiếu nại',
    'Phản ánh về ' || (%(subjects)s::text[])[s] || ' tại xóm ' || x,
    ' hc ' || lpad(n::text, 7, '0') || ' khieu nai ',
    ' phan anh ve ' || (%(subjects_folded)s::text[])[s] || ' tai xom ' || x || ' '
        || (%(family)s::text[])[f] || ' ' || (%(middle)s::text[])[m] || ' '
        || (%(given)s::text[])[g] || ' ',
    (%(scopes)s::text[])[n %% %(communes)s + 1], '/don/' || n || '/', '2025-01-01T00:00:00Z'
FROM (
    SELECT n, 1 + floor(random() * %(n_subjects)s)::int AS s, 1 + floor(random() * 12)::int AS x,
        1 + floor(random() * %(n_family)s)::int AS f, 1 + floor(random() * %(n_middle)s)::int AS m,
        1 + floor(random() * %(n_given)s)::int AS g
    FROM generate_series(1, %(rows)s) AS n
) AS r
"""


def bench_postgresql(rows, runs):
    """Load ``rows`` petition entries with one ``INSERT … SELECT generate_series`` (the
    words are picked in SQL from the folded vocabularies), then build the GIN index."""
    from django.db import connection, transaction
    from django.db.models import Max, Min

    from search import structures
    from search.backends import scope_tokens
    from search.indexing import folded_words
    from search.models import SearchEntry

    communes, users = province()

    def folded(texts):
        return [folded_words(text).strip() for text in texts]

    params = {
        "rows": rows,
        "communes": len(communes),
        "units": [unit.pk for unit in communes],
        "scopes": [scope_tokens(unit.path) for unit in communes],
        "subjects": SUBJECTS,
        "subjects_folded": folded(SUBJECTS),
        "family": folded(FAMILY),
        "middle": folded(MIDDLE),
        "given": folded(GIVEN),
        "n_subjects": len(SUBJECTS),
        "n_family": len(FAMILY),
        "n_middle": len(MIDDLE),
        "n_given": len(GIVEN),
    }
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # Secondary indexes and constraints are dropped for the load and built once after.
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'search_searchentry'::regclass AND contype IN ('f', 'u')"
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchentry' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint "
            "WHERE conrelid = 'search_searchentry'::regclass)"
        )
        indexes = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE search_searchentry DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SELECT setseed(0.7)")
        cursor.execute(_LOAD, params)
    loaded = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE search_searchentry ADD CONSTRAINT "{name}" {definition}')
        structures.ensure(connection)
        cursor.execute("VACUUM ANALYZE search_searchentry")
    print(
        f"PostgreSQL: {rows:,} petition entries inserted in {loaded - start:.0f} s, "
        f"indexed and analysed in {time.perf_counter() - loaded:.0f} s"
    )
    # The SQL-built folded text must be what the indexer would have written.
    bounds = SearchEntry.objects.aggregate(low=Min("id"), high=Max("id"))
    sample = random.Random(3).sample(range(bounds["low"], bounds["high"] + 1), 200)  # noqa: S311
    for entry in SearchEntry.objects.filter(pk__in=sample):
        assert entry.title_folded == folded_words(entry.title), entry.pk
        assert entry.folded.startswith(folded_words(entry.body)), entry.pk
    return measure(users, runs)


def existing_users():
    from accounts.models import User

    return {
        "clerk (1 commune)": User.objects.get(username="bench-clerk"),
        "province viewer": User.objects.get(username="bench-province"),
    }


def run(mode, rows, runs, reuse):
    setup_django()
    if mode == "sqlite":
        report = bench_sqlite(runs)
    elif reuse:
        report = measure(existing_users(), runs)
    else:
        report = bench_postgresql(rows, runs)
    if not runs:
        return
    target = 150 if mode == "sqlite" else 100
    print(
        f"{len(QUERIES)} queries x {runs} runs each, per user; times in ms (target p95 ≤ "
        f"{target} ms)"
    )
    for label, (p50, p95, worst) in report.items():
        verdict = "met" if p95 <= target else "MISSED"
        print(f"  {label:20s} p50 {p50:6.1f}  p95 {p95:6.1f}  max {worst:6.1f}  {verdict}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", default="both", choices=["sqlite", "postgresql", "both"])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reuse", action="store_true", help="PostgreSQL: keep the loaded table")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run(args.mode, args.rows, args.runs, args.reuse)
    modes = ["sqlite", "postgresql"] if args.mode == "both" else [args.mode]
    for mode in modes:
        env = dict(os.environ)
        if mode == "sqlite":
            folder = tempfile.mkdtemp(prefix="dvcq-search-bench-")
            env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        else:
            server = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
            if not args.reuse:
                _recreate_database(server, "dvcq_searchbench")
            env["DATABASE_URL"] = server.rsplit("/", 1)[0] + "/dvcq_searchbench"
        command = [
            sys.executable,
            __file__,
            mode,
            "--child",
            "--rows",
            str(args.rows),
            "--runs",
            str(args.runs),
            *(["--reuse"] if args.reuse else []),
        ]
        subprocess.run(command, env=env, check=True)  # noqa: S603 (our own script)
    return None


def _recreate_database(server, name):
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")


if __name__ == "__main__":
    main()
