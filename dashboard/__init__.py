"""Funding-impact dashboard for the Dutch IPSO centres."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
