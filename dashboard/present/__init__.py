"""Numbers to what people see: the NL/EN catalogue and formats, charts, maps, tables, exports,
the board pack and the methodology text. No Streamlit here (make lint checks it)."""
