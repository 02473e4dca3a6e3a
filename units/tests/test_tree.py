"""The unit tree: any depth, and "this unit and everything below it" in one query."""

from units.models import Unit, UnitKind


def test_paths_follow_the_tree_and_scoping_includes_descendants(db):
    province = Unit.objects.create(code="p", name="Tỉnh", kind=UnitKind.PROVINCE)
    district = Unit.objects.create(code="d", name="Huyện", kind=UnitKind.DISTRICT, parent=province)
    commune = Unit.objects.create(code="c", name="Xã", kind=UnitKind.COMMUNE, parent=district)
    other = Unit.objects.create(code="o", name="Tỉnh khác", kind=UnitKind.PROVINCE)

    assert commune.path == f"/{province.pk}/{district.pk}/{commune.pk}/"
    assert set(Unit.objects.within(province)) == {province, district, commune}
    assert set(Unit.objects.within(commune)) == {commune}
    assert other not in Unit.objects.within(province)
    assert commune.is_within(province) and not province.is_within(commune)


def test_moving_a_unit_moves_everything_below_it(db):
    """After the 2025 reform a commune hangs directly under its province."""
    province = Unit.objects.create(code="p", name="Tỉnh", kind=UnitKind.PROVINCE)
    district = Unit.objects.create(code="d", name="Huyện", kind=UnitKind.DISTRICT, parent=province)
    commune = Unit.objects.create(code="c", name="Xã", kind=UnitKind.COMMUNE, parent=district)
    other_province = Unit.objects.create(code="q", name="Tỉnh 2", kind=UnitKind.PROVINCE)

    district.parent = other_province
    district.save()
    commune.refresh_from_db()

    assert commune.path == f"/{other_province.pk}/{district.pk}/{commune.pk}/"
    assert commune not in Unit.objects.within(province)
    assert commune in Unit.objects.within(other_province)


def test_a_parent_or_merge_that_makes_a_cycle_is_refused(db):
    import pytest
    from django.core.exceptions import ValidationError

    province = Unit.objects.create(code="p", name="Tỉnh", kind=UnitKind.PROVINCE)
    commune = Unit.objects.create(code="c", name="Xã", kind=UnitKind.COMMUNE, parent=province)
    ward = Unit.objects.create(code="w", name="Phường", kind=UnitKind.WARD, parent=province)
    province.parent = commune
    with pytest.raises(ValidationError, match="vòng lặp"):
        province.save()
    province.refresh_from_db()
    ward.merged_into = commune
    ward.save()
    commune.merged_into = ward
    with pytest.raises(ValidationError, match="vòng lặp"):
        commune.save()
    province.refresh_from_db()
    commune.refresh_from_db()
    assert province.parent is None and commune.merged_into is None
