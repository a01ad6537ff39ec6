"""Captions readable to WCAG 2.1 AA (1.4.3): Streamlit draws them in a faded grey
(#828180 on white, 3.9:1, partly through opacity); this darker grey, opaque, gives
about 6.6:1 on white and on the sidebar's tint. Style-only HTML goes to Streamlit's
event container: it takes no space."""

from __future__ import annotations

import streamlit as st

CAPTION_COLOUR = "#5c5b59"

_STYLE = f"""<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{
  color: {CAPTION_COLOUR};
  opacity: 1;  /* Streamlit also fades the whole caption */
}}
</style>"""


def readable_captions() -> None:
    st.html(_STYLE)
