"""Outputs: exporters take an Analysis and return text; the CLI writes it."""

from rashomon.outputs.csv import claims_csv, incidents_csv
from rashomon.outputs.json import to_contract, to_json
from rashomon.outputs.terminal import render_markdown, render_table

__all__ = ["claims_csv", "incidents_csv", "render_markdown", "render_table", "to_contract", "to_json"]
