"""The content model: data and pages turned into text (schema, pages, news,
dates and figures, the sandboxed rendering, the chart)."""
