"""What is handed out besides the site: the data records (cases.json, cases.csv), the print book, the offline check.

Imports compendium.site (index data, never views), compendium.content, compendium.model and compendium.text."""
