"""The second factor as an attacker holding only the password would probe it, and the ways a
user with a lost phone gets back in (recovery codes, the office's reset)."""

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RecoveryCode, Role
from audit.models import AuditEvent
from conftest import TEST_PASSWORD, make_user


@pytest.fixture
def gate(settings):
    settings.DVCQ_REQUIRE_2FA = True


@pytest.fixture
def handler(commune):
    """An administrator of the commune (must use the second factor), with an e-mail."""
    user = make_user("quantri", commune, Role.OFFICE)
    user.is_staff = True
    user.email = "quantri@example.vn"
    user.save()
    return user


def _code(device, offset=0):
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{code:06d}"


def _password_only(client, username):
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


def _enrol(client, user) -> tuple[TOTPDevice, list[str]]:
    """Enrol a device through the pages (the session must be allowed to) and return it
    with the recovery codes shown."""
    if "_auth_user_id" not in client.session:
        _password_only(client, user.username)
    client.get(reverse("accounts:otp_enrol"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:otp_enrol"), {"token": _code(device)})
    assert response.status_code == 200
    return device, response.context["codes"]


def _unthrottle(user):
    TOTPDevice.objects.filter(user=user).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def _verified(client) -> bool:
    return client.get(reverse("programs:dashboard")).status_code == 200


def test_a_stolen_password_cannot_enrol_a_new_device(client, gate, handler):
    """The attack: password only, open the enrol page, read its secret, confirm a code from
    it, and be treated as verified."""
    device, _codes = _enrol(client, handler)
    client.logout()

    _password_only(client, "quantri")
    page = client.get(reverse("accounts:otp_enrol"))
    assert page.status_code == 403
    body = page.content.decode()
    assert 'class="qr"' not in body and "<code>" not in body  # no QR code, no secret
    assert "văn phòng" in body  # told who can reset a lost device
    assert not TOTPDevice.objects.filter(user=handler, confirmed=False).exists()

    # even with a pending device of its own making, a code from it opens nothing
    rogue = TOTPDevice.objects.create(user=handler, name="rogue", confirmed=False)
    posted = client.post(reverse("accounts:otp_enrol"), {"token": _code(rogue)})
    assert posted.status_code == 403
    rogue.refresh_from_db()
    assert not rogue.confirmed
    assert not _verified(client)
    assert list(TOTPDevice.objects.filter(user=handler, confirmed=True)) == [device]


def test_a_verified_session_may_replace_the_device_and_the_user_is_told(client, gate, handler):
    old, _codes = _enrol(client, handler)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["quantri@example.vn"]
    assert "thiết bị xác thực hai bước" in mail.outbox[0].subject

    page = client.get(reverse("accounts:otp_enrol"))
    assert page.status_code == 200 and "thay thiết bị cũ" in page.content.decode()
    new = TOTPDevice.objects.get(user=handler, confirmed=False)
    assert client.post(reverse("accounts:otp_enrol"), {"token": _code(new)}).status_code == 200
    assert list(TOTPDevice.objects.filter(user=handler)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert len(mail.outbox) == 2
    verbs = list(
        AuditEvent.objects.filter(target_id=handler.pk, verb="otp_enrol").values_list(
            "summary", flat=True
        )
    )
    assert len(verbs) == 2 and any("Thay thiết bị" in s for s in verbs)


def test_every_failed_code_is_in_the_audit_log(client, gate, handler):
    _enrol(client, handler)
    client.logout()
    _password_only(client, "quantri")
    for _ in range(2):
        _unthrottle(handler)
        client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    client.post(reverse("accounts:otp_verify"), {"token": "AAAA-BBBB-CCCC-DDDD"})
    failures = AuditEvent.objects.filter(target_id=handler.pk, verb="otp_failure")
    assert failures.count() == 3
    assert all(event.actor == handler for event in failures)


def test_recovery_codes_are_shown_once_stored_hashed_and_work_once(client, gate, handler):
    _device, codes = _enrol(client, handler)
    assert len(codes) == 10 and len(set(codes)) == 10
    with connection.cursor() as cursor:
        cursor.execute("SELECT digest FROM accounts_recoverycode")
        stored = " ".join(row[0] for row in cursor.fetchall())
    for code in codes:
        assert code not in stored and code.replace("-", "") not in stored
    client.logout()

    # the lost phone: a recovery code in place of the six digits
    _password_only(client, "quantri")
    assert not _verified(client)
    used = client.post(reverse("accounts:otp_verify"), {"token": codes[0].lower()})
    assert used.status_code == 302
    assert _verified(client)
    assert AuditEvent.objects.filter(target_id=handler.pk, verb="otp_recovery").exists()
    client.logout()

    # the same code again: refused
    _password_only(client, "quantri")
    again = client.post(reverse("accounts:otp_verify"), {"token": codes[0]})
    assert "Mã xác thực không đúng" in again.content.decode()
    assert not _verified(client)
    assert RecoveryCode.objects.filter(used_at__isnull=True).count() == 9


def test_regenerating_recovery_codes_invalidates_the_old_ones(client, gate, handler):
    _device, old = _enrol(client, handler)
    page = client.get(reverse("accounts:recovery_codes"))
    assert "còn 10 mã" in page.content.decode()
    new = client.post(reverse("accounts:recovery_codes")).context["codes"]
    assert set(new).isdisjoint(old)
    client.logout()

    _password_only(client, "quantri")
    client.post(reverse("accounts:otp_verify"), {"token": old[1]})
    assert not _verified(client)
    from accounts.models import RecoveryCodes

    RecoveryCodes.objects.filter(user=handler).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    client.post(reverse("accounts:otp_verify"), {"token": new[1]})
    assert _verified(client)


def test_a_password_only_session_cannot_regenerate_recovery_codes(client, gate, handler):
    _enrol(client, handler)
    client.logout()
    _password_only(client, "quantri")
    client.post(reverse("accounts:recovery_codes"))
    assert RecoveryCode.objects.filter(device__user=handler).count() == 10
    assert not AuditEvent.objects.filter(target_id=handler.pk, verb="otp_recovery").exists()


def _with_device(user):
    return TOTPDevice.objects.create(user=user, name="DVCQ", confirmed=True)


def test_the_office_of_the_same_unit_resets_a_lost_device(client, clerk, member_user, charlie):
    member_user.email = "member@example.vn"
    member_user.save()
    _with_device(member_user)
    client.force_login(clerk)
    listed = client.get(reverse("accounts:otp_reset_list"))
    assert "member" in listed.content.decode()
    response = client.post(reverse("accounts:otp_reset", args=[member_user.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member_user).exists()
    event = AuditEvent.objects.get(target_id=member_user.pk, verb="otp_reset")
    assert event.actor == clerk
    assert mail.outbox[-1].to == ["member@example.vn"]

    # the office of another commune cannot
    _with_device(member_user)
    client.force_login(charlie)
    assert list(client.get(reverse("accounts:otp_reset_list")).context["users"]) == []
    assert client.post(reverse("accounts:otp_reset", args=[member_user.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=member_user).exists()


def test_nobody_resets_their_own_device_nor_an_administrators(client, clerk, member_user, handler):
    _with_device(member_user)
    _with_device(handler)
    client.force_login(member_user)
    assert client.post(reverse("accounts:otp_reset", args=[member_user.pk])).status_code == 403
    assert client.get(reverse("accounts:otp_reset_list")).status_code == 403
    client.force_login(clerk)
    assert client.post(reverse("accounts:otp_reset", args=[handler.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user__in=[member_user, handler]).count() == 2
    # an administrator may, and it is audited
    client.force_login(handler)
    client.post(reverse("accounts:otp_reset", args=[member_user.pk]))
    assert not TOTPDevice.objects.filter(user=member_user).exists()
    assert AuditEvent.objects.filter(actor=handler, verb="otp_reset").exists()


def test_after_a_reset_the_user_enrols_again_with_the_password(client, gate, clerk, handler):
    _enrol(client, handler)
    client.logout()
    admin2 = make_user("quantri2", clerk.unit, Role.OFFICE)
    admin2.is_superuser = True
    admin2.save()
    client.force_login(admin2)
    from accounts import second_factor

    second_factor.reset(actor=admin2, user=handler)
    client.logout()
    _password_only(client, "quantri")
    page = client.get(reverse("programs:dashboard"))
    assert page["Location"].startswith(reverse("accounts:otp_enrol"))
    _device, codes = _enrol(client, handler)
    assert len(codes) == 10 and _verified(client)


def test_the_back_office_offers_no_way_around_the_audited_reset(client, django_user_model):
    """An administrator cannot add or delete someone's device in /quan-tri/, where no audit
    record or e-mail would follow: devices change only on the audited pages."""
    from django.contrib import admin as django_admin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not django_admin.site.is_registered(TOTPDevice)
    root = django_user_model.objects.create_superuser(username="root2", password="x-pass-123")
    client.force_login(root)
    assert client.get("/quan-tri/otp_totp/totpdevice/").status_code == 404
