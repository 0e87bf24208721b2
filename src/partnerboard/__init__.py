"""partnerboard: registers, partner workbooks and board papers for a safeguarding partnership."""

import time as _time

# Taken as early as possible so that `--smoke` can report start-up time from process start.
STARTED_AT = _time.perf_counter()

__version__ = "0.1.0"
APP_NAME = "partnerboard"
