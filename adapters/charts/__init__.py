"""Charts of the ledgers: the series a treasurer reads, drawn as PNG or SVG."""
