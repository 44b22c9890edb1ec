"""Which texts of the pathway app the personal-data guard checks (core.pii registry).

The app holds both levels. The municipality's pathway is structural: every free text is guarded.
Worries, relay logs, requests and handovers are child data by design: their texts are about one
child and are protected by the access rules (childplans.rules) and the access log instead – they
are exempt here with that reason. A request's question is the exception: the forum sees it in the
anonymous summary, so the service checks it with the guard (services_forum.request_submit)."""

from tillsammans.core.pii import exempt, guard

guard("pathway.Pathway", "intro")
guard("pathway.PathwayLevel", "title", "description", "steps", "tools")

exempt("pathway.Pathway", "the name of a municipality's pathway", "name")
exempt("pathway.PathwayVersion", "a short note written by the service (which level changed)", "note")
exempt("pathway.PathwayVersion", "a copy of the guarded texts, written by the service, with the level's contacts "
       "picked from the directory (staff, not children)", "snapshot")

CHILD_DATA = "child data about one child, behind the access rules and the access log (ADR 0023)"
exempt("pathway.Worry", CHILD_DATA, "seen_heard", "guardians_talk", "childs_view", "needs", "decision_note")
exempt("pathway.Measure", CHILD_DATA, "description")
exempt("pathway.Evaluation", CHILD_DATA, "outcome")
exempt("pathway.LogEntry", CHILD_DATA, "text")
exempt("pathway.ForumRequest", CHILD_DATA + "; the question is checked by the guard in the service",
       "question", "needs", "decision_reason", "age_band")
exempt("pathway.Handover", CHILD_DATA, "note")
