"""The finder: its index (lunr shards), its data for the browser, and the background job that writes them.

Imports compendium.site, compendium.model and compendium.text."""
