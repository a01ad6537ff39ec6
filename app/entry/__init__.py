"""The script Streamlit runs. It lives in a folder of its own inside the package so that
an installed wheel can start the app (``hjulet run``), and so that Streamlit, which puts
the script's folder on ``sys.path``, sees nothing else there."""
