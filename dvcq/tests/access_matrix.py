"""Who may open which page: one entry per URL name, read by ``test_access_matrix.py``.

A URL name without an entry fails the test, so every new page is thought through here.

Roles (see ``dvcq/tests/world.py``): ``anonymous``; ``viewer``, ``member``, ``office``,
``chair`` of commune A; ``handler``, a member of A assigned to A's petition; ``province_viewer``,
a viewer at the province above A and B; ``superuser``, the back-office administrator with no
unit. Objects named in URLs belong to commune A ("own") or to commune B ("other").

An entry says:

- ``ok``: the roles that GET the page (status in ``ok_status``) with commune A's objects.
  Every other signed-in role gets 403 or 404; anonymous is sent to the login page.
- ``obj``: which kind of object the URL's ``pk`` names (keys of ``World.objects``).
- ``public``: anonymous may GET it too; what it shows is public by design (another commune's
  public page, a calendar feed whose secret address is the key).
- ``post_only``: the page only takes POST; a GET is answered 302, 403, 404 or 405, never 200.
- ``owner_only``: the object belongs to one person (``ok`` lists that person's role).
- ``args``: values for other URL arguments (``fmt``, ``year``, ...).
- ``api``: a page of the REST API (``/api/v1/``): it takes a bearer token, never a session, so
  each role calls it with a read-only token of its own and anonymous gets 401.

For commune B's objects every role gets exactly what it gets for an object that does not exist
(404), except the province viewer, who reads both communes below it.
"""

from dataclasses import dataclass, field

COMMUNE = frozenset({"viewer", "member", "office", "chair", "handler"})
READERS = COMMUNE | {"province_viewer"}
MANAGERS = frozenset({"office", "chair"})
SIGNED_IN = READERS | {"superuser"}
NOBODY = frozenset()


@dataclass(frozen=True)
class Entry:
    ok: frozenset = READERS
    obj: str | None = None
    public: bool = False
    post_only: bool = False
    owner_only: bool = False
    ok_status: tuple = (200,)
    args: dict = field(default_factory=dict)
    api: bool = False


def read(obj=None, **kw):
    """Everyone signed in with a unit reads it. The administrator has no unit: a list page
    opens empty or answers 404 (either is fine; the test checks it shows no commune's data)."""
    return Entry(ok=READERS, obj=obj, **kw)


def manage(obj=None, **kw):
    return Entry(ok=MANAGERS, obj=obj, **kw)


def post(obj=None, **kw):
    return Entry(ok=NOBODY, obj=obj, post_only=True, **kw)


def public(obj=None, **kw):
    return Entry(ok=SIGNED_IN, obj=obj, public=True, **kw)


def api(obj=None, **kw):
    return Entry(ok=READERS, obj=obj, api=True, **kw)


# The back office (``/quan-tri/``): only staff; everyone else is sent to its login page.
ADMIN_NAMESPACE = "admin"
ADMIN_PUBLIC = {"admin:login", "admin:logout"}

