"""The Streamlit user interface only: pages, components and the wheel chart.

It never touches files or SQL itself; it calls the store and the domain in
``plans`` and ``assessment``.
"""
