"""Article ingestion: pure-Python steps from raw input to a prepared article.

Parsers (`scraped`, `html_page`, `feed_items`) turn input into a `RawArticle`;
`pipeline.prepare` cleans, dates, summarises, fingerprints and tags it.
Nothing here does network I/O, touches the database or imports `telegram`.
"""
