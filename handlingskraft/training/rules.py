"""The co-organiser rule, as pure functions over plain values.

Botkyrka's plan: "Om det är fler än en förvaltning som ska få utbildning i HRV
så ska VPC vara en del av arrangörskapet" (goal 2), and the violence-prevention
centre holds the trainings that involve several administrations (section 5.1).
An organisation names its coordinating actor; a training whose participants
come from more than one administration without that actor among its
organisers breaks the rule.

Participants are reported per actor, and an actor stands for an
administration in one of two ways: an administration is itself one, and a
committee (nämnd) is served by one. A committee and the administration that
serves it are the same administration here, so each is keyed by the
committee. Municipal companies, external partners and working groups are not
administrations and do not count."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from handlingskraft.organizations.models import ActorKind


@dataclass(frozen=True)
class ActorRef:
    """What the rule needs to know of a participating actor."""

    pk: int
    kind: str
    serves_id: int | None = None


def administration_key(actor: ActorRef) -> int | None:
    """The administration an actor's staff belong to, as one number per
    administration, or None for an actor that is not part of one."""
    if actor.kind == ActorKind.COMMITTEE:
        return actor.pk
    if actor.kind == ActorKind.ADMINISTRATION:
        return actor.serves_id if actor.serves_id is not None else actor.pk
    return None


def administration_count(participating: Iterable[ActorRef]) -> int:
    """How many administrations the participating actors come from."""
    keys = {administration_key(actor) for actor in participating}
    keys.discard(None)
    return len(keys)


def breaks_coorganiser_rule(
    participating: Iterable[ActorRef],
    organiser_ids: Iterable[int],
    coordinating_actor_id: int | None,
) -> bool:
    """Whether a training breaks the rule: the organisation has named a
    coordinating actor, the participants come from more than one
    administration, and the coordinating actor is not among the organisers."""
    if coordinating_actor_id is None:
        return False
    if coordinating_actor_id in set(organiser_ids):
        return False
    return administration_count(participating) > 1
