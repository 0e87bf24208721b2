"""The performance dataset: indicators, their values per period, partners' returns, the scorecard.

One module per concern; the public functions are re-exported here so that callers write
`from partnerboard.services import performance` and `performance.build_scorecard(db)`.
"""

from partnerboard.services.performance.indicator_actions import (
    RaiseInput,
    indicator_actions,
    raise_action,
)
from partnerboard.services.performance.indicators import (
    Comparator,
    IndicatorInput,
    IndicatorRow,
    classification_of,
    find_indicator,
    get_indicator,
    list_indicators,
    save_indicator,
    set_indicator_active,
    suggested_themes,
    versions,
)
from partnerboard.services.performance.scorecard import (
    MissingReturn,
    Scorecard,
    ScoreRow,
    TrendPoint,
    build_scorecard,
    filter_rows,
    reporting_period,
)
from partnerboard.services.performance.values import (
    PeriodValue,
    ValueInput,
    ValueRow,
    history,
    period_values,
    record_value,
)

__all__ = [
    "Comparator",
    "IndicatorInput",
    "IndicatorRow",
    "MissingReturn",
    "PeriodValue",
    "RaiseInput",
    "ScoreRow",
    "Scorecard",
    "TrendPoint",
    "ValueInput",
    "ValueRow",
    "build_scorecard",
    "classification_of",
    "filter_rows",
    "find_indicator",
    "get_indicator",
    "history",
    "indicator_actions",
    "list_indicators",
    "period_values",
    "raise_action",
    "record_value",
    "reporting_period",
    "save_indicator",
    "set_indicator_active",
    "suggested_themes",
    "versions",
]
