"""Editing a plan (coordinators: Capability.EDIT_PLAN). Only a version that is
editable (a draft, or a version under revision) changes; the pages of an
adopted or archived version answer 409 with a way to the revision.

Objects are always looked up within the organisation in the address, so
another organisation's ids answer 404. The writes are in `plans.services`."""
