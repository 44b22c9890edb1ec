"""Which texts of parenting support the personal-data guard checks (core.pii registry)."""

from tillsammans.core.pii import exempt, guard

guard("support.OfferText", "title", "summary", "description", "times", "cost", "signup_note", "accessibility")
guard("support.Programme", "name", "description")
guard("support.Material", "name", "description")
guard("support.ParentGroup", "name", "place")
guard("support.GroupSession", "place", "theme")
guard("support.GroupLeader", "note")
guard("support.Evaluation", "comment")

exempt("support.Offer", "the provider's public contact and address, a sign-up page, a sub-goal number",
       "signup_url", "contact_phone", "contact_email", "street", "postal_code", "city", "sub_goal_number")
exempt("support.Programme", "a sub-goal number such as 7.1.2", "sub_goal_number")
exempt("support.Material", "a sub-goal number such as 7.2.2", "sub_goal_number")
exempt("support.Participant", "a parent's own sign-up, personal data of the public by design and kept minimal "
       "(name, contact, the children's age band): deleted SUPPORT_PARTICIPANT_RETENTION_DAYS after the group ends",
       "name", "email", "phone", "age_band", "language")
