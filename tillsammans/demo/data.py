"""The fictional demo municipality "Ekmora kommun" and "Region Sörmarken". Nothing here is real."""

DEMO_PASSWORD = "Tillsammans-demo-2026"

# Four city districts side by side inside the municipality (WGS 84, lon/lat boxes).
MUNICIPALITY_BOX = (16.40, 59.20, 16.90, 59.50)
DISTRICTS = [
    # name, box, sub-areas (name, box)
    ("Norrmora", (16.40, 59.35, 16.65, 59.50), [
        ("Norrmora västra rektorsområde", (16.40, 59.35, 16.525, 59.50)),
        ("Norrmora östra rektorsområde", (16.525, 59.35, 16.65, 59.50)),
    ]),
    ("Östermora", (16.65, 59.35, 16.90, 59.50), [
        ("Östermora centrum", (16.65, 59.425, 16.90, 59.50)),
        ("Östermora hamn", (16.65, 59.35, 16.775, 59.425)),
        ("Kvarnbacken", (16.775, 59.35, 16.90, 59.425)),
        ("Östermora förskolors rektorsområde", (16.65, 59.35, 16.90, 59.50)),
    ]),
    ("Södermora", (16.40, 59.20, 16.65, 59.35), [
        ("Södermora norra rektorsområde", (16.40, 59.275, 16.65, 59.35)),
        ("Södermora södra rektorsområde", (16.40, 59.20, 16.65, 59.275)),
    ]),
    ("Västlunda", (16.65, 59.20, 16.90, 59.35), [
        ("Västlunda by", (16.65, 59.20, 16.775, 59.35)),
        ("Ängsdalen", (16.775, 59.20, 16.90, 59.35)),
        ("Västlunda förskolors rektorsområde", (16.65, 59.20, 16.90, 59.35)),
    ]),
]

# principal key, name, kind, org number (fictional, valid check digit computed at build time)
PRINCIPALS = [
    ("kommun", "Ekmora kommun", "municipality", "212000-999"),
    ("region", "Region Sörmarken", "region", "232100-999"),
    ("privat", "Lekstugan Förskolor AB", "private", "559999-000"),
    ("ideell", "Föreningen Barnens Ekmora", "nonprofit", "802999-000"),
    ("polis", "Polismyndigheten (demo)", "state", "202100-999"),
]

# authority key, principal key, name, kind, secrecy domain
AUTHORITIES = [
    ("forskolenamnd", "kommun", "Förskolenämnden", "committee", "OSL 23 kap."),
    ("grundskolenamnd", "kommun", "Grundskolenämnden", "committee", "OSL 23 och 25 kap."),
    ("socialnamnd", "kommun", "Socialnämnden", "committee", "OSL 26 kap."),
    ("kulturnamnd", "kommun", "Kultur- och fritidsnämnden", "committee", ""),
    ("kommunstyrelse", "kommun", "Kommunstyrelsen", "board", ""),
    ("hsn", "region", "Hälso- och sjukvårdsnämnden", "care_provider", "OSL 25 kap."),
    ("tandvard", "region", "Folktandvården Sörmarken", "care_provider", "OSL 25 kap."),
    ("lekstugan", "privat", "Lekstugan Förskolor AB", "agency", ""),
    ("forening", "ideell", "Föreningen Barnens Ekmora", "agency", ""),
    ("polisen", "polis", "Polisregion Öst (demo)", "agency", "OSL 35 kap."),
]

