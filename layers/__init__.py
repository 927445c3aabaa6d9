"""The layer catalogue, readers, validation and the workspace store (see DESIGN.md)."""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
