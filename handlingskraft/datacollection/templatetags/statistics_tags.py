from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from handlingskraft.datacollection.disclosure import Cell

register = template.Library()


@register.filter
def published_cell(cell: Cell) -> SafeString:
    """One published number. A hidden one shows its text ("<5") to the eye and
    says what it is to screen readers. A filter rather than an include: big
    tables (the comparison of every municipality) have thousands of cells."""
    if cell.shown:
        return conditional_escape(cell.text)
    return format_html(
        '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span>',
        cell.text,
        cell.description,
    )