# unit code, name, type code, authority key, district index, (x, y) fraction inside the district box
UNITS = [
    ("F-NM-1", "Förskolan Blåklockan", "forskola", "forskolenamnd", 0, (0.2, 0.3)),
    ("F-NM-2", "Förskolan Vitsippan", "forskola", "forskolenamnd", 0, (0.7, 0.6)),
    ("F-OM-1", "Förskolan Humlan", "forskola", "forskolenamnd", 1, (0.3, 0.8)),
    ("F-SM-1", "Förskolan Lärkan", "forskola", "forskolenamnd", 2, (0.4, 0.7)),
    ("F-VL-1", "Lekstugan Ängsdalen", "forskola", "lekstugan", 3, (0.8, 0.4)),
    ("G-NM-1", "Norrmoraskolan", "grundskola", "grundskolenamnd", 0, (0.5, 0.5)),
    ("G-OM-1", "Hamnskolan", "grundskola", "grundskolenamnd", 1, (0.25, 0.3)),
    ("G-SM-1", "Södermoraskolan", "grundskola", "grundskolenamnd", 2, (0.5, 0.3)),
    ("G-VL-1", "Västlundaskolan", "grundskola", "grundskolenamnd", 3, (0.3, 0.5)),
    ("GY-1", "Ekmora gymnasium", "gymnasieskola", "grundskolenamnd", 1, (0.6, 0.85)),
    ("EH-1", "Elevhälsan Norrmora", "elevhalsa", "grundskolenamnd", 0, (0.55, 0.45)),
    ("EH-2", "Elevhälsan Södermora", "elevhalsa", "grundskolenamnd", 2, (0.55, 0.35)),
    ("BVC-1", "BVC Norrmora vårdcentral", "bvc", "hsn", 0, (0.35, 0.7)),
    ("BVC-2", "BVC Hamnen (privat)", "bvc", "hsn", 1, (0.2, 0.2)),
    ("BVC-3", "BVC Södermora", "bvc", "hsn", 2, (0.7, 0.6)),
    ("BVC-4", "BVC Västlunda", "bvc", "hsn", 3, (0.4, 0.7)),
    ("BMM-1", "Barnmorskemottagningen Ekmora", "bmm", "hsn", 1, (0.5, 0.75)),
    ("VC-1", "Norrmora vårdcentral", "vardcentral", "hsn", 0, (0.36, 0.72)),
    ("VC-2", "Västlunda vårdcentral", "vardcentral", "hsn", 3, (0.42, 0.68)),
    ("BUP-1", "BUP Ekmora", "bup", "hsn", 1, (0.55, 0.6)),
    ("HAB-1", "Barn- och ungdomshabiliteringen", "habilitering", "hsn", 1, (0.6, 0.55)),
    ("SOC-1", "Socialtjänsten Ekmora, barn och unga", "socialtjanst", "socialnamnd", 1, (0.45, 0.9)),
    ("SOC-2", "Socialtjänstens mottagning", "socialtjanst", "socialnamnd", 1, (0.47, 0.88)),
    ("SOC-3", "Familjebehandlarna Södermora", "socialtjanst", "socialnamnd", 2, (0.3, 0.5)),
    ("FC-1", "Familjecentralen Norrmora", "familjecentral", "socialnamnd", 0, (0.38, 0.68)),
    ("FC-2", "Familjecentralen Västlunda", "familjecentral", "socialnamnd", 3, (0.45, 0.65)),
    ("OF-1", "Öppna förskolan Ängsdalen", "oppen-forskola", "forskolenamnd", 3, (0.85, 0.3)),
    ("OF-2", "Öppna förskolan Hamnen", "oppen-forskola", "forskolenamnd", 1, (0.3, 0.25)),
    ("FTV-1", "Folktandvården Norrmora", "folktandvard", "tandvard", 0, (0.6, 0.25)),
    ("FTV-2", "Folktandvården Södermora", "folktandvard", "tandvard", 2, (0.65, 0.7)),
    ("BIB-1", "Stadsbiblioteket Ekmora", "bibliotek", "kulturnamnd", 1, (0.5, 0.88)),
    ("BIB-2", "Södermora bibliotek", "bibliotek", "kulturnamnd", 2, (0.45, 0.55)),
    ("POL-1", "Lokalpolisområde Ekmora", "polis", "polisen", 1, (0.4, 0.92)),
    ("UM-1", "Ungdomsmottagningen Ekmora", "ungdomsmottagning", "hsn", 1, (0.52, 0.82)),
    ("BH-1", "Barnahus Sörmarken", "barnahus", "socialnamnd", 1, (0.7, 0.7)),
    ("IF-1", "Läxhjälpen i Västlunda", "ideell-forening", "forening", 3, (0.25, 0.3)),
    ("IF-2", "Föräldraföreningen Kvarnbacken", "ideell-forening", "forening", 1, (0.85, 0.2)),
    ("ADM-1", "Förskoleförvaltningen", "forvaltning", "forskolenamnd", 1, (0.48, 0.86)),
    ("ADM-2", "Utbildningsförvaltningen", "forvaltning", "grundskolenamnd", 1, (0.49, 0.87)),
    ("ADM-3", "Stadsledningskontoret", "forvaltning", "kommunstyrelse", 1, (0.5, 0.86)),
]

