"""The case file: cases, consent, the child's plan, the versioned store, PDF,
follow-up statistics, plain-language checks and the CLI. Never imports streamlit."""
