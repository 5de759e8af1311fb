"""Outputs: exporters take an Analysis and return text (or write files); the CLI writes or prints it.

- :func:`to_contract` / :func:`to_json`: the output contract (DESIGN.md), checked by
  :func:`rashomon.outputs.schema.validate` against the published JSON Schema.
- :func:`incidents_csv` (ACLED's columns) and :func:`claims_csv`.
- :func:`to_geojson`: incident places; :func:`rashomon.outputs.parquet.write_parquet` (``rashomon[parquet]``).
- :func:`render_report`: the self-contained HTML report; :func:`write_folder`: all of the above into a folder.
- :func:`render_table` / :func:`render_markdown`: terminal and Markdown summaries.
"""

from rashomon.outputs.csv import claims_csv, incidents_csv
from rashomon.outputs.folder import write_folder
from rashomon.outputs.geojson import to_geojson
from rashomon.outputs.html import render_report
from rashomon.outputs.json import to_contract, to_json
from rashomon.outputs.terminal import render_markdown, render_table

__all__ = ["claims_csv", "incidents_csv", "render_markdown", "render_report", "render_table", "to_contract",
           "to_geojson", "to_json", "write_folder"]
