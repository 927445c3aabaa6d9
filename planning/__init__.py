"""The planning model: norms, demand, provision, utility headroom, readiness; the command line."""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
