"""Building a site: generate (pages and data from the content), render (any engine), finish (publish)."""
