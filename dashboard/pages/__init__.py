"""The page scripts (layout only), listed in dashboard.app.PAGES and run by st.navigation."""
