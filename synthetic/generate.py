"""Generate a synthetic province for measuring: units, people, committees, programs with
tasks and their progress, activities, reception and petitions, written with bulk inserts.

Everything comes from one ``random.Random(seed)``: the same seed and sizes give the same data
(ids apart). Programs come from the seed program text, varied (years, items shuffled within
their blocks) and read once per variant by the real importer; each commune's program is then
built from a reading with ``programs.services.new_task``. Identities are sealed by
``citizens.crypto`` like any other; a denunciation's content too (``citizens.services``).
Petition deadlines follow the time-limit rules through ``citizens.deadlines``, cached per
rule and start date.
"""

import datetime
import hashlib
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from activities.models import Activity
from citizens import crypto, duplicates, tally
from citizens import deadlines as citizen_deadlines
from citizens import services as citizen_services
from citizens.models import (
    CaseType,
    Channel,
    Competence,
    HandlingStep,
    Petition,
    Petitioner,
    PetitionField,
    ReceptionSlot,
    Result,
    SlotKind,
    Status,
    StepKind,
    TimeLimitRule,
    Visit,
)
from citizens.rules import applicable_rule
from committee.models import AppointmentDecision, CommitteeMember, CommitteeRole
from documents.importing import parse_program_text
from dvcq.text import fold
from programs.models import Evidence, Program, Task, TaskKind, TaskStatus, TaskUpdate
from programs.services import new_task
from units.models import Hamlet, HamletKind, Unit, UnitKind

from . import vocabulary as words
from .bulk import Inserter, reset_sequences

PREFIX = "syn-"
PROVINCE_CODE = f"{PREFIX}tinh"
PROVINCE_VIEWER = f"{PREFIX}tinh-xem"  # the first province's viewer
SEED_TEXT = Path(settings.BASE_DIR, "dvcq", "seed", "chuong-trinh-dvcq-2023.txt")
SEED_YEAR, SEED_COMMUNE = 2023, "Hưng Chính"
VARIANTS_PER_YEAR = 3
BATCH = 2000
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
NATIONAL_FROM = 1000  # more communes than this: the national case, by default
NATIONAL_PROVINCES = 34  # provinces and centrally-run cities since 1 July 2025
TABLE_NAMES = {
    "petition": "petitions",
    "petitioner": "petitioners",
    "step": "handling steps",
    "handler": "handler links",
    "visit": "reception visits",
}


def province_code(number: int) -> str:
    """``syn-tinh`` for the first province, ``syn-tinh-02``, ``syn-tinh-03``, … after it."""
    return PROVINCE_CODE if number == 1 else f"{PROVINCE_CODE}-{number:02d}"


def province_viewer(number: int) -> str:
    return f"{province_code(number)}-xem"


def default_provinces(communes: int) -> int:
    """One province, or for the national case (over ``NATIONAL_FROM`` communes) the country's
    34 provinces and cities, each a root of its own."""
    return NATIONAL_PROVINCES if communes > NATIONAL_FROM else 1


@dataclass
class Options:
    communes: int = 130
    provinces: int = 1
    years: int = 5
    seed: int = 1
    petitions: int = 300
    password: str = "synthetic-dvcq"  # noqa: S105 (synthetic accounts, documented)
    today: datetime.date | None = None
    progress: bool = True


@dataclass
class Summary:
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name: str, number: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + number


