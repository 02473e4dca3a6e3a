"""The office edits its unit's reminder rules; defaults on first use; bad input refused
whole, with a Vietnamese message."""

from django.urls import reverse

from audit.models import AuditEvent
from reminders.models import ReminderRule, RuleKind


def formset_data(rules, **changes):
    """POST data reproducing ``rules`` with ``changes`` ({"form-0-days": "-3", ...})."""
    data = {
        "form-TOTAL_FORMS": str(len(rules) + 1),
        "form-INITIAL_FORMS": str(len(rules)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, rule in enumerate(rules):
        data.update(
            {
                f"form-{i}-id": str(rule.pk),
                f"form-{i}-kind": rule.kind,
                f"form-{i}-days": str(rule.days),
                f"form-{i}-weekday": str(rule.weekday),
            }
        )
        if rule.active:
            data[f"form-{i}-active"] = "on"
    n = len(rules)
    data.update({f"form-{n}-kind": "", f"form-{n}-days": "0", f"form-{n}-weekday": "0"})
    data[f"form-{n}-active"] = "on"
    data.update(changes)
    return data


def test_office_gets_sensible_defaults_on_first_visit(client, clerk, commune):
    client.force_login(clerk)
    page = client.get(reverse("reminders:rules")).content.decode()
    assert "Quy tắc nhắc việc" in page
    rules = ReminderRule.objects.filter(unit=commune)
    assert sorted((r.kind, r.days) for r in rules) == sorted(
        [
            (RuleKind.BEFORE_DUE, 7),
            (RuleKind.BEFORE_DUE, 1),
            (RuleKind.ON_OVERDUE, 0),
            (RuleKind.OVERDUE_REPEAT, 7),
            (RuleKind.OVERDUE_SUMMARY, 0),
        ]
    )
    client.get(reverse("reminders:rules"))
    assert rules.count() == 5


def test_office_changes_and_adds_rules(client, clerk, commune):
    client.force_login(clerk)
    client.get(reverse("reminders:rules"))
    rules = list(ReminderRule.objects.filter(unit=commune))
    seven = next(i for i, r in enumerate(rules) if r.days == 7 and r.kind == RuleKind.BEFORE_DUE)
    changes = {f"form-{seven}-days": "10", "form-5-kind": RuleKind.BEFORE_DUE, "form-5-days": "3"}
    data = formset_data(rules, **changes)
    response = client.post(reverse("reminders:rules"), data)
    assert response.status_code == 302
    before_due = ReminderRule.objects.filter(unit=commune, kind=RuleKind.BEFORE_DUE)
    assert sorted(before_due.values_list("days", flat=True)) == [1, 3, 10]
    event = AuditEvent.objects.get(unit=commune)
    assert event.actor == clerk


def test_negative_days_are_refused_and_nothing_is_half_saved(client, clerk, commune):
    client.force_login(clerk)
    client.get(reverse("reminders:rules"))
    rules = list(ReminderRule.objects.filter(unit=commune))
    data = formset_data(
        rules,
        **{
            "form-0-days": "-3",
            "form-5-kind": RuleKind.BEFORE_DUE,
            "form-5-days": "2",
        },
    )
    data.pop("form-1-active")  # a valid change in the same submission: switch rule 2 off
    response = client.post(reverse("reminders:rules"), data)
    assert response.status_code == 400
    assert "Số ngày không được là số âm" in response.content.decode()
    assert [(r.pk, r.days, r.active) for r in ReminderRule.objects.filter(unit=commune)] == [
        (r.pk, r.days, r.active) for r in rules
    ]
    assert not AuditEvent.objects.exists()


def test_repeating_every_zero_days_is_refused(client, clerk, commune):
    client.force_login(clerk)
    client.get(reverse("reminders:rules"))
    rules = list(ReminderRule.objects.filter(unit=commune))
    repeat = next(i for i, r in enumerate(rules) if r.kind == RuleKind.OVERDUE_REPEAT)
    data = formset_data(rules, **{f"form-{repeat}-days": "0"})
    response = client.post(reverse("reminders:rules"), data)
    assert response.status_code == 400
    assert "ít nhất 1 ngày" in response.content.decode()


def test_only_the_units_office_and_chair_edit_rules(client, member_user, viewer, charlie, chair):
    for user in (member_user, viewer):
        client.force_login(user)
        assert client.get(reverse("reminders:rules")).status_code == 404
        assert client.post(reverse("reminders:rules"), {}).status_code == 404
    client.force_login(chair)
    assert client.get(reverse("reminders:rules")).status_code == 200
    client.force_login(charlie)
    assert "Xã Hưng Chính" not in client.get(reverse("reminders:rules")).content.decode()
    assert set(ReminderRule.objects.values_list("unit", flat=True)) == {
        chair.unit_id,
        charlie.unit_id,
    }


def test_deleting_every_rule_does_not_bring_the_defaults_back(client, clerk, commune):
    client.force_login(clerk)
    client.get(reverse("reminders:rules"))
    rules = list(ReminderRule.objects.filter(unit=commune))
    data = formset_data(rules, **{f"form-{i}-DELETE": "on" for i in range(len(rules))})
    assert client.post(reverse("reminders:rules"), data).status_code == 302
    client.get(reverse("reminders:rules"))
    assert not ReminderRule.objects.filter(unit=commune).exists()
