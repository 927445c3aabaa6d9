"""The planning model, in rooms named after what they own.

- :mod:`planning.network`: road graphs and travel times;
- :mod:`planning.provision`: E2SFCA, the exact assignment, utilities, readiness, the H3 grid;
- :mod:`planning.population`: the actual population, migration flows, the gravity model;
- :mod:`planning.forecast`: the forecast to the horizon and scenarios;
- :mod:`planning.proposals`: siting, proposals and phasing;
- :mod:`planning.report`: the report's content and sections;
- :mod:`planning.cli`: the command line and the pipelines behind its commands.

Beside them: :mod:`planning.norms` (the norms file), :mod:`planning.notices` (what a command
assumed) and :mod:`planning.workspace` (the names of the layers the commands write and read).
A room imports only rooms listed before it (``tests/test_import_contract.py`` checks it).
"""

import logging

from layers.styles_report import use_report_classes

logging.getLogger(__name__).addHandler(logging.NullHandler())
# The QGIS styles of the layers the workspace stores take the report's classes (imported only
# when a style is made: the floor below never imports this one).
use_report_classes("planning.report.qgis_classes:report_classes")
