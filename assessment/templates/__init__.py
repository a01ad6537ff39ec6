"""The shipped wheel templates. The registry finds them through the entry-point
group ``hjulet.templates`` like any organisation's own template package."""
