"""The unit tree as of a date: a commune under its district until 30 June 2025, under the
province from 1 July 2025; history stays as it was."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from units import tree
from units.models import Unit, UnitKind

D = datetime.date
JULY_2025 = D(2025, 7, 1)


@pytest.fixture
def district(province):
    return Unit.objects.create(
        code="tp-vinh", name="Thành phố Vinh", kind=UnitKind.DISTRICT, parent=province
    )


@pytest.fixture
def moved(province, district):
    """A commune of the district that reports to the province since 1 July 2025."""
    commune = Unit.objects.create(code="xa-a", name="Xã A", kind=UnitKind.COMMUNE, parent=district)
    tree.end_parent(unit=district, last_day=JULY_2025 - datetime.timedelta(days=1))
    return tree.change_parent(unit=commune, parent=province, on=JULY_2025)


def test_a_unit_without_history_always_had_its_current_parent(commune, province):
    assert tree.parent_on(commune, D(1990, 1, 1)) == province
    assert tree.parent_on(province, D(2026, 1, 1)) is None


def test_the_parent_follows_the_date(moved, district, province):
    assert tree.parent_on(moved, D(2023, 12, 31)) == district
    assert tree.parent_on(moved, D(2025, 6, 30)) == district
    assert tree.parent_on(moved, JULY_2025) == province
    assert moved.parent == province and moved.path == f"{province.path}{moved.pk}/"
    assert tree.parent_on(district, D(2025, 6, 30)) == province
    assert tree.parent_on(district, JULY_2025) is None


def test_children_and_descendants_as_of_a_date(moved, district, province, commune):
    assert set(tree.children_on(province, D(2023, 6, 1))) == {district, commune}
    assert set(tree.children_on(province, D(2026, 6, 1))) == {moved, commune}
    assert list(tree.children_on(district, D(2023, 6, 1))) == [moved]
    assert not tree.children_on(district, D(2026, 6, 1)).exists()
    owner = tree.descendants_on([district.pk, commune.pk], D(2023, 6, 1))
    assert owner == {district.pk: district.pk, moved.pk: district.pk, commune.pk: commune.pk}
    assert tree.ancestors_on(moved, D(2023, 6, 1)) == [district.pk, province.pk]
    assert tree.ancestors_on(moved, D(2026, 6, 1)) == [province.pk]


def test_descendants_take_the_same_queries_whatever_the_depth(
    moved, district, province, django_assert_num_queries
):
    with django_assert_num_queries(2):
        tree.descendants_on([province.pk], D(2023, 6, 1))


def test_a_parent_cannot_be_changed_back_in_time_or_into_a_loop(moved, district, province):
    with pytest.raises(ValidationError):
        tree.change_parent(unit=moved, parent=district, on=D(2025, 1, 1))
    with pytest.raises(ValidationError):
        tree.change_parent(unit=province, parent=moved, on=D(2026, 1, 1))
    assert tree.parent_on(moved, D(2026, 1, 1)) == province
