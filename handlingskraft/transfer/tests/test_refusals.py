"""What an import refuses, and that a refused or failed import writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from handlingskraft.accounts.models import Invitation, User
from handlingskraft.api.models import ApiToken
from handlingskraft.conftest import World
from handlingskraft.organizations.models import Actor, Organization
from handlingskraft.plans.models import ActivityActor
from handlingskraft.tests.faults import connection_lost_at, row_counts, statements_in
from handlingskraft.transfer import fileformat
from handlingskraft.transfer.errors import TransferError
from handlingskraft.transfer.exporting import export_organization
from handlingskraft.transfer.importing import import_organization

from .scenario import Quiet, comparable, enrich

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(world: World, tmp_path: Path) -> Path:
    enrich_minimal(world)
    path = tmp_path / "testkommun.json"
    call_command("export_organization", "testkommun", output=path, stdout=Quiet())
    return path


def enrich_minimal(world: World) -> None:
    from handlingskraft.datacollection.seeds import seed_pilot_survey

    seed_pilot_survey(world.organization)
    enrich(world.organization)


def rename_the_original(world: World) -> None:
    """Make room for the file's organisation beside the original: another
    name, and without the API token and invitation, whose hashes are unique
    across the instance."""
    Organization.objects.filter(pk=world.organization.pk).update(
        slug="testkommun-gammal", name="Gamla Testkommun", municipality_code="9909"
    )
    ApiToken.objects.filter(organization=world.organization).delete()
    Invitation.objects.filter(organization=world.organization).delete()


def test_an_organisation_that_exists_here_is_refused_and_nothing_is_written(exported: Path):
    before = row_counts()
    with pytest.raises(CommandError) as refused:
        call_command("import_organization", exported, stdout=Quiet())
    message = str(refused.value)
    assert "lästes inte in" in message
    assert "kommunkoden 9901" in message and "kortnamnet ”testkommun”" in message
    assert row_counts() == before


def test_a_username_here_with_another_address_is_refused(world: World, exported: Path):
    rename_the_original(world)
    User.objects.filter(username="samordnare").update(email="annan@example.org")
    before = row_counts()
    with pytest.raises(TransferError) as refused:
        import_organization(fileformat.read(exported))
    assert "Användarnamnet ”samordnare” finns redan här med en annan e-postadress" in str(
        refused.value
    )
    assert row_counts() == before


def test_a_new_users_address_in_use_by_another_user_is_refused(world: World, exported: Path):
    rename_the_original(world)
    User.objects.filter(username="testkommun-flytt").update(username="nagon-annan")
    before = row_counts()
    with pytest.raises(TransferError) as refused:
        import_organization(fileformat.read(exported))
    assert "E-postadressen Flytt@testkommun.example" in str(refused.value)
    assert "”nagon-annan”" in str(refused.value)
    assert row_counts() == before


def test_an_import_beside_other_organisations_reuses_the_same_users(world: World, exported: Path):
    rename_the_original(world)
    users = User.objects.count()
    result = import_organization(fileformat.read(exported))
    assert result.created_users == []
    assert "samordnare" in result.reused_users
    assert User.objects.count() == users
    moved = Organization.objects.get(slug="testkommun")
    assert moved.pk != world.organization.pk
    assert comparable(export_organization(moved)) == comparable(fileformat.read(exported))


def test_rows_already_here_by_a_unique_value_are_refused(world: World, exported: Path):
    Organization.objects.filter(pk=world.organization.pk).update(
        slug="testkommun-gammal", name="Gamla Testkommun", municipality_code="9909"
    )
    before = row_counts()
    with pytest.raises(TransferError) as refused:
        import_organization(fileformat.read(exported))
    assert "api.apitoken.token_hash: 1 av filens värden finns redan här" in str(refused.value)
    assert row_counts() == before


def test_a_dry_run_writes_nothing(world: World, exported: Path):
    rename_the_original(world)
    before = row_counts()
    result = import_organization(fileformat.read(exported), dry_run=True)
    assert result.counts["plans.plan"] == 2  # the adopted version and its revision
    assert row_counts() == before


@pytest.mark.parametrize("where", [0.0, 0.3, 0.6, 1.0])
def test_a_connection_lost_in_the_middle_of_an_import_leaves_nothing(
    world: World, exported: Path, where: float
):
    rename_the_original(world)
    document = fileformat.read(exported)
    inserts = statements_in(lambda: import_organization(document), kind="INSERT")
    statement = max(1, round(where * inserts))
    before = row_counts()
    with (
        connection_lost_at(statement, kind="INSERT") as seen,
        pytest.raises(TransferError) as failed,
    ):
        import_organization(fileformat.read(exported))
    assert len(seen) == statement
    assert "Databasen gick inte att nå" in str(failed.value)
    assert "Ingenting lästes in" in str(failed.value)
    assert row_counts() == before
    import_organization(fileformat.read(exported))  # and a retry goes through
    assert Organization.objects.filter(slug="testkommun").exists()


def test_another_format_version_and_other_files_are_refused(tmp_path: Path):
    path = tmp_path / "fil.json"
    path.write_text('{"format": "handlingskraft-organisation", "format_version": 99}')
    with pytest.raises(TransferError, match="formatversion 99"):
        fileformat.read(path)
    path.write_text("[1, 2, 3]")
    with pytest.raises(TransferError, match="inte en exporterad organisation"):
        fileformat.read(path)
    path.write_bytes(b"\x1f\x8b trasig")
    with pytest.raises(TransferError, match="Kunde inte läsa"):
        fileformat.read(path)


def test_an_export_refuses_data_that_points_into_another_organisation(world: World):
    foreign = Actor.objects.get(organization=world.other_organization)
    ActivityActor.objects.create(activity=world.activity, actor=foreign, position=9)
    # The row is the other organisation's (its actor's), and points at our activity.
    with pytest.raises(TransferError) as refused:
        export_organization(world.other_organization)
    assert "hör till en annan organisation" in str(refused.value)


def test_an_unknown_organisation_cannot_be_exported(db: None, tmp_path: Path):
    with pytest.raises(CommandError, match="ingen organisation med kortnamnet ”okand”"):
        call_command("export_organization", "okand", output=tmp_path / "x.json")
