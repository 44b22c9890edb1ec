"""Objects of insight for the role × route matrix (``testing/matrix.py``): one inside a coordinator's
reach and one outside it, per kind of page."""

from __future__ import annotations

from tillsammans.accounts.roles import Role

OBJECT_POLICIES = {
    **dict.fromkeys(["insight:survey", "insight:survey_edit", "insight:survey_translate", "insight:question_add",
                     "insight:survey_open", "insight:survey_close", "insight:survey_delete",
                     "insight:survey_links"], "insight.manage_survey"),
}


def object_key(pattern: str) -> str:
    if pattern.startswith("insikt/enkater/"):
        return "insight-survey"
    return "none"


def matrix_objects(world, coordinator) -> dict:
    from tillsammans.insight import services_surveys
    from tillsammans.testing.factories import MembershipFactory
    from tillsammans.testing.sip import actor_for

    other = MembershipFactory(role=Role.COORDINATOR, unit=world["preschool_b"], areas=[world["district_b"]])

    def survey(owner, area):
        return services_surveys.survey_create(actor=actor_for(owner), title="Ungas behov", target_groups=[
            "young_people"], languages=["sv"], areas=[area])

    return {"insight-survey": (survey(coordinator, world["district_a"]), survey(other, world["district_b"]))}
