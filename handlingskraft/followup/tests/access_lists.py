from handlingskraft.accounts.tests.access_rules import COORDINATORS, Access, org

ACCESS: Access = {"followup:lists": (org, COORDINATORS)}
