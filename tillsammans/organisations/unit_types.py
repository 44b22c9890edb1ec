"""The managed catalogue of unit types that every installation starts with (more can be added)."""

UNIT_TYPES = [
    ("forskola", "Förskola"), ("grundskola", "Grundskola"), ("gymnasieskola", "Gymnasieskola"),
    ("elevhalsa", "Elevhälsa"), ("bvc", "BVC"), ("bmm", "BMM"), ("vardcentral", "Vårdcentral"),
    ("bup", "BUP"), ("habilitering", "Habilitering"), ("socialtjanst", "Socialtjänst"),
    ("familjecentral", "Familjecentral"), ("oppen-forskola", "Öppen förskola"),
    ("folktandvard", "Folktandvård"), ("bibliotek", "Bibliotek"), ("polis", "Polis"),
    ("ungdomsmottagning", "Ungdomsmottagning"), ("barnahus", "Barnahus"),
    ("ideell-forening", "Ideell förening"), ("forvaltning", "Förvaltning"),
]
