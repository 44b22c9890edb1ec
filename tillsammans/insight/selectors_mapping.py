"""Reads for the mapping: which principals work together where (a matrix), and which units are linked
by collaboration forms and networks (a graph drawn as SVG whose nodes are links, with the same data
as a table). Each is counted in a fixed number of queries."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from tillsammans.insight.models_mapping import CollaborationForm
from tillsammans.organisations.models import Area, Principal, Unit
from tillsammans.organisations.selectors import descendant_area_ids

MAX_NODES = 60


def forms_in(area: Area | None, kind: str = "") -> QuerySet[CollaborationForm]:
    forms = CollaborationForm.objects.all()
    if area is not None:
        below = descendant_area_ids([area.pk])
        forms = forms.filter(Q(areas__in=below) | Q(units__area_links__area_id__in=below)).distinct()
    if kind:
        forms = forms.filter(kind=kind)
    return forms.order_by("name", "pk")


@dataclass
class Matrix:
    principals: list[Principal]
    areas: list[Area]
    cells: dict[tuple[int, int], list[str]]

    def rows(self) -> list[tuple[Principal, list[list[str]]]]:
        return [(p, [self.cells.get((p.pk, a.pk), []) for a in self.areas]) for p in self.principals]


def principal_matrix(forms: QuerySet[CollaborationForm]) -> Matrix:
    """Principals × areas: the collaboration forms in which the principal takes part in the area."""
    names = dict(forms.values_list("pk", "name"))
    principals_of: dict[int, set[int]] = defaultdict(set)
    for form_id, principal_id in forms.values_list("pk", "units__authority__principal_id"):
        if principal_id:
            principals_of[form_id].add(principal_id)
    areas_of: dict[int, set[int]] = defaultdict(set)
    for form_id, area_id in forms.values_list("pk", "areas"):
        if area_id:
            areas_of[form_id].add(area_id)
    cells: dict[tuple[int, int], list[str]] = defaultdict(list)
    for form_id, principal_ids in principals_of.items():
        for principal_id in principal_ids:
            for area_id in areas_of.get(form_id, ()):
                cells[(principal_id, area_id)].append(names[form_id])
    principal_ids = {p for ps in principals_of.values() for p in ps}
    area_ids = {a for areas in areas_of.values() for a in areas}
    return Matrix(principals=list(Principal.objects.filter(pk__in=principal_ids).order_by("kind", "name")),
                  areas=list(Area.objects.filter(pk__in=area_ids).order_by("name")),
                  cells={k: sorted(v) for k, v in cells.items()})


@dataclass
class Node:
    number: int
    unit: Unit
    x: float = 0
    y: float = 0
    label_x: float = 0
    label_y: float = 0
    anchor: str = "start"
    degree: int = 0


@dataclass
class Edge:
    first: Node
    second: Node
    via: list[str] = field(default_factory=list)


@dataclass
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    links: list[tuple[Unit, Unit, list[str]]] = field(default_factory=list)
    """Every link, drawn or not: the table beside the picture."""
    left_out: int = 0

    def render(self, *, title: str) -> SafeString:
        return render_to_string("insight/_graph.html", {"graph": self, "title": title, "size": SIZE,
                                                        "radius": NODE_RADIUS})


SIZE = 640
NODE_RADIUS = 14


def unit_graph(forms: QuerySet[CollaborationForm], *, with_networks: bool = True) -> Graph:
    """Units as nodes on a circle (grouped by principal), linked when they share a collaboration
    form or a network; at most MAX_NODES drawn (the most connected), every link in the table."""
    from tillsammans.networks.models import NetworkMember

    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    for form_id, name, unit_id in forms.values_list("pk", "name", "units"):
        if unit_id:
            groups[("form", f"{form_id}:{name}")].add(unit_id)
    if with_networks:
        unit_ids = {u for members in groups.values() for u in members}
        for network_id, name, unit_id in (NetworkMember.objects.filter(left_at__isnull=True, unit_id__in=unit_ids)
                                          .values_list("network_id", "network__name", "unit_id")):
            groups[("network", f"{network_id}:{name}")].add(unit_id)
    pairs: dict[tuple[int, int], list[str]] = defaultdict(list)
    for (_kind, key), members in groups.items():
        label = key.split(":", 1)[1]
        ordered = sorted(members)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                pairs[(first, second)].append(label)
    degree: dict[int, int] = defaultdict(int)
    for first, second in pairs:
        degree[first] += 1
        degree[second] += 1
    all_ids = {u for (kind, _key), members in groups.items() if kind == "form" for u in members}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=all_ids).select_related("authority__principal")}
    chosen = sorted(units.values(), key=lambda u: (-degree[u.pk], u.name))[:MAX_NODES]
    chosen.sort(key=lambda u: (u.authority.principal.name, u.name))
    nodes = {u.pk: Node(number=n, unit=u, degree=degree[u.pk]) for n, u in enumerate(chosen, start=1)}
    centre, ring = SIZE / 2, SIZE / 2 - 130
    for index, node in enumerate(nodes.values()):
        angle = 2 * math.pi * index / max(len(nodes), 1) - math.pi / 2
        node.x, node.y = round(centre + ring * math.cos(angle), 1), round(centre + ring * math.sin(angle), 1)
        node.label_x = round(centre + (ring + NODE_RADIUS + 6) * math.cos(angle), 1)
        node.label_y = round(centre + (ring + NODE_RADIUS + 6) * math.sin(angle) + 4, 1)
        node.anchor = "start" if math.cos(angle) >= 0 else "end"
    edges = [Edge(first=nodes[a], second=nodes[b], via=sorted(via)) for (a, b), via in sorted(pairs.items())
             if a in nodes and b in nodes]
    edges.sort(key=lambda e: (e.first.unit.name, e.second.unit.name))
    links = sorted(((units[a], units[b], sorted(via)) for (a, b), via in pairs.items() if a in units and b in units),
                   key=lambda link: (link[0].name, link[1].name))
    return Graph(nodes=list(nodes.values()), edges=edges, links=links, left_out=max(len(units) - len(nodes), 0))
