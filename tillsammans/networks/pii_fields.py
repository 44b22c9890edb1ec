"""Which texts of networks the personal-data guard checks (core.pii registry)."""

from tillsammans.core.pii import exempt, guard

guard("networks.Network", "purpose")
guard("networks.NetworkMeeting", "agenda", "minutes", "decisions")
guard("networks.ActionItem", "text")

exempt("networks.Network", "the name of a network", "name")
exempt("networks.Theme", "the name of a theme from a list", "name")
exempt("networks.NetworkMeeting", "a meeting place (a room or an address of a public building)", "place")
exempt("networks.TextRefusal", "written by the guard itself: a field name and the kinds found", "field", "kinds")
exempt("networks.CalendarFeed", "a random token", "token")
