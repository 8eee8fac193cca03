from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataCollectionConfig(AppConfig):
    # Not "statistics": a top-level module of that name would shadow Python's
    # own statistics module wherever this directory ended up on sys.path.
    name = "handlingskraft.datacollection"
    verbose_name = _("Statistik")
