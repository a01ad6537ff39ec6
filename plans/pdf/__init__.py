"""The child's plan as PDF: A4, embedded Unicode fonts (DejaVu Sans, see
``fonts/LICENSE.md``), the wheel as vectors, bookmarks per section and page
numbers, for the family, the team or one partner. Rendered from the same plan
view as the app's meeting view. Never imports streamlit."""

from plans.pdf.render import RenderedPdf, plan_pdf, render, render_pdf, suggested_filename

__all__ = ["RenderedPdf", "plan_pdf", "render", "render_pdf", "suggested_filename"]
