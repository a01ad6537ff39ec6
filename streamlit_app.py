"""Hjulet – the entry point in a checkout (``streamlit run streamlit_app.py``, AppTest);
the installed ``hjulet run`` runs ``app/entry/main.py``, which this calls."""

from __future__ import annotations

from app.entry.main import main

main()
