from django.urls import path

from .views import invitations, login, members, two_factor

app_name = "accounts"
urlpatterns = [
    path("konto/logga-in/", login.login, name="login"),
    path("konto/logga-ut/", login.logout, name="logout"),
    path("konto/losenord/", login.password_change, name="password_change"),
    path("konto/losenord/klart/", login.password_change_done, name="password_change_done"),
    path("konto/aterstall-losenord/", login.password_reset, name="password_reset"),
    path(
        "konto/aterstall-losenord/skickat/",
        login.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "konto/aterstall-losenord/klart/",
        login.password_reset_complete,
        name="password_reset_complete",
    ),
    path(
        "konto/aterstall-losenord/<uidb64>/<token>/",
        login.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("konto/tvastegsverifiering/", two_factor.two_factor, name="two_factor"),
    path(
        "konto/tvastegsverifiering/starta/",
        two_factor.two_factor_start,
        name="two_factor_start",
    ),
    path(
        "konto/tvastegsverifiering/bekrafta/",
        two_factor.two_factor_confirm,
        name="two_factor_confirm",
    ),
    path(
        "konto/tvastegsverifiering/ta-bort/",
        two_factor.two_factor_remove,
        name="two_factor_remove",
    ),
    path(
        "konto/tvastegsverifiering/kod/",
        two_factor.two_factor_verify,
        name="two_factor_verify",
    ),
    path("inbjudan/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("<slug:org_slug>/anvandare/", members.member_list, name="member_list"),
    path(
        "<slug:org_slug>/anvandare/bjud-in/",
        members.invitation_create,
        name="invitation_create",
    ),
    path(
        "<slug:org_slug>/anvandare/<int:membership_id>/",
        members.member_edit,
        name="member_edit",
    ),
    path(
        "<slug:org_slug>/anvandare/<int:membership_id>/inaktivera/",
        members.member_deactivate,
        name="member_deactivate",
    ),
    path(
        "<slug:org_slug>/anvandare/<int:membership_id>/aktivera/",
        members.member_reactivate,
        name="member_reactivate",
    ),
]
