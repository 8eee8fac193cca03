"""An organisation's default lists (statuses, assessment scale, training topics
and groups) are made the first time a page needs them. Two requests needing
them at the same moment must make them once: the load test found the second
one failing on the status list's unique labels (a 500 on the report form)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from handlingskraft.followup.defaults import assessment_options, status_options
from handlingskraft.followup.models import AssessmentOption, StatusOption
from handlingskraft.organizations.models import Organization
from handlingskraft.plans.models import ActivityStatus
from handlingskraft.training.defaults import DEFAULT_GROUPS, DEFAULT_TOPICS, ensure_lists
from handlingskraft.training.models import ProfessionalGroup, Topic

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(make: Callable[[Organization], object], organization: Organization) -> list[str]:
    """The first request makes the lists and keeps its transaction open a while;
    the second asks for them meanwhile. Returns the errors either one raised."""
    first_inside = threading.Event()
    errors: list[str] = []

    def first() -> None:
        try:
            with transaction.atomic():
                make(organization)
                first_inside.set()
                time.sleep(0.5)
        except Exception as error:  # reported by the test
            errors.append(repr(error))
        finally:
            first_inside.set()
            connection.close()

    def second() -> None:
        try:
            first_inside.wait(10)
            make(organization)
        except Exception as error:  # reported by the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


@pytest.fixture
def organization() -> Organization:
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections (PostgreSQL)")
    return Organization.objects.create(
        name="Samtidiga kommunen", slug="samtidig", municipality_code="0999"
    )


def test_the_status_list_and_scale_are_made_once(organization: Organization) -> None:
    def both(org: Organization) -> None:
        status_options(org)
        assessment_options(org)

    assert _at_once(both, organization) == []
    assert StatusOption.objects.filter(organization=organization).count() == len(
        ActivityStatus.choices
    )
    assert AssessmentOption.objects.filter(organization=organization).count() == 4


def test_training_topics_and_groups_are_made_once(organization: Organization) -> None:
    assert _at_once(ensure_lists, organization) == []
    assert Topic.objects.filter(organization=organization).count() == len(DEFAULT_TOPICS)
    assert ProfessionalGroup.objects.filter(organization=organization).count() == len(
        DEFAULT_GROUPS
    )
