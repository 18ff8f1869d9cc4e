"""Warehouse to numbers: queries, KPI definitions, filters, disclosure control, roles, peers,
funding, coverage, the event study and the value model. No Streamlit here (make lint checks it)."""
