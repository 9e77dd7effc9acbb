"""The site as plain data: page paths, navigation, the view data of each page, and the indexes.

Engine-free: the hook hands these to the templates.  Imports compendium.model and compendium.text."""
