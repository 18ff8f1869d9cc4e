"""The framework's floor for the browser benchmark (`python -m bench.browser`): the smallest
Streamlit app that shows one plotly chart, served by the same Streamlit with the same
`.streamlit/config.toml` and opened the same way as the dashboard's pages. No page of the
dashboard can show its first chart sooner than this app does on the same machine."""

import plotly.graph_objects as go
import streamlit as st

st.title("IPSO")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])), width="stretch")
