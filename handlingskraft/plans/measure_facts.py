"""The facts listed under a measure on the plan pages and the public plan page
(desired direction, baseline, target, source), as sentences.

Put together in Python rather than in the template: a plan has dozens of
measures, and half a dozen translated sentences with numbers per measure cost
more in the template than the rest of the page's goals. The sentences are the
ones the templates had, escaped as the templates escaped them."""

from __future__ import annotations

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from handlingskraft.plans.models import Measure

# Lazy, so that a measure translates only the sentences it shows.
DIRECTION = _("Önskad riktning: %(direction)s")
UNIT = _("Analysenhet: %(unit)s")
BASELINE = (
    _("Nollmätning %(year)s: %(value)s"),
    _("Nollmätning: %(value)s"),
    _("Nollmätning år: %(year)s"),
)
TARGET = (_("Mål %(year)s: %(value)s"), _("Mål: %(value)s"), _("Målår: %(year)s"))
SOURCE = _("Källa: %(source)s")


def measure_facts(measure: Measure, *, public: bool = False) -> list[SafeString]:
    """The facts of `measure` in the active language. The public page leaves
    out the unit of analysis and a baseline or target year without a value."""
    facts = [_fact(DIRECTION, direction=measure.get_direction_display())]
    if measure.unit_of_analysis and not public:
        facts.append(_fact(UNIT, unit=measure.unit_of_analysis))
    for value, year, sentences in (
        (measure.baseline_value, measure.baseline_year, BASELINE),
        (measure.target_value, measure.target_year, TARGET),
    ):
        fact = _value_fact(value, year, sentences, public=public)
        if fact is not None:
            facts.append(fact)
    if measure.data_source:
        facts.append(_fact(SOURCE, source=measure.data_source))
    return facts


def measure_fact_items(measure: Measure, *, public: bool = False) -> SafeString:
    """The facts as the list items of `<ul class="measure-facts">`."""
    return format_html_join(
        "", "<li>{}</li>", ((fact,) for fact in measure_facts(measure, public=public))
    )


def _value_fact(
    value: Decimal | None,
    year: int | None,
    sentences: tuple[Promise, Promise, Promise],
    *,
    public: bool,
) -> SafeString | None:
    with_year, without_year, year_only = sentences
    if value is not None:
        number = floatformat(value, "-2g")
        if year:
            return _fact(with_year, year=year, value=number)
        return _fact(without_year, value=number)
    if year and not public:
        return _fact(year_only, year=year)
    return None


def _fact(sentence: Promise, **values: object) -> SafeString:
    """`sentence` with `values` put in as `{% blocktranslate %}` puts them:
    localised and escaped (a number already formatted stays as it is)."""
    return mark_safe(
        str(sentence) % {name: conditional_escape(str(localize(v))) for name, v in values.items()}
    )
