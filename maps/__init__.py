"""Cartography that knows no planning: classes, colours, legends, offline HTML maps, the report."""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
