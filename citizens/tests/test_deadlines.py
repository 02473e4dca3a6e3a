"""Deadlines from the time-limit table: each path, both rule periods (before and from
1 July 2026), holidays, extensions and suspension; the rule table refuses overlaps."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from citizens import services
from citizens.deadlines import compute
from citizens.models import CaseType, Competence, Complexity, DeadlineStep, StepKind, TimeLimitRule
from citizens.tests.conftest import receive, step

D = datetime.date


def due(petition, which):
    found = {d.step: d for d in compute(petition)}
    return found[which]


@pytest.mark.django_db
def test_complaint_acceptance_before_the_2026_change_is_ten_working_days(commune, clerk):
    petition = receive(commune, clerk, day=D(2026, 6, 15)).petition
    accept = due(petition, DeadlineStep.ACCEPT)
    assert accept.due == D(2026, 6, 29)
    assert "TT 07/2013" in accept.legal_basis


@pytest.mark.django_db
def test_complaint_acceptance_from_1_july_2026_is_seven_working_days(commune, clerk):
    petition = receive(commune, clerk, day=D(2026, 7, 1)).petition
    accept = due(petition, DeadlineStep.ACCEPT)
    assert accept.due == D(2026, 7, 10)
    assert "155/2026" in accept.legal_basis


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("complexity", "remote", "expected"),
    [
        # accepted Mon 3/8/2026: 30 days → Wed 2/9 (National Day) → Thu 3/9
        (Complexity.NORMAL, False, D(2026, 9, 3)),
        (Complexity.COMPLEX, False, D(2026, 9, 17)),
        (Complexity.NORMAL, True, D(2026, 9, 17)),
        (Complexity.COMPLEX, True, D(2026, 10, 2)),
    ],
)
def test_first_instance_resolution_by_complexity_and_area(
    commune, clerk, complexity, remote, expected
):
    petition = receive(
        commune, clerk, day=D(2026, 7, 27), complexity=complexity, remote_area=remote
    ).petition
    step(petition, clerk, StepKind.ACCEPT, D(2026, 8, 3), document_number="12/TB-UBND")
    resolve = due(petition, DeadlineStep.RESOLVE)
    assert resolve.due == expected
    assert "Điều 28" in resolve.legal_basis


@pytest.mark.django_db
def test_second_instance_remote_complex_complaint_has_seventy_days(commune, clerk):
    petition = receive(
        commune,
        clerk,
        day=D(2026, 7, 27),
        instance=2,
        complexity=Complexity.COMPLEX,
        remote_area=True,
    ).petition
    step(petition, clerk, StepKind.ACCEPT, D(2026, 8, 3))
    resolve = due(petition, DeadlineStep.RESOLVE)
    assert resolve.due == D(2026, 10, 12)  # 3/8 + 70 days
    assert "Điều 37" in resolve.legal_basis


@pytest.mark.django_db
def test_denunciation_handling_counts_working_days_over_national_day(commune, clerk):
    petition = receive(commune, clerk, day=D(2026, 8, 28), case_type=CaseType.DENUNCIATION).petition
    handle = due(petition, DeadlineStep.HANDLE)
    assert handle.due == D(2026, 9, 11)
    assert "Điều 24" in handle.legal_basis


@pytest.mark.django_db
def test_denunciation_outside_competence_must_be_forwarded_in_five_working_days(commune, clerk):
    petition = receive(
        commune,
        clerk,
        day=D(2026, 10, 5),
        case_type=CaseType.DENUNCIATION,
        competence=Competence.OUTSIDE,
    ).petition
    forward = due(petition, DeadlineStep.FORWARD)
    assert forward.due == D(2026, 10, 12)
    step(petition, clerk, StepKind.FORWARD, D(2026, 10, 9), body="Thanh tra tỉnh")
    forward = due(petition, DeadlineStep.FORWARD)
    assert forward.done_on == D(2026, 10, 9)
    assert not forward.late


@pytest.mark.django_db
def test_decision_then_sending_within_three_working_days(commune, clerk):
    petition = receive(commune, clerk, day=D(2026, 7, 27)).petition
    step(petition, clerk, StepKind.ACCEPT, D(2026, 8, 3))
    step(petition, clerk, StepKind.DECIDE, D(2026, 8, 28), result="partly")
    send = due(petition, DeadlineStep.SEND_DECISION)
    # Fri 28/8 + 3 working days: 31/8, 1/9, 2/9 are days off → 3, 4, 7 September
    assert send.due == D(2026, 9, 7)
    assert "Điều 32" in send.legal_basis


@pytest.mark.django_db
def test_especially_complex_denunciation_allows_two_extensions_and_no_third(commune, clerk):
    petition = receive(
        commune,
        clerk,
        day=D(2026, 7, 27),
        case_type=CaseType.DENUNCIATION,
        complexity=Complexity.ESPECIALLY,
    ).petition
    step(petition, clerk, StepKind.ACCEPT, D(2026, 8, 3))
    assert due(petition, DeadlineStep.RESOLVE).due == D(2026, 9, 3)
    for n in (1, 2):
        services.add_extension(
            petition=petition,
            actor=clerk,
            days=30,
            decision_number=f"{n}/QĐ-UBND",
            decision_date=D(2026, 8, 20),
            reason="Phải xác minh nhiều nơi",
        )
    resolve = due(petition, DeadlineStep.RESOLVE)
    assert resolve.due == D(2026, 11, 2)  # 3/8 + 90 days = Sun 1/11 → Mon 2/11
    with pytest.raises(ValidationError, match="không được gia hạn thêm"):
        services.add_extension(
            petition=petition,
            actor=clerk,
            days=10,
            decision_number="3/QĐ-UBND",
            decision_date=D(2026, 8, 21),
            reason="x",
        )
    assert petition.extensions.count() == 2


@pytest.mark.django_db
def test_a_simple_denunciation_cannot_be_extended(commune, clerk, denunciation):
    step(denunciation, clerk, StepKind.ACCEPT, D(2026, 8, 5))
    with pytest.raises(ValidationError):
        services.add_extension(
            petition=denunciation,
            actor=clerk,
            days=30,
            decision_number="1/QĐ-UBND",
            decision_date=D(2026, 8, 20),
            reason="x",
        )


@pytest.mark.django_db
def test_suspension_pushes_the_resolution_deadline(commune, clerk):
    petition = receive(commune, clerk, day=D(2026, 7, 27)).petition
    step(petition, clerk, StepKind.ACCEPT, D(2026, 8, 3))
    step(petition, clerk, StepKind.SUSPEND, D(2026, 8, 10), document_number="5/QĐ-UBND")
    step(petition, clerk, StepKind.RESUME, D(2026, 8, 20), document_number="6/QĐ-UBND")
    assert due(petition, DeadlineStep.RESOLVE).due == D(2026, 9, 14)  # 3/9 → +10 → 13/9 Sun


@pytest.mark.django_db
def test_overlapping_rule_periods_are_refused_with_a_vietnamese_message():
    rule = TimeLimitRule(
        step=DeadlineStep.ACCEPT,
        case_type=CaseType.COMPLAINT,
        instance=1,
        day_kind="working",
        days=5,
        legal_basis="Thử",
        effective_from=D(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "Thời gian hiệu lực trùng với quy tắc đã có" in str(error.value)
    assert TimeLimitRule.objects.filter(legal_basis="Thử").count() == 0
    rule.effective_from = D(2030, 1, 1)
    with pytest.raises(ValidationError):  # the 2026 rule is open-ended
        rule.full_clean()


@pytest.mark.django_db
def test_a_rule_after_closing_the_current_one_is_accepted():
    current = TimeLimitRule.objects.get(
        step=DeadlineStep.ACCEPT, case_type=CaseType.COMPLAINT, instance=1, effective_to=None
    )
    current.effective_to = D(2029, 12, 31)
    current.full_clean()
    current.save()
    TimeLimitRule(
        step=DeadlineStep.ACCEPT,
        case_type=CaseType.COMPLAINT,
        instance=1,
        day_kind="working",
        days=5,
        legal_basis="Luật mới",
        effective_from=D(2030, 1, 1),
    ).full_clean()
