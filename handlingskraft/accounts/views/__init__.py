"""Account pages: login and passwords, two-step verification, member
administration and invitations, one module each."""
