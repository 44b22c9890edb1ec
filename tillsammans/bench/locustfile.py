"""A realistic mix for ``make load``: professionals opening their plans, a log reviewer, staff
looking people up. Sessions and paths come from the JSON file named by LOAD_TARGETS."""

import json
import os
import random

from locust import HttpUser, between, task

TARGETS = json.loads(open(os.environ["LOAD_TARGETS"]).read())  # noqa: SIM115


class Professional(HttpUser):
    """A SIP coordinator: the plan list (sometimes searched or paged), then plans and family copies."""

    weight = 6
    wait_time = between(1, 4)

    def on_start(self):
        self.client.cookies.set("sessionid", TARGETS["lead_session"])

    @task(3)
    def plan_list(self):
        params = random.choice([{}, {"page": "2"}, {"q": "Ella"}])
        self.client.get("/planer/", params=params, name="/planer/ (list)")

    @task(6)
    def plan_page(self):
        self.client.get(f"/planer/{random.choice(TARGETS['plans'])}/", name="/planer/[id]/")

    @task(1)
    def family_copy(self):
        self.client.get(f"/planer/{random.choice(TARGETS['plans'])}/familjekopia/", name="/planer/[id]/familjekopia/")


class Reviewer(HttpUser):
    """A log reviewer paging through the log and filtering by child, person and month."""

    weight = 1
    wait_time = between(2, 6)

    def on_start(self):
        self.client.cookies.set("sessionid", TARGETS["auditor_session"])

    @task
    def review(self):
        params = random.choice([{}, {"user_id": TARGETS["lead_user"]}, {"date_from": TARGETS["month"]},
                                {"personal_number": TARGETS["child_number"]}])
        self.client.get("/loggkontroll/", params=params, name="/loggkontroll/")


class Staff(HttpUser):
    """Staff finding who does what in an area."""

    weight = 3
    wait_time = between(1, 4)

    def on_start(self):
        self.client.cookies.set("sessionid", TARGETS["staff_session"])

    @task(2)
    def directory(self):
        self.client.get("/vem-gor-vad/", params={"area": TARGETS["area"]}, name="/vem-gor-vad/")

    @task(1)
    def area(self):
        self.client.get(f"/omraden/{TARGETS['area']}/", name="/omraden/[id]/")
