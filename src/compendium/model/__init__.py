"""The nouns of a compendium: cases, notices, themes, collections, regions, and the orderings of cases.

Imports only compendium.text."""
