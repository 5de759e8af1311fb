"""Paths to ../shared, as tests/conftest.py defines them (importable from test modules)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVALDATA = (ROOT / ".." / "shared" / "evaldata").resolve()
SEEDS = (ROOT / ".." / "shared" / "seeds").resolve()
EXAMPLES = ROOT / "examples"