class Progress:
    """A one-line bar on stderr: ``[#####.....] 52/130 communes``."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.started = total, enabled, time.monotonic()

    def show(self, done: int, label: str) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / max(self.total, 1))
        elapsed = time.monotonic() - self.started
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} {label} "
            f"{elapsed:6.1f} s"
        )
        if done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


class Generator:
    def __init__(self, options: Options):
        self.o = options
        self.rng = random.Random(options.seed)  # noqa: S311 (test data, no secret)
        self.today = options.today or timezone.localdate()
        self.years = list(range(self.today.year - options.years + 1, self.today.year + 1))
        self.summary = Summary()
        self.password = make_password(options.password)
        self.codes: set[str] = set()
        self.rules = list(TimeLimitRule.objects.all())
        self.fields = list(PetitionField.objects.all())
        self.has_next_due = any(f.name == "next_due" for f in Petition._meta.fields)
        self._rules_on: dict = {}
        self._rule_for: dict = {}
        self._due: dict = {}
        self.family = [n for n, _w in words.FAMILY_NAMES]
        self.family_weights = [w for _n, w in words.FAMILY_NAMES]

    # Helpers

    def person(self) -> str:
        rng = self.rng
        family = rng.choices(self.family, self.family_weights)[0]
        if rng.random() < 0.5:
            return f"{family} {rng.choice(words.MALE_MIDDLE)} {rng.choice(words.MALE_GIVEN)}"
        return f"{family} {rng.choice(words.FEMALE_MIDDLE)} {rng.choice(words.FEMALE_GIVEN)}"

    def day_in(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, max((end - start).days, 0)))

    def receipt_code(self) -> str:
        while True:
            raw = "".join(self.rng.choice(CODE_ALPHABET) for _ in range(8))
            code = f"DT-{raw[:4]}-{raw[4:]}"
            if code not in self.codes:
                self.codes.add(code)
                return code

    def rule(self, day, step, petition):
        key = (day, step, petition.case_type, petition.instance, petition.complexity)
        if key not in self._rule_for:
            if day not in self._rules_on:
                self._rules_on[day] = [
                    r
                    for r in self.rules
                    if r.effective_from <= day and (r.effective_to is None or day <= r.effective_to)
                ]
            self._rule_for[key] = applicable_rule(
                self._rules_on[day],
                step=step,
                case_type=petition.case_type,
                instance=petition.instance,
                complexity=petition.complexity,
                remote=petition.remote_area,
            )
        return self._rule_for[key]

    def due(self, rule, start: datetime.date) -> datetime.date:
        key = (rule.pk, start)
        if key not in self._due:
            self._due[key] = citizen_deadlines.count_days(start, rule.days, rule.day_kind)
        return self._due[key]

    # The whole province

    def run(self) -> Summary:
        started = time.monotonic()
        if Unit.objects.filter(code=PROVINCE_CODE).exists():
            raise ValueError("Đã có tỉnh tổng hợp trong cơ sở dữ liệu này.")
        readings = self.read_templates()
        # One transaction: a failure leaves no half-seeded province behind (which the next
        # run would refuse to seed over as if it were complete).
        with transaction.atomic(), tally.suspended():
            self.rows(readings)
        for name, table in self.tables.items():
            self.summary.add(TABLE_NAMES[name], table.count)
        self.summary.seconds = time.monotonic() - started
        return self.summary

    def rows(self, readings) -> None:
        provinces, communes = self.units()
        self.province_viewers(provinces)
        bar = Progress(len(communes), self.o.progress)
        self.tables = {
            "petition": Inserter(Petition),
            "petitioner": Inserter(Petitioner),
            "step": Inserter(HandlingStep),
            "handler": Inserter(Petition.handlers.through),
            "visit": Inserter(Visit),
        }
        for done, commune in enumerate(communes, start=1):
            self.commune(commune, readings)
            bar.show(done, "xã")
        for table in self.tables.values():
            table.flush()
        reset_sequences(*(table.model for table in self.tables.values()))

    def read_templates(self) -> dict:
        """``{year: [ProgramReading, ...]}``: the seed text for each year, items shuffled."""
        base = SEED_TEXT.read_text("utf-8")
        readings = {}
        for year in self.years:
            text = base.replace(str(SEED_YEAR + 1), str(year + 1)).replace(
                str(SEED_YEAR), str(year)
            )
            readings[year] = [
                parse_program_text(self.shuffled(text)) for _ in range(VARIANTS_PER_YEAR)
            ]
        return readings

    def shuffled(self, text: str) -> str:
        lines = text.split("\n")
        block: list[int] = []
        for index, line in enumerate([*lines, ""]):
            if line.startswith("- ") and not lines[index - 1].startswith("Nơi nhận"):
                block.append(index)
                continue
            if len(block) > 1:
                values = [lines[i] for i in block]
                self.rng.shuffle(values)
                for i, value in zip(block, values, strict=True):
                    lines[i] = value
            block = []
        return "\n".join(lines)

    def units(self):
        """The provinces (roots) and their communes, spread evenly over them in code order."""
        names = [f"{a} {b}" for a in words.PLACE_FIRST for b in words.PLACE_SECOND if a != b]
        self.rng.shuffle(names)
        provinces = [
            Unit(
                code=province_code(number),
                name=(
                    f"Tỉnh {self.rng.choice(words.PROVINCE_NAMES)} (tổng hợp)"
                    if number == 1
                    else f"Tỉnh {names[-number]} (tổng hợp)"
                ),
                kind=UnitKind.PROVINCE,
            )
            for number in range(1, self.o.provinces + 1)
        ]
        for province in provinces:
            province.save()
        communes = []
        for i in range(self.o.communes):
            base = names[i % len(names)]
            name = base if i < len(names) else f"{base} {i // len(names) + 1}"
            ward = self.rng.random() < 0.1
            communes.append(
                Unit(
                    code=f"{PREFIX}{i + 1:04d}",
                    name=f"{'Phường' if ward else 'Xã'} {name}",
                    kind=UnitKind.WARD if ward else UnitKind.COMMUNE,
                    parent=provinces[i * len(provinces) // self.o.communes],
                )
            )
        Unit.objects.bulk_create(communes, batch_size=BATCH)
        for unit in communes:
            unit.path = f"{unit.parent.path}{unit.pk}/"
        Unit.objects.bulk_update(communes, ["path"], batch_size=BATCH)
        hamlets = []
        for unit in communes:
            count = self.rng.randint(6, 14)
            named = self.rng.random() < 0.5
            for position in range(count):
                label = (
                    f"Thôn {words.HAMLET_NAMES[position % 10]} {position // 10 + 1}"
                    if named
                    else f"Xóm {position + 1}"
                )
                hamlets.append(
                    Hamlet(
                        unit=unit,
                        name=label,
                        kind=HamletKind.VILLAGE if named else HamletKind.HAMLET,
                        position=position,
                    )
                )
        Hamlet.objects.bulk_create(hamlets, batch_size=BATCH)
        self.summary.add("units", len(communes) + len(provinces))
        self.summary.add("hamlets", len(hamlets))
        return provinces, communes

    def province_viewers(self, provinces) -> None:
        User.objects.bulk_create(
            User(
                username=province_viewer(number),
                password=self.password,
                last_name="Trần Văn",
                first_name="Tỉnh",
                unit=province,
                role=Role.VIEWER,
            )
            for number, province in enumerate(provinces, start=1)
        )
        self.summary.add("users", len(provinces))

    # One commune, all years

    def commune(self, unit, readings) -> None:
        hamlets = list(Hamlet.objects.filter(unit=unit))
        users = self.people(unit)
        members = self.committee(unit, users, hamlets)
        for year in self.years:
            reading = self.rng.choice(readings[year])
            self.program(unit, year, reading, users, members, hamlets)
            self.activities(unit, year, users, hamlets)
        self.petitions(unit, users, hamlets)

    def people(self, unit) -> dict:
        roles = [("vanphong", Role.OFFICE), ("chutich", Role.CHAIR), ("xem", Role.VIEWER)]
        roles += [(f"thanhvien{i}", Role.MEMBER) for i in (1, 2, 3)]
        users = []
        for suffix, role in roles:
            family, *rest = self.person().split(" ")
            users.append(
                User(
                    username=f"{unit.code}-{suffix}",
                    password=self.password,
                    last_name=" ".join([family, *rest[:-1]]),
                    first_name=rest[-1],
                    unit=unit,
                    role=role,
                )
            )
        User.objects.bulk_create(users)
        self.summary.add("users", len(users))
        by_role: dict = {}
        for user in users:
            by_role.setdefault(user.role, []).append(user)
        return by_role

    def committee(self, unit, users, hamlets) -> list:
        signed = datetime.date(self.years[0], 1, self.rng.randint(5, 25))
        decision = AppointmentDecision.objects.create(
            unit=unit,
            number=f"{self.rng.randint(10, 250)}/QĐ-UBND",
            signed_on=signed,
            summary="Về việc kiện toàn Ban Chỉ đạo công tác dân vận chính quyền",
        )
        chair = users[Role.CHAIR][0]
        seats = [
            CommitteeMember(
                unit=unit,
                full_name=chair.get_full_name(),
                user=chair,
                committee_role=CommitteeRole.HEAD,
                office_title=f"Chủ tịch UBND {unit.name.split(' ', 1)[0].lower()}",
                decision=decision,
                start_date=signed,
                position=0,
            )
        ]
        linked = users[Role.MEMBER] + users[Role.OFFICE]
        for position in range(1, self.rng.randint(9, 13)):
            user = linked[position - 1] if position <= len(linked) else None
            seats.append(
                CommitteeMember(
                    unit=unit,
                    full_name=user.get_full_name() if user else self.person(),
                    user=user,
                    committee_role=CommitteeRole.DEPUTY if position == 1 else CommitteeRole.MEMBER,
                    office_title=words.OFFICE_TITLES[(position - 1) % len(words.OFFICE_TITLES)],
                    decision=decision,
                    start_date=signed,
                    position=position,
                )
            )
        CommitteeMember.objects.bulk_create(seats)
        through = CommitteeMember.hamlets.through
        links = [
            through(committeemember_id=seat.pk, hamlet_id=hamlet.pk)
            for seat in seats[1:]
            for hamlet in self.rng.sample(hamlets, k=min(2, len(hamlets)))
        ]
        through.objects.bulk_create(links, ignore_conflicts=True)
        self.summary.add("committee seats", len(seats))
        return seats

    def program(self, unit, year, reading, users, members, hamlets) -> None:
        place = unit.name.split(" ", 1)[1]
        signer = reading.signer
        program = Program.objects.create(
            unit=unit,
            year=year,
            doc_type=reading.doc_type or "Chương trình",
            number_symbol=(reading.number_symbol or "").replace(SEED_COMMUNE, place),
            place=place,
            issued_on=reading.date,
            title=(reading.title or "").replace(SEED_COMMUNE, place),
            issuer_lines=[
                line.replace(SEED_COMMUNE.upper(), place.upper()) for line in reading.issuer_lines
            ],
            sections=list(reading.sections),
            recipients=list(reading.recipients),
            signer_capacity=(signer.capacity or "") if signer else "",
            signer_title=(signer.title or "") if signer else "",
            signer_position=(signer.position or "") if signer else "",
            signer_name=members[0].full_name,
            source_name=f"synthetic-{unit.code}-{year}.txt",
        )
        tasks = []
        for position, item in enumerate(reading.items, start=1):
            task = new_task(program, item, position, self.rng.choice(members))
            task.text = task.text.replace(SEED_COMMUNE, place)
            task.search_text = fold(task.text)
            self.task_state(task)
            tasks.append(task)
        Task.objects.bulk_create(tasks, batch_size=BATCH)
        cooperators = Task.cooperators.through
        task_hamlets = Task.hamlets.through
        coop_rows, hamlet_rows = [], []
        for task in tasks:
            for member in self.rng.sample(members, k=self.rng.randint(0, 2)):
                if member.pk != task.responsible_id:
                    coop_rows.append(cooperators(task_id=task.pk, committeemember_id=member.pk))
            for hamlet in self.rng.sample(hamlets, k=self.rng.choice((0, 0, 1, 2))):
                hamlet_rows.append(task_hamlets(task_id=task.pk, hamlet_id=hamlet.pk))
        cooperators.objects.bulk_create(coop_rows, batch_size=BATCH)
        task_hamlets.objects.bulk_create(hamlet_rows, batch_size=BATCH)
        self.updates(tasks, users)
        self.summary.add("programs", 1)
        self.summary.add("tasks", len(tasks))

    def task_state(self, task) -> None:
        """A plausible status for the task as of today."""
        roll = self.rng.random()
        if task.kind == TaskKind.ORGANIZATION:
            return
        if task.due_date < self.today:
            if roll < 0.72:
                task.status, task.progress = TaskStatus.DONE, 100
                task.completed_on = task.due_date - datetime.timedelta(days=self.rng.randint(0, 40))
            elif roll < 0.85:
                task.status, task.progress = TaskStatus.DONE_LATE, 100
                task.completed_on = min(
                    task.due_date + datetime.timedelta(days=self.rng.randint(1, 30)), self.today
                )
            elif roll < 0.95:
                task.status, task.progress = TaskStatus.IN_PROGRESS, self.rng.randint(2, 9) * 10
            elif roll < 0.98:
                task.status = TaskStatus.NOT_STARTED
            else:
                task.status = TaskStatus.PAUSED
        elif roll < 0.45:
            task.status, task.progress = TaskStatus.IN_PROGRESS, self.rng.randint(1, 8) * 10
        elif roll < 0.55 and task.due_date.year == self.today.year:
            task.status, task.progress = TaskStatus.DONE, 100
            task.completed_on = self.today - datetime.timedelta(days=self.rng.randint(0, 20))

    def updates(self, tasks, users) -> None:
        authors = users[Role.MEMBER] + users[Role.OFFICE]
        pending = []
        for task in tasks:
            if task.status == TaskStatus.NOT_STARTED or task.kind == TaskKind.ORGANIZATION:
                continue
            start = datetime.date(task.due_date.year, 1, 15)
            end = min(task.completed_on or self.today, self.today)
            steps = self.rng.randint(1, 3)
            for n in range(steps):
                last = n == steps - 1
                day = end if last else self.day_in(start, end)
                pending.append(
                    (
                        task,
                        TaskUpdate(
                            task=task,
                            author=self.rng.choice(authors),
                            created_at=datetime.datetime.combine(
                                day, datetime.time(8 + n, 30), tzinfo=datetime.UTC
                            ),
                            status=task.status if last else TaskStatus.IN_PROGRESS,
                            progress=task.progress if last else min(task.progress, 30 * (n + 1)),
                            note=f"Đã triển khai đến {self.rng.randint(2, 12)} thôn, xóm.",
                        ),
                    )
                )
        TaskUpdate.objects.bulk_create([u for _t, u in pending], batch_size=BATCH)
        evidence = []
        for task, update in pending:
            if self.rng.random() < 0.4:
                digest = hashlib.sha256(f"{update.pk}-{self.o.seed}".encode()).hexdigest()
                extension = self.rng.choice(("pdf", "jpg", "docx"))
                evidence.append(
                    Evidence(
                        task=task,
                        update=update,
                        file=f"{task.unit_id}/{task.due_date.year}/{digest[:32]}.{extension}",
                        original_name=f"minh-chung-{task.position}.{extension}",
                        content_type={
                            "pdf": "application/pdf",
                            "jpg": "image/jpeg",
                            "docx": "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document",
                        }[extension],
                        size=self.rng.randint(20_000, 2_000_000),
                        sha256=digest,
                        uploaded_by=update.author,
                        uploaded_at=update.created_at,
                    )
                )
        Evidence.objects.bulk_create(evidence, batch_size=BATCH)
        self.summary.add("task updates", len(pending))
        self.summary.add("evidence records", len(evidence))

    def activities(self, unit, year, users, hamlets) -> None:
        end = min(datetime.date(year, 12, 31), self.today)
        rows = []
        for _ in range(self.rng.randint(6, 12)):
            kind, title = self.rng.choice(words.ACTIVITY_TITLES)
            place = self.rng.choice(hamlets).name
            rows.append(
                Activity(
                    unit=unit,
                    kind=kind,
                    title=title.format(place=place, year=year),
                    held_on=self.day_in(datetime.date(year, 1, 10), end),
                    place=f"Nhà văn hóa {place}",
                    organiser="Ban Chỉ đạo công tác dân vận chính quyền",
                    audience="Cán bộ và nhân dân",
                    participants=self.rng.randint(20, 300),
                    description="Hoạt động tổ chức theo chương trình công tác năm.",
                    created_by=users[Role.OFFICE][0],
                )
            )
        Activity.objects.bulk_create(rows, batch_size=BATCH)
        self.summary.add("activities", len(rows))

    # Petitions and reception

    def petitions(self, unit, users, hamlets) -> None:
        office, chair = users[Role.OFFICE][0], users[Role.CHAIR][0]
        slots = [
            ReceptionSlot(
                unit=unit,
                kind=SlotKind.CHAIR,
                weekday=self.rng.randint(0, 4),
                receiver=f"Chủ tịch UBND – {chair.get_full_name()}",
                place="Phòng tiếp công dân UBND",
                start_time=datetime.time(7, 30),
                end_time=datetime.time(11, 30),
                valid_from=datetime.date(self.years[0], 1, 1),
            ),
            ReceptionSlot(
                unit=unit,
                kind=SlotKind.STAFF,
                weekday=self.rng.randint(0, 4),
                receiver=f"Công chức – {office.get_full_name()}",
                place="Bộ phận một cửa UBND",
                start_time=datetime.time(13, 30),
                end_time=datetime.time(17, 0),
                valid_from=datetime.date(self.years[0], 1, 1),
            ),
        ]
        ReceptionSlot.objects.bulk_create(slots)
        tables = self.tables
        numbers: dict = {}
        for year in self.years:
            end = min(datetime.date(year, 12, 31), self.today)
            share = (end - datetime.date(year, 1, 1)).days / 365
            for _ in range(max(1, round(self.o.petitions * share))):
                petition, persons, steps = self.petition(unit, year, end, hamlets, office)
                pk = tables["petition"].add(**vars(petition))
                for position, identity in enumerate(persons):
                    tables["petitioner"].add(
                        petition_id=pk,
                        sealed=crypto.seal(identity),
                        **duplicates.index_fields(identity.get("name", "")),
                        is_representative=identity.pop("representative"),
                        position=position,
                    )
                for step in steps:
                    tables["step"].add(petition_id=pk, **step)
                tables["handler"].add(petition_id=pk, user_id=office.pk)
                if petition.channel == Channel.IN_PERSON:
                    numbers[year] = numbers.get(year, 0) + 1
                    first = persons[0] if persons else {}
                    tables["visit"].add(
                        unit_id=unit.pk,
                        number=numbers[year],
                        date=petition.received_on,
                        sealed=crypto.seal(
                            {
                                "name": first.get("name", ""),
                                "address": first.get("address", ""),
                                "id_number": first.get("id_number", ""),
                                "representatives": "",
                            }
                        ),
                        content=getattr(petition, "summary", "") or petition.content,
                        case_type=petition.case_type,
                        people=max(len(persons), 1),
                        within_competence=petition.competence == Competence.WITHIN,
                        slot_id=self.rng.choice(slots).pk,
                        petition_id=pk,
                        received_by_id=office.pk,
                    )

    def petition(self, unit, year, end, hamlets, office):
        rng = self.rng
        received = self.day_in(datetime.date(year, 1, 2), end)
        field = rng.choice(self.fields) if self.fields else None
        code = field.code if field else "khac"
        texts = words.PETITION_TEXTS.get(code, words.PETITION_TEXTS["khac"])
        hamlet = rng.choice(hamlets).name
        content = rng.choice(texts).format(place=hamlet)
        roll = rng.random()
        case_type = (
            CaseType.PETITION
            if roll < 0.62
            else CaseType.COMPLAINT
            if roll < 0.88
            else CaseType.DENUNCIATION
            if roll < 0.96
            else CaseType.MIXED
        )
        secret = case_type == CaseType.DENUNCIATION
        anonymous = secret and rng.random() < 0.2
        count = 0 if anonymous else rng.choices((1, 2, 3, 6), (88, 7, 3, 2))[0]
        persons = []
        for position in range(count):
            persons.append(
                {
                    "name": self.person(),
                    "address": f"{rng.choice(hamlets).name}, {unit.name}",
                    "id_number": f"0{rng.randint(10, 99)}{rng.randint(0, 10**9 - 1):09d}",
                    "contact": f"09{rng.randint(0, 10**8 - 1):08d}",
                    "representative": count >= 5 and position == 0,
                }
            )
        code = self.receipt_code()
        petition = SimpleNamespace(
            unit_id=unit.pk,
            receipt_code=code,
            pin_hash=citizen_services.hash_pin(code, f"{rng.randint(0, 999999):06d}"),
            received_on=received,
            channel=rng.choices(list(Channel.values), (40, 25, 15, 10, 10))[0],
            case_type=case_type,
            instance=2 if case_type == CaseType.COMPLAINT and rng.random() < 0.1 else 1,
            complexity=rng.choices(("normal", "complex"), (85, 15))[0],
            remote_area=False,
            field_id=field.pk if field else None,
            competence=Competence.OUTSIDE if rng.random() < 0.15 else Competence.WITHIN,
            anonymous=anonymous,
            signatories=max(count, 1),
            has_originals=rng.random() < 0.3,
            names_fold="" if secret else " | ".join(fold(p["name"]) for p in persons),
            status=Status.RECEIVED,
            result="",
            closed_on=None,
            created_by_id=office.pk,
        )
        if hasattr(citizen_services, "content_fields"):
            summary = rng.choice(words.DENUNCIATION_SUMMARIES) if secret else ""
            for name, value in citizen_services.content_fields(secret, content, summary).items():
                setattr(petition, name, value)
        else:
            petition.content, petition.content_fold = content, fold(content)
        steps = self.handling(petition, office)
        return petition, persons, steps

    def handling(self, petition, office) -> list:
        """The steps taken so far (dicts) and the status they leave; most on time, some late."""
        rng, today = self.rng, self.today
        steps: list = []

        def step(kind, start, rule_step, result=""):
            rule = self.rule(petition.received_on, rule_step, petition)
            due = self.due(rule, start) if rule else start + datetime.timedelta(days=10)
            span = max((due - start).days, 1)
            late = rng.random() < 0.08
            day = start + datetime.timedelta(
                days=rng.randint(span + 1, span + 15) if late else rng.randint(1, span)
            )
            if day > today:
                return None
            number = f"{rng.randint(1, 400)}/UBND" if kind != StepKind.VERIFY else ""
            steps.append(
                {
                    "kind": kind,
                    "date": day,
                    "document_number": number,
                    "result": result,
                    "actor_id": office.pk,
                }
            )
            return day

        if petition.competence == Competence.OUTSIDE:
            done = step(StepKind.FORWARD, petition.received_on, "forward")
            if done:
                self.close(petition, Result.FORWARDED, done)
            return self.finish(petition, steps)
        if petition.case_type == CaseType.MIXED or rng.random() < 0.12:
            kind = StepKind.SEPARATE if petition.case_type == CaseType.MIXED else StepKind.GUIDE
            done = step(kind, petition.received_on, "handle")
            if done:
                self.close(petition, Result.GUIDED, done)
            return self.finish(petition, steps)
        accepted = step(StepKind.ACCEPT, petition.received_on, "handle")
        if not accepted:
            return self.finish(petition, steps)
        petition.status = Status.ACCEPTED
        step(StepKind.NOTIFY_ACCEPT, accepted, "notify_accept")
        if rng.random() < 0.6:
            step(StepKind.VERIFY, accepted, "resolve")
        result = (
            Result.ANSWERED
            if petition.case_type == CaseType.PETITION
            else rng.choice((Result.RIGHT, Result.WRONG, Result.WRONG, Result.PARTLY))
        )
        decided = step(StepKind.DECIDE, accepted, "resolve", result)
        if not decided:
            return self.finish(petition, steps)
        petition.status, petition.result = Status.DECIDED, result
        notified = step(StepKind.NOTIFY, decided, "send_decision")
        if notified:
            petition.status, petition.closed_on = Status.CLOSED, notified
        return self.finish(petition, steps)

    def close(self, petition, result, day) -> None:
        petition.status, petition.result, petition.closed_on = Status.CLOSED, result, day

    def finish(self, petition, steps) -> list:
        if self.has_next_due:
            upcoming = None
            if petition.status != Status.CLOSED:
                self.rule(petition.received_on, "handle", petition)
                upcoming = citizen_deadlines.next_open(
                    citizen_deadlines.compute(
                        petition,
                        [SimpleNamespace(pk=None, **s) for s in steps],
                        [],
                        self._rules_on[petition.received_on],
                    )
                )
            petition.next_due = upcoming.due if upcoming else None
        return steps
