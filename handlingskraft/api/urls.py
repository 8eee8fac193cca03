from django.urls import URLPattern, path

from . import views
from .main import api_urlpatterns

app_name = "api"

urlpatterns: list[URLPattern] = [
    path("konto/api-nycklar/", views.token_list, name="token_list"),
    path(
        "konto/api-nycklar/<int:token_id>/aterkalla/",
        views.token_revoke_view,
        name="token_revoke",
    ),
    *api_urlpatterns("api/"),
]
