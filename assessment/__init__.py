"""The wellbeing wheel: templates, registry, assessment model and wheel geometry.

Never imports streamlit or anything from ``plans``.
"""
