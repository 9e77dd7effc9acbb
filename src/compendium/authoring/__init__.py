"""Tools that write content: importing a notice, reference material, a new case.

Imports compendium.content, compendium.model and compendium.text."""
