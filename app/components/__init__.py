"""Reusable pieces that own their slice of ``st.session_state``."""
