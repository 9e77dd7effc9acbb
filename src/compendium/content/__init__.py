"""Reading a content folder: which files it holds, front matter, validation, links, safe Markdown, vocabularies.

Everything here treats content as untrusted.  Imports compendium.model and compendium.text."""
