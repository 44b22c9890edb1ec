"""Which texts of action plans and projects the personal-data guard checks (core.pii registry)."""

from tillsammans.core.pii import exempt, guard

guard("planning.ActionPlan", "sections", "check_comment")
guard("planning.Activity", "description", "target_group", "responsible_text", "expected_effect", "measure",
      "target", "outcome")
guard("planning.Project", "description")
guard("planning.GoalArea", "title", "chapter_title")
guard("planning.SubGoal", "title")
guard("planning.Agreement", "development_areas")
guard("planning.SectionComment", "text")
guard("planning.Vision", "summary")

exempt("planning.Agreement", "the name of an agreement", "name")
exempt("planning.Funder", "a funder's code and name", "code", "name")
exempt("planning.Project", "the name of a project", "name")
exempt("planning.GoalArea", "a goal or chapter number", "number", "chapter_number")
exempt("planning.PlanChange", "written by the system: who changed the plan (staff) and a history in words of "
       "guarded texts", "who", "text")
exempt("planning.SubGoal", "a goal number", "number")
exempt("planning.Post", "a job title", "role")
exempt("planning.BudgetLine", "the name of a budget line", "name")
exempt("planning.SectionComment", "the key of a section", "section")
exempt("planning.PlanSnapshot", "a copy of guarded texts, written by the system", "content")
exempt("planning.Vision", "the name of a vision or policy", "name")
exempt("planning.Adoption", "a decision reference (diary number)", "reference")
