"""Constants shared by the pages: palette, chart styling, the grant marker, thresholds."""

# Okabe-Ito: a colour-blind-safe qualitative palette.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#6B6B6B",
}
SERIES_COLOURS = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple")]
GRANT_MARKER = {"color": PALETTE["vermillion"], "dash": "dash", "width": 2}
SELECTED_PERIOD_FILL = "rgba(86, 180, 233, 0.15)"
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"

# Small-number suppression (DATA_CONTRACT.md).
MIN_COUNT = 10
# Below the national total, counts of people and visits are also rounded to a multiple of this,
# so that subtracting two views (a province and its shown centres, or two overlapping periods)
# cannot give back a suppressed figure exactly.
ROUND_TO = 5

# The normal quantile of a two-sided 95% interval (1.96), for every interval and noise test.
Z95 = 1.959963984540054
