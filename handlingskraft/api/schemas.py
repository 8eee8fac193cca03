"""The API's request and response shapes (they make the OpenAPI document).

Field names are the code's English names from the glossary; free text is the
organisation's own Swedish text. Lists are paged: `count` is the number of
rows matching the filters, `items` the rows from `offset`, at most `limit`."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

# Ids are database keys: bounded so that no database is asked about a number it
# cannot hold.
MAX_ID = 2_147_483_647
MAX_OFFSET = 1_000_000
MAX_LIMIT = 200
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
PERIOD_PATTERN = r"^[0-9]{4}([Tt][1-3])?$"

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Slug = Annotated[str, Field(min_length=1, max_length=80, pattern=SLUG_PATTERN)]


# --- errors and paging ---------------------------------------------------------------


class FieldErrorOut(Schema):
    field: str | None = Field(description="Fältet som behöver rättas; null för hela anropet.")
    message: str


class ErrorOut(Schema):
    detail: str = Field(description="Vad som gick fel, på svenska.")
    errors: list[FieldErrorOut] = Field(description="Fält som behöver rättas (kan vara tom).")


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Högst så många rader.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Hoppa över så många rader.")


class Page(Schema):
    count: int = Field(description="Antal rader som matchar filtren.")
    limit: int
    offset: int


# --- organisations and plans -----------------------------------------------------------


class OrganizationOut(Schema):
    slug: str
    name: str
    municipality_code: str


class OrganizationPage(Page):
    items: list[OrganizationOut]


class ActorOut(Schema):
    id: int
    name: str
    kind: str


class PlanOut(Schema):
    id: int
    organization: str = Field(description="Organisationens kortnamn.")
    slug: str
    version: int
    title: str
    status: str
    section_label: str
    section_label_plural: str
    activity_label: str
    activity_label_plural: str
    vision: str
    purpose: str
    decided_by: str | None
    decided_on: datetime.date | None
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    next_revision_year: int | None
    diarienummer: str
    published_at: datetime.datetime | None


class PlanPage(Page):
    items: list[PlanOut]


class GoalOut(Schema):
    id: int
    number: int
    lineage: uuid.UUID
    title: str
    description: str
    prerequisites: list[str]


class GoalPage(Page):
    items: list[GoalOut]


class ResponsibilityOut(Schema):
    actor: str
    title: str
    text: str
    followed_up_by: str | None


class PlanDetailOut(PlanOut):
    goals: list[GoalOut]
    responsibilities: list[ResponsibilityOut]


class PlanFilters(PageParams):
    organization: Slug | None = Field(None, description="Organisationens kortnamn.")
    slug: Slug | None = Field(None, description="Planens kortnamn (alla versioner).")


class InternalPlanFilters(PageParams):
    slug: Slug | None = Field(None, description="Planens kortnamn (alla versioner).")
    status: Literal["draft", "adopted", "under_revision", "archived"] | None = None


# --- measures and values ---------------------------------------------------------------


class TargetOut(Schema):
    period: str
    year: int
    tertial: int
    value: float


class MeasureOut(Schema):
    id: int
    lineage: uuid.UUID
    plan_id: int
    goal: int | None = Field(description="Målbildens nummer; null för mått utan målbild.")
    position: int
    statement: str
    direction: str
    unit_of_analysis: str
    baseline_year: int | None
    baseline_value: float | None
    target_year: int | None
    target_value: float | None
    data_source: str
    kind: str
    share_of: str
    kolada_kpi: str
    targets: list[TargetOut]


class MeasurePage(Page):
    items: list[MeasureOut]


class MeasureFilters(PageParams):
    goal: int | None = Field(None, ge=0, le=1000, description="Målbildens nummer.")


Gender = Literal["T", "K", "M"]


class ValueFilters(PageParams):
    year: int | None = Field(None, ge=1900, le=2200)
    gender: Gender | None = None


class PublicValueOut(Schema):
    period: str
    year: int
    tertial: int
    gender: str
    value: float | None = Field(description="Null när ett litet antal döljs (röjandekontroll).")
    shown_as: str = Field(description="Värdet som det visas, till exempel ”<5” för små antal.")
    suppressed: bool
    source: str


class PublicValuePage(Page):
    items: list[PublicValueOut]


class ValueOut(Schema):
    id: int
    period: str
    year: int
    tertial: int
    gender: str
    value: float
    comment: str
    source: str
    entered_by: str | None
    entered_at: datetime.datetime
    is_current: bool = Field(description="Det senaste värdet för perioden och könet.")


class ValuePage(Page):
    items: list[ValueOut]


class ValueIn(Schema):
    period: str = Field(pattern=PERIOD_PATTERN, description="Ett år (2025) eller tertial (2025T1).")
    gender: Gender = "T"
    value: Decimal = Field(description="Med punkt som decimaltecken, till exempel 12.5.")
    comment: str = Field("", max_length=10_000)


# --- activities and rounds -------------------------------------------------------------


class ResponsibleActorOut(Schema):
    id: int
    name: str
    is_lead: bool


class PublishedStatusOut(Schema):
    round_id: int
    round_name: str
    period_end: datetime.date
    status: str = Field(description="not_started, ongoing, completed, delayed eller cancelled.")
    label: str = Field(description="Statusen som organisationen kallar den.")
    text: str


class ActivityBase(Schema):
    id: int
    lineage: uuid.UUID
    plan_id: int
    goal: int | None
    position: int
    description: str
    partner_note: str
    prevention_level: str
    starts_on: datetime.date | None
    due_on: datetime.date | None
    recurrence: str
    responsible_actors: list[ResponsibleActorOut]


class PublicActivityOut(ActivityBase):
    published_status: PublishedStatusOut | None = Field(
        description="Statusen i den senast publicerade uppföljningen; null om ingen finns."
    )


class PublicActivityPage(Page):
    items: list[PublicActivityOut]


class InternalActivityOut(ActivityBase):
    status: str = Field(description="Status från den senast godkända omgången (kan vara tom).")
    status_note: str
    status_date: datetime.date | None


class InternalActivityPage(Page):
    items: list[InternalActivityOut]


StatusCategory = Literal["not_started", "ongoing", "completed", "delayed", "cancelled"]


class ActivityFilters(PageParams):
    goal: int | None = Field(None, ge=0, le=1000, description="Målbildens nummer.")
    actor: Id | None = Field(None, description="En ansvarig aktörs id.")
    prevention_level: Literal["universal", "selective", "indicated"] | None = None
    status: StatusCategory | None = None


class RoundOut(Schema):
    id: int
    organization: str
    plan_id: int
    plan_slug: str
    plan_version: int
    kind: str
    name: str
    period_start: datetime.date
    period_end: datetime.date
    closed_with_missing: bool
    published_at: datetime.datetime | None


class RoundPage(Page):
    items: list[RoundOut]


class InternalRoundOut(RoundOut):
    state: str
    opens_on: datetime.date
    deadline: datetime.date


class InternalRoundPage(Page):
    items: list[InternalRoundOut]


class RoundFilters(PageParams):
    organization: Slug | None = None
    plan: Id | None = Field(None, description="Planversionens id.")
    kind: Literal["annual", "tertial", "other"] | None = None


class InternalRoundFilters(PageParams):
    plan: Id | None = None
    state: Literal["open", "locked"] | None = None


class RoundStatusOut(Schema):
    activity_id: int
    activity_lineage: uuid.UUID
    goal: int | None
    description: str
    status: str | None
    label: str | None
    text: str


class RoundStatusPage(Page):
    items: list[RoundStatusOut]


class RoundStatusFilters(PageParams):
    goal: int | None = Field(None, ge=0, le=1000)
    status: StatusCategory | None = None


# --- reporting (internal) ----------------------------------------------------------------


class MeOut(Schema):
    username: str
    organization: OrganizationOut
    role: str | None
    actor: ActorOut | None
    capabilities: list[str]
    token_name: str
    token_read_only: bool
    token_expires_at: datetime.datetime | None


class StatusOptionOut(Schema):
    id: int
    label: str
    status: str
    position: int


class StatusOptionPage(Page):
    items: list[StatusOptionOut]


class TaskOut(Schema):
    id: int
    round_id: int
    actor: ActorOut
    activity_id: int | None
    responsibility_id: int | None
    subject: str
    state: str
    report_number: int = Field(description="Den aktuella rapportens version (0: ingen än).")


class TaskPage(Page):
    items: list[TaskOut]


class TaskFilters(PageParams):
    round: Id | None = None
    actor: Id | None = None
    state: Literal["not_started", "draft", "submitted", "returned", "approved"] | None = None


class ReportOut(Schema):
    number: int
    status_id: int | None
    status: str | None
    status_label: str | None
    done: str
    next_steps: str
    obstacles: str
    evidence_links: str
    submitted: bool
    is_conflict: bool
    author: str
    created_at: datetime.datetime


class ReportPage(Page):
    items: list[ReportOut]


class TaskDetailOut(TaskOut):
    current_report: ReportOut | None


class ReportIn(Schema):
    status: int | None = Field(
        None, description="Ett statusalternativs id (krävs för att skicka in)."
    )
    done: str = Field("", max_length=50_000)
    next_steps: str = Field("", max_length=50_000)
    obstacles: str = Field("", max_length=50_000)
    evidence_links: str = Field("", max_length=10_000, description="En webbadress per rad.")
    based_on: int = Field(ge=0, le=MAX_ID, description="Versionen ändringen bygger på.")
    submit: bool = Field(False, description="Skicka in; annars sparas ett utkast.")


class ReportConflictOut(ErrorOut):
    mine: ReportOut = Field(description="Din ändring, sparad som konflikt.")
    theirs: ReportOut = Field(description="Den aktuella versionen som någon annan sparade.")


# --- statistics (internal) -------------------------------------------------------------


class CategoryOut(Schema):
    code: str
    label: str


class ElementOut(Schema):
    id: int
    code: str
    name: str
    definition: str
    unit: str
    breakdown: str
    categories: list[CategoryOut] = Field(description="Koden ”total” och uppdelningens celler.")
    actor_ids: list[int]
    reported_to: str


class DataSetOut(Schema):
    id: int
    name: str
    description: str
    frequency: str
    first_year: int


class DataSetPage(Page):
    items: list[DataSetOut]


class DataSetDetailOut(DataSetOut):
    elements: list[ElementOut]


class ElementValuesOut(Schema):
    element: int
    values: dict[str, int]
    comment: str


class VersionOut(Schema):
    number: int
    state: str
    is_conflict: bool
    author: str
    created_at: datetime.datetime
    reason: str
    elements: list[ElementValuesOut]


class DataReportOut(Schema):
    data_set_id: int
    actor_id: int
    period: str
    state: str = Field(description="Tom om inget sparats än; annars draft, submitted, approved.")
    number: int
    element_ids: list[int] = Field(description="Uppgifterna aktören rapporterar.")
    current: VersionOut | None


class ElementValuesIn(Schema):
    element: Id
    values: dict[str, Annotated[int, Field(ge=-1_000_000_000, le=1_000_000_000)] | None]
    comment: str = Field("", max_length=10_000)


class DataValuesIn(Schema):
    based_on: int = Field(ge=0, le=MAX_ID)
    submit: bool = False
    elements: list[ElementValuesIn] = Field(max_length=500)


class ValuesConflictOut(ErrorOut):
    mine: VersionOut
    theirs: VersionOut | None
