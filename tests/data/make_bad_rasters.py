"""Write the small broken rasters of ``tests/data/bad/``.

Run from the project root: ``python tests/data/make_bad_rasters.py``.

``raster_no_crs.tif``: a GeoTIFF of 4 columns × 3 rows, float32, with a geotransform but no CRS
and no nodata value. Cells of 0.01° from the origin lon 76.90, lat 43.30 (Almaty, in degrees:
read it with ``crs="EPSG:4326"``). Persons per cell::

    0.0  1.5  2.0  0.0
    3.0  0.0  4.5  5.0
    0.0  6.0  0.0  7.0

7 populated cells, 29 persons in total. The bytes do not depend on the time of writing, so
running the script again gives the same file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
NO_CRS = HERE / "bad" / "raster_no_crs.tif"

NO_CRS_VALUES = np.array(
    [[0.0, 1.5, 2.0, 0.0], [3.0, 0.0, 4.5, 5.0], [0.0, 6.0, 0.0, 7.0]], dtype="float32"
)
NO_CRS_ORIGIN = (76.90, 43.30)  # west edge, north edge, degrees
NO_CRS_CELL = 0.01


def write_no_crs(path: Path = NO_CRS) -> Path:
    """Write the GeoTIFF without CRS described in the module's docstring, and return its path."""
    import rasterio
    from rasterio.transform import Affine

    path.parent.mkdir(parents=True, exist_ok=True)
    height, width = NO_CRS_VALUES.shape
    west, north = NO_CRS_ORIGIN
    transform = Affine(NO_CRS_CELL, 0.0, west, 0.0, -NO_CRS_CELL, north)
    with rasterio.open(path, "w", driver="GTiff", width=width, height=height, count=1,
                       dtype="float32", transform=transform) as dst:
        dst.write(NO_CRS_VALUES, 1)
    return path


if __name__ == "__main__":
    print(write_no_crs())
