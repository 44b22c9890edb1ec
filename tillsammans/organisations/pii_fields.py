"""Which texts of the organisation register the personal-data guard checks (core.pii registry)."""

from tillsammans.core.pii import exempt, guard

guard("organisations.Area", "description")
guard("organisations.Unit", "description")

exempt("organisations.Principal", "a name or an identifier of an organisation",
       "name", "org_number", "municipality_code")
exempt("organisations.Authority", "a name or an identifier of an organisation", "name", "secrecy_domain", "hsa_id")
exempt("organisations.UnitType", "a code and a name from the list of unit types", "code", "name")
exempt("organisations.Area", "a name, a code or a boundary of an area", "name", "code", "boundary")
exempt("organisations.Unit", "a unit's name, identifiers and public work contact details",
       "name", "org_number", "hsa_id", "code", "street", "postal_code", "city", "phone", "email", "website")
