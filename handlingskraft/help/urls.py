from django.urls import path

from . import views

app_name = "help"
urlpatterns = [
    path("hjalp/", views.help_index, name="index"),
    path("hjalp/<slug:slug>/", views.help_guide, name="guide"),
]
