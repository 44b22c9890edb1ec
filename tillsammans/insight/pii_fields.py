"""Which texts of insight the personal-data guard checks (core.pii registry)."""

from tillsammans.core.pii import exempt, guard

guard("insight.Survey", "title", "introduction", "translations")
guard("insight.Question", "text", "choices")
guard("insight.Answer", "text")
guard("insight.Indicator", "description")
guard("insight.CollaborationForm", "description")
guard("insight.Finding", "text")
guard("insight.Newsletter", "subject", "body")

exempt("insight.Survey", "codes from fixed lists (target groups, languages)", "target_groups", "languages")
exempt("insight.Survey", "a random token", "token")
exempt("insight.Survey", "a status from a fixed list", "status")
exempt("insight.Question", "a kind from a fixed list", "kind")
exempt("insight.SurveyLink", "a random token", "token")
exempt("insight.Response", "codes from fixed lists (target group, language)", "target_group", "language")
exempt("insight.Indicator", "the name and unit of a key figure", "name", "unit")
exempt("insight.Indicator", "codes: direction, source, a Kolada KPI id, a computed measure's code", "good",
       "source", "kolada_kpi", "measure_code")
exempt("insight.IndicatorValue", "a source from a fixed list", "source")
exempt("insight.KoladaFetch", "the system's own message about a fetch from Kolada", "message")
exempt("insight.CollaborationForm", "the name of a collaboration form (a family centre, a Barnahus)", "name")
exempt("insight.CollaborationForm", "codes from fixed lists", "kind", "target_groups")
exempt("insight.Finding", "codes from fixed lists", "kind", "tag")
exempt("insight.CollaborationDocument", "a document's title, file name and type", "title", "filename",
       "content_type")
exempt("insight.Newsletter", "a status from a fixed list", "status")
exempt("insight.Subscriber", "a subscriber's own address, personal data by design: it is deleted when they "
       "leave or never confirm", "email")
exempt("insight.Subscriber", "a random token", "token")
exempt("insight.Newsletter", "the system's own lines about the chosen events, indicators and decisions, kept as sent",
       "highlights")
