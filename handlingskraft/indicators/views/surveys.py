"""Unit surveys: the coordinator sends a question about a share measure to
every unit of a kind; each unit answers ja, nej or delvis; the result is
counted from the answers and, when the survey closes, becomes the measure's
value for the period."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handlingskraft.accounts.permissions import (
    Capability,
    membership_of,
    reportable_actor_ids,
    requires,
)
from handlingskraft.lib.numbers import format_decimal
from handlingskraft.organizations.models import Organization

from ..forms import AnswerForm, SurveyForm
from ..models import UnitSurvey, UnitSurveyAnswer
from ..queries import measure_of, survey_answers, survey_of
from ..services import (
    IndicatorError,
    survey_answers_save,
    survey_close,
    survey_create,
    survey_respondents,
)
from ..shares import survey_result
from ._common import acting_user, has, measure_crumbs, measure_url, survey_crumbs


def _results_url(survey: UnitSurvey) -> str:
    return reverse("indicators:survey_detail", args=[survey.organization.slug, survey.pk])


def _answer_url(survey: UnitSurvey) -> str:
    return reverse("indicators:survey_answer", args=[survey.organization.slug, survey.pk])


def _answerable(
    request: HttpRequest, organization: Organization, surveys: Sequence[UnitSurvey]
) -> set[int]:
    """The open surveys among `surveys` that the user answers for some unit in."""
    if has(request, organization, Capability.REPORT_FOR_ANY_ACTOR):
        return {survey.pk for survey in surveys if survey.is_open}
    membership = membership_of(request.user, organization)
    if membership is None or membership.actor_id is None:
        return set()
    if not has(request, organization, Capability.REPORT):
        return set()
    return set(
        UnitSurveyAnswer.objects.filter(
            survey__in=[survey for survey in surveys if survey.is_open],
            actor_id=membership.actor_id,
        ).values_list("survey_id", flat=True)
    )


@requires(Capability.VIEW_PLAN)
def survey_list(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Internal readers see every survey; reporters the open surveys their
    actor has units in, to answer them."""
    internal = has(request, organization, Capability.VIEW_INTERNAL)
    surveys = list(
        UnitSurvey.objects.filter(organization=organization)
        .select_related("measure")
        .annotate(
            asked=Count("answers"),
            answered=Count("answers", filter=~Q(answers__answer="")),
        )
    )
    answerable = _answerable(request, organization, surveys)
    if not internal:
        surveys = [survey for survey in surveys if survey.pk in answerable]
    return render(
        request,
        "indicators/survey_list.html",
        {
            "organization": organization,
            "surveys": surveys,
            "answerable": answerable,
            "internal": internal,
            "crumbs": survey_crumbs(organization)[:1],
        },
    )


@requires(Capability.MANAGE_ROUNDS)
def survey_create_view(
    request: HttpRequest, organization: Organization, measure_id: int
) -> HttpResponse:
    measure = measure_of(organization, measure_id)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_create(
                measure=measure, user=acting_user(request), data=form.survey_input()
            )
        except IndicatorError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Enkäten är skickad till %(count)s %(kind)s.")
                % {"count": survey.answers.count(), "kind": survey.get_respondent_kind_display()},
            )
            return redirect(_results_url(survey))
    respondents = survey_respondents(measure) if measure.share_of else []
    return render(
        request,
        "indicators/survey_form.html",
        {
            "organization": organization,
            "measure": measure,
            "form": form,
            "respondents": respondents,
            "crumbs": measure_crumbs(measure),
        },
    )


@requires(Capability.VIEW_INTERNAL)
def survey_detail(request: HttpRequest, organization: Organization, survey_id: int) -> HttpResponse:
    survey = survey_of(organization, survey_id)
    answers = survey_answers(survey)
    result = survey_result(answer.answer for answer in answers)
    may_answer = bool(
        survey.is_open
        and reportable_actor_ids(request.user, organization, {a.actor_id for a in answers})
    )
    return render(
        request,
        "indicators/survey_detail.html",
        {
            "organization": organization,
            "survey": survey,
            "measure": survey.measure,
            "answers": answers,
            "result": result,
            "value": survey.values.order_by("-pk").first(),
            "may_answer": may_answer,
            "can_close": survey.is_open and has(request, organization, Capability.MANAGE_ROUNDS),
            "crumbs": survey_crumbs(organization),
        },
    )


@requires(Capability.REPORT)
def survey_answer(request: HttpRequest, organization: Organization, survey_id: int) -> HttpResponse:
    """The units the user answers for (their actor's; all, for the coordinator)."""
    survey = survey_of(organization, survey_id)
    answers = survey_answers(survey)
    allowed = reportable_actor_ids(request.user, organization, {a.actor_id for a in answers})
    rows = [answer for answer in answers if answer.actor_id in allowed]
    if not rows:
        raise PermissionDenied(_("Enkäten har inga enheter som du svarar för."))
    data = request.POST if request.method == "POST" and survey.is_open else None
    forms = [AnswerForm(data, row=row, disabled=not survey.is_open) for row in rows]
    if data is not None and all(form.is_valid() for form in forms):
        try:
            changed = survey_answers_save(
                survey=survey,
                user=acting_user(request),
                answers={
                    form.row.pk: (form.cleaned_data["answer"], form.cleaned_data["comment"])
                    for form in forms
                },
            )
        except IndicatorError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Svaren är sparade (%(count)s ändrade).") % {"count": changed}
            )
            return redirect(_answer_url(survey))
    return render(
        request,
        "indicators/survey_answer.html",
        {
            "organization": organization,
            "survey": survey,
            "measure": survey.measure,
            "forms": forms,
            "has_errors": any(form.errors for form in forms),
            "internal": has(request, organization, Capability.VIEW_INTERNAL),
            "crumbs": survey_crumbs(organization),
        },
    )


@requires(Capability.MANAGE_ROUNDS)
@require_POST
def survey_close_view(
    request: HttpRequest, organization: Organization, survey_id: int
) -> HttpResponse:
    survey = survey_of(organization, survey_id)
    try:
        value = survey_close(survey=survey, user=acting_user(request))
    except IndicatorError as error:
        messages.error(request, str(error))
        return redirect(_results_url(survey))
    if value is None:
        messages.warning(
            request,
            _("Enkäten är stängd. Ingen enhet hade svarat, så inget värde kunde räknas fram."),
        )
        return redirect(_results_url(survey))
    messages.success(
        request,
        _("Enkäten är stängd och andelen %(share)s %% är sparad som värde för %(period)s.")
        % {"share": format_decimal(value.value, 1), "period": value.period.label},
    )
    return redirect(measure_url(survey.measure))
