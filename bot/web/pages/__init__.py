"""The public web pages: the dossier, timeline, events, topics, articles, search and chart, ru and en."""
