"""Which texts of events the personal-data guard checks (core.pii registry)."""

from tillsammans.core.pii import exempt, guard

guard("events.Event", "title", "description", "place", "accessibility")
guard("events.EventSeries", "name", "description")
guard("events.Course", "description")
guard("events.Completion", "evidence")
guard("events.FeedbackAnswer", "comment")

exempt("events.Course", "the name of a course", "name")
exempt("events.Course", "a sub-goal number such as 7.3.1", "sub_goal_number")
exempt("events.Event", "a web address for the video meeting", "video_link")
exempt("events.Event", "role codes from a fixed list", "audience_roles")
exempt("events.Registration", "a participant's own registration, personal data by design: guests' details are "
       "deleted a set time after the event", "name", "organisation", "email", "dietary", "accessibility_needs")
exempt("events.Registration", "a random token", "token")
