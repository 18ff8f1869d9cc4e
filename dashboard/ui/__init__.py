"""The Streamlit glue the frame and the pages share: session context, caching, the sidebar and URL,
widgets and sign-in. The only Streamlit code besides dashboard/app.py and dashboard/pages/."""
