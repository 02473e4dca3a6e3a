"""Who may do what with petitions, on top of ``accounts.access`` (scope by unit).

- Everyone who can see the unit sees its petitions, redacted for denunciations.
- Office and chair of the unit, and the users assigned to a case, handle it.
- A denouncer's identity is revealed only to the users assigned to receive or resolve that
  case (``Petition.handlers``), each reveal logged; other petitioners' identities are shown to
  everyone who sees the case.
- The log of reveals is for the chair of the unit and the committee head.
"""

from accounts.access import scoped
from accounts.models import Role
from citizens.models import Petition


def visible_petitions(user):
    return scoped(Petition.objects.select_related("unit", "field"), user)


def is_handler(user, petition) -> bool:
    return (
        user.is_authenticated
        and user.unit_id == petition.unit_id
        and petition.handlers.filter(pk=user.pk).exists()
    )


def can_handle(user, petition) -> bool:
    if not user.is_authenticated or user.unit_id != petition.unit_id:
        return False
    return user.manages_program or is_handler(user, petition)


def can_manage_citizens(user, unit) -> bool:
    return user.is_authenticated and user.unit_id == unit.pk and user.manages_program


def can_see_identity(user, petition) -> bool:
    """May ``user`` (who already sees the case) see the petitioners' identity?"""
    if not petition.is_secret:
        return True
    return is_handler(user, petition)


def can_see_repeat_link(user, petition, other) -> bool:
    """May ``user`` see that ``petition`` repeats ``other`` (or the reverse)? A link that
    touches a denunciation tells who denounced: only for those who see both identities."""
    if other is None:
        return False
    return can_see_identity(user, petition) and can_see_identity(user, other)


def can_see_identity_log(user, unit) -> bool:
    """The chair of the unit and the committee head."""
    if not user.is_authenticated or user.unit_id != unit.pk:
        return False
    if user.role == Role.CHAIR:
        return True
    from committee.models import CommitteeRole

    return user.committee_seats.filter(committee_role=CommitteeRole.HEAD, unit=unit).exists()
