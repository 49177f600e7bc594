"""The HTML report: one self-contained page of pictures, tables and evidence.

`content` works out what the page shows from a dataset, `layout` places the
pictures, `html` renders both through Jinja2 templates (autoescaped) and
writes the file.
"""
