import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from handlingskraft.accounts.models import Membership, Role, User
from handlingskraft.datacollection.seeds import seed_demo_statistics
from handlingskraft.exports.demo import seed_demo_report_round
from handlingskraft.followup.seeds import HANINGE_ROUND, seed_round_from_plan_statuses
from handlingskraft.organizations.models import Actor, ActorKind, Organization
from handlingskraft.plans.models import Plan
from handlingskraft.plans.planfile import parse_plan_text, plan_import
from handlingskraft.plans.seeds import SEED_PLAN_DIR
from handlingskraft.public.seeds import seed_help_page
from handlingskraft.training.seeds import seed_demo_training

ROLE_SUFFIXES = {
    Role.COORDINATOR: "samordnare",
    Role.WORKING_GROUP_MEMBER: "arbetsgrupp",
    Role.REPORTER: "rapportor",
    Role.READER: "lasare",
}


class Command(BaseCommand):
    help = (
        "Läser in seedplanerna och en demoanvändare per roll och organisation. "
        "Lösenord skrivs bara ut i demoläge (HANDLINGSKRAFT_DEMO=1)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for path in sorted(SEED_PLAN_DIR.glob("*.yaml")):
            self._load_plan(path.read_text(encoding="utf-8"))
        credentials = []
        with transaction.atomic():
            if settings.DEMO_MODE:
                credentials.append(self._user("admin", superuser=True))
            for organization in Organization.objects.order_by("name"):
                credentials += self._organization_users(organization)
                # Example contacts for the help page, for the coordinator to check.
                seed_help_page(organization)
            self._seed_rounds()
            seed_demo_statistics()
            seed_demo_training()
        if settings.DEMO_MODE:
            self.stdout.write("\nDemoanvändare (nya lösenord vid varje start i demoläge):")
            for username, password in credentials:
                self.stdout.write(f"  {username:28} {password}")
        else:
            self.stdout.write("Demoanvändare finns men saknar lösenord utanför demoläge.")

    def _seed_rounds(self) -> None:
        """Haninge's report-back of June 2023, as a locked round."""
        plan = Plan.objects.filter(organization__slug="haninge", slug="uppdrag-hrv-2022").first()
        if plan is None:
            return
        coordinator = User.objects.get(username="haninge-samordnare")
        seed_round_from_plan_statuses(plan=plan, name=HANINGE_ROUND, user=coordinator)
        # Botkyrka's approved annual round with its frozen report (exports/demo.py).
        botkyrka = User.objects.filter(username="botkyrka-samordnare").first()
        if botkyrka is not None:
            seed_demo_report_round(user=botkyrka)

    def _load_plan(self, text: str) -> None:
        data = parse_plan_text(text)
        code = data["organization"]["municipality_code"]
        if Plan.objects.filter(organization__municipality_code=code, slug=data["slug"]).exists():
            return
        plan = plan_import(text=text)
        self.stdout.write(f"Läste in ”{plan}” ({plan.organization}).")

    def _organization_users(self, organization: Organization) -> list[tuple[str, str]]:
        committees: list[Actor] = list(
            Actor.objects.filter(organization=organization, kind=ActorKind.COMMITTEE)
            .annotate(load=Count("assignments"))
            .order_by("-load", "name")
        )
        if not committees:
            # Every Swedish municipality has a kommunstyrelse; the demo users need an actor.
            committees = [
                Actor.objects.create(
                    organization=organization, name="Kommunstyrelsen", kind=ActorKind.COMMITTEE
                )
            ]
        reporter_actor = committees[1] if len(committees) > 1 else committees[0]
        actors = {Role.WORKING_GROUP_MEMBER: committees[0], Role.REPORTER: reporter_actor}
        result = []
        for role, suffix in ROLE_SUFFIXES.items():
            username, password = self._user(f"{organization.slug}-{suffix}")
            Membership.objects.update_or_create(
                user=User.objects.get(username=username),
                organization=organization,
                defaults={"role": role, "actor": actors.get(role)},
            )
            result.append((username, password))
        return result

    def _user(self, username: str, *, superuser: bool = False) -> tuple[str, str]:
        user, _created = User.objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = superuser
        password = secrets.token_urlsafe(12) if settings.DEMO_MODE else ""
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        return username, password or "–"
