"""Builders of the gazetteer's shipped data files (`src/warbrief/knowledge/data/*.tsv`) from
GeoNames-derived data in PyPI packages: see `sources` (divisions, countries, Ukraine's
settlements, with `sources_ua` and `areas`) and `sources_us` (US post-office places).
"""
