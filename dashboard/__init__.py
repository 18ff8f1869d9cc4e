"""Funding-impact dashboard for the Dutch IPSO centres."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# The entry file Streamlit runs (two lines calling dashboard.app.main()).
APP_FILE = PROJECT_ROOT / "streamlit_app.py"
