"""Chinese text: pinyin, traditional characters, Chinese numerals, reflow of text extracted from PDFs.

The lowest layer: imports nothing else of the package."""
