"""The kernel of qonys: CRS choice, geometry helpers, errors and the ru/kk/en table.

``geo`` imports nothing else of qonys; ``layers``, ``planning`` and ``maps`` stand on it.
"""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
