"""Insight: a mapping of the collaboration that exists, needs surveys with anonymous answers,
indicators (entered, imported, fetched from Kolada, computed), dashboards and newsletters.
Structural level: no child is identifiable here. The models live in one module per part."""

from tillsammans.insight.models_indicators import (  # noqa: F401
    Indicator,
    IndicatorSource,
    IndicatorTarget,
    IndicatorValue,
    KoladaFetch,
)
from tillsammans.insight.models_mapping import CollaborationDocument, CollaborationForm, Finding  # noqa: F401
from tillsammans.insight.models_newsletters import Newsletter, Subscriber  # noqa: F401
from tillsammans.insight.models_surveys import (  # noqa: F401
    Answer,
    Question,
    Response,
    Survey,
    SurveyLink,
    TargetGroup,
)
