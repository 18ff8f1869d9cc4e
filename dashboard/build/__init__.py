"""Ingest time only: the demo-data generator, the extract validation and load, and the roll-ups.
The app never imports this package (make lint checks it)."""
