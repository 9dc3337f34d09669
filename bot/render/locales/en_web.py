"""English catalog: the public web pages (merged into en.TEXTS). Plain text: the templates escape it."""

TEXTS: dict[str, str] = {
    "web.skip": "Skip to the content",
    "web.nav": "Sections",
    "web.nav.timeline": "Timeline",
    "web.nav.articles": "Articles",
    "web.nav.chart": "Chart",
    "web.nav.search": "Search",
    "web.other_language": "Русский",
    "web.footer": "A dossier compiled from the sources cited on each page; assessments are attributed to "
                  "those who voiced them.",
    "web.pages": "Pages",
    "web.newer": "← Newer",
    "web.older": "Older →",
    "web.page_of": "Page {page} of {pages}",
    "web.topics": "Topics",
    "web.newest_events": "Newest events",
    "web.all_events": "The whole timeline →",
    "web.timeline.empty": "No events here.",
}
