from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "handlingskraft.plans"
    verbose_name = _("Handlingsplaner")