FIRST_NAMES = [
    "Alva", "Bertil", "Cecilia", "David", "Ebba", "Fredrik", "Greta", "Hampus", "Ingrid", "Johan",
    "Karin", "Lars", "Maja", "Nils", "Olivia", "Per", "Rut", "Sven", "Tove", "Ulf", "Vera",
    "Wilhelm", "Yvonne", "Åsa", "Örjan", "Agnes", "Björn", "Dagny", "Elis", "Frida",
]
LAST_NAMES = [
    "Ekström", "Lindqvist", "Bergman", "Sjöberg", "Holmgren", "Åkesson", "Norrby", "Fält",
    "Ängström", "Dahlin", "Grahn", "Vikström", "Ljung", "Mossberg", "Öhman",
]

# username, role, unit code, function, areas (district indexes) – the named demo logins first.
NAMED_PEOPLE = [
    ("admin", "system_admin", "ADM-3", "Systemförvaltare", ()),
    ("koordinator", "coordinator", "ADM-3", "FCA-koordinator Norrmora", (0,)),
    ("koordinator2", "coordinator", "ADM-3", "FCA-koordinator Östermora", (1,)),
    ("processledare", "coordinator", "ADM-3", "Processledare för hela kommunen", (0, 1, 2, 3)),
    ("rektor", "manager", "G-NM-1", "Rektor", ()),
    ("forskolechef", "manager", "ADM-1", "Förskolechef", ()),
    ("sjukskoterska", "staff", "BVC-1", "BVC-sjuksköterska", ()),
    ("kurator", "sip_lead", "EH-1", "Skolkurator", ()),
    ("mottagning", "intake", "SOC-2", "Socialsekreterare, mottagning", ()),
    ("granskare", "auditor", "ADM-3", "Logggranskare", ()),
    ("mottagare", "receiver", "ADM-3", "Handläggare för handlingsplaner (regionen)", ()),
]

# Functions for the rest of the staff, by unit type.
FUNCTIONS = {
    "forskola": "Förskollärare", "grundskola": "Lärare", "gymnasieskola": "Mentor",
    "elevhalsa": "Skolsköterska", "bvc": "BVC-sjuksköterska", "bmm": "Barnmorska",
    "vardcentral": "Distriktssköterska", "bup": "Psykolog", "habilitering": "Arbetsterapeut",
    "socialtjanst": "Socialsekreterare", "familjecentral": "Familjepedagog",
    "oppen-forskola": "Förskollärare", "ungdomsmottagning": "Kurator", "barnahus": "Samordnare",
}

# Contacts without a login: unit code, name, role title
CONTACTS = [
    ("BIB-1", "Elsa Bokholm", "Barnbibliotekarie"),
    ("BIB-2", "Henrik Läsberg", "Bibliotekarie"),
    ("FTV-1", "Mona Tandström", "Tandhygienist"),
    ("FTV-2", "Kent Emalj", "Tandläkare"),
    ("POL-1", "Lena Kvarter", "Kommunpolis"),
    ("IF-1", "Göran Läxlund", "Ordförande"),
    ("IF-2", "Siv Föräldrasson", "Kontaktperson"),
]
