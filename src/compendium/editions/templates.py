"""The editions' templates: Jinja, the site's template language, over the package's templates/ folder.

The one module of the core that imports Jinja: editions are laid out by
templates, as the site is, so that an edition's look is changed in its
templates and not in Python.  Autoescaping is on: everything a template
prints from content is escaped unless it is marked as made safe (bodies from
the safe Markdown, the stylesheet).
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

__all__ = ["render_template"]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("compendium", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_template(name: str, **context) -> str:
    """The template `name` (e.g. print/book.html) rendered with `context`."""
    return _environment().get_template(name).render(**context)
