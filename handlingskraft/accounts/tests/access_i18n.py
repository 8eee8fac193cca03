"""The language switch: open to everyone. A GET changes nothing and only sends
the visitor back (to the start page when there is no `next`)."""

from handlingskraft.accounts.tests.access_rules import Access, no_kwargs, statuses
from handlingskraft.conftest import PERSONAS

SENT_BACK = statuses(**dict.fromkeys(PERSONAS, 302))

ACCESS: Access = {"set_language": (no_kwargs, SENT_BACK)}