MATRIX: dict[str, Entry] = {
    "healthz": public(),
    "set_language": post(),
    "accounts:login": public(ok_status=(200, 302)),
    "accounts:logout": post(),
    "accounts:otp_verify": Entry(ok=SIGNED_IN),
    "accounts:otp_enrol": Entry(ok=SIGNED_IN),
    # without a device (the world has none): sent to enrol first
    "accounts:recovery_codes": Entry(ok=SIGNED_IN, ok_status=(200, 302)),
    "accounts:otp_reset_list": Entry(ok=frozenset({"office", "superuser"})),
    "accounts:otp_reset": post(args={"user_id": 1}),
    "accounts:my_work": Entry(ok=SIGNED_IN),
    "accounts:held": Entry(ok=frozenset({"office"})),
    # committee
    "committee:page": read(),
    "committee:unit_page": read(),
    "committee:member_add": post(),
    "committee:member_end": post("seat"),
    "committee:member_hamlets": post("seat"),
    # outgoing documents
    "outgoing:register": read(),
    "outgoing:program_download": read("program", args={"fmt": "docx"}),
    "outgoing:program_issue": post("program"),
    # documents
    "documents:import_upload": manage(),
    "documents:import_review": manage("draft"),
    "documents:import_many": manage(),
    "documents:document_list": read(),
    "documents:document": read("document"),
    # follow-up
    "followup:feed_tokens": Entry(ok=SIGNED_IN),
    "followup:feed_token_create": post(),
    "followup:feed_token_revoke": post("feed_token"),
    "followup:feed": public(),
    "followup:urging": manage(),
    "followup:urging_letters": read(),
    "followup:urging_letter": read("urging_letter"),
    "followup:urging_download": read("urging_letter", args={"fmt": "docx"}),
    "followup:urging_letter_step": post("urging_letter", args={"step": "submit"}),
    "followup:urging_letter_issue": post("urging_letter"),
    # meetings
    "meetings:list": read(),
    "meetings:create": manage(),
    "meetings:proposal_confirm": post(args={"year": 2023, "half": 1}),
    "meetings:detail": read("meeting"),
    "meetings:edit": manage("meeting"),
    "meetings:attendance": manage("meeting"),
    "meetings:minutes": manage("meeting"),
    "meetings:invitation_docx": read("meeting"),
    "meetings:number_invitation": post("meeting"),
    "meetings:minutes_docx": read("meeting"),
    # activities
    "activities:list": read(),
    "activities:create": manage(),
    "activities:totals": read(),
    "activities:anniversaries": read(),
    "activities:anniversary_delete": post("anniversary"),
    "activities:file": read("activity_file"),
    "activities:detail": read("activity"),
    "activities:edit": manage("activity"),
    # reminders
    "reminders:list": Entry(ok=SIGNED_IN),
    "reminders:read": post("notification"),
    "reminders:read_all": post(),
    "reminders:rules": manage(),
    "reminders:preferences": Entry(ok=SIGNED_IN),
    # background jobs: only the person who started one sees it
    "jobs:detail": Entry(ok=frozenset({"office"}), obj="job", owner_only=True),
    # citizens
    "citizens:list": read(),
    "citizens:create": manage(),
    "citizens:deadline_preview": manage(),
    "citizens:detail": read("petition"),
    "citizens:reveal": post("petition"),
    "citizens:step_add": post("petition"),
    "citizens:extension_add": post("petition"),
    "citizens:assign": post("petition"),
    "citizens:letter": Entry(ok=MANAGERS | {"handler"}, obj="petition"),
    "citizens:letter_pdf": Entry(ok=MANAGERS | {"handler"}, obj="petition"),
    "citizens:letter_issue": post("petition"),
    "citizens:summary": post("petition"),
    # the scanned petition of a denunciation: only the handlers assigned to the case
    "citizens:attachment": Entry(ok=frozenset({"office", "handler"}), obj="petition"),
    "citizens:board": read(),
    "citizens:statistics": read(),
    "citizens:statistics_xlsx": read(args={"form": "xld"}),
    "citizens:identity_log": Entry(ok=frozenset({"chair"})),
    "citizens:schedule": read(),
    "citizens:register": read(),
    "citizens:register_xlsx": read(),
    "citizens:visit_create": manage(),
    "citizens:lookup": public(),
    "citizens:public": public(),
    # self-inspection
    "inspections:list": read(),
    "inspections:start": post(),
    "inspections:detail": read("inspection"),
    "inspections:score": manage("inspection"),
    "inspections:finding_add": post("inspection"),
    # bright spots
    "brightspots:list": read(),
    "brightspots:register": manage(),
    "brightspots:detail": read("spot"),
    "brightspots:evidence": read("spot_evidence"),
    # the province's view across its communes, and reports sent up to it
    "reports:dashboard": read(),
    "reports:dashboard_xlsx": read(),
    "reports:list": read(),
    "reports:create": post(),
    "reports:inbox": read(),
    "reports:detail": read("report"),
    "reports:edit": post("report"),
    "reports:issue": post("report"),
    "reports:submit": post("report"),
    "reports:review": post("report"),
    "reports:generate": post("report"),
    "reports:download": read("report", args={"fmt": "xlsx"}),
    "reports:file": read("report_file"),
    # search
    "search:search": read(),
    # the audit log, searched by the office and the chair
    "audit:search": manage(),
    # API tokens (the user's own) and the REST API
    "api_tokens:list": Entry(ok=SIGNED_IN),
    "api_tokens:create": post(),
    "api_tokens:revoke": post("api_token"),
    "api:root": public(),
    "api:schema": public(),
    "api:docs": public(),
    "api:unit-list": api(),
    "api:unit-detail": api("unit"),
    "api:committee-member-list": api(),
    "api:committee-member-detail": api("seat"),
    "api:program-list": api(),
    "api:program-detail": api("program"),
    "api:task-list": api(),
    "api:task-detail": api("task"),
    "api:task-evidence": api("task"),
    "api:evidence-detail": api("evidence"),
    "api:document-list": api(),
    "api:document-detail": api("document"),
    "api:activity-list": api(),
    "api:activity-detail": api("activity"),
    "api:petition-list": api(),
    "api:petition-detail": api("petition"),
    "api:visit-list": api(),
    "api:visit-detail": api("visit"),
    "api:report-list": api(),
    "api:report-detail": api("report"),
    "api:report-download": api("report", args={"fmt": "xlsx"}),
    # programs
    "programs:dashboard": read(),
    "programs:program_list": read(),
    "programs:program": read("program"),
    "programs:program_document": post("program"),
    "programs:program_restore_revision": post("program"),
    "programs:program_next_year": manage("program"),
    "programs:task_list": read(),
    "programs:task": read("task"),
    "programs:task_assign": post("task"),
    "programs:evidence": read("evidence"),
}
