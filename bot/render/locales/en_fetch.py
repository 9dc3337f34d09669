"""English catalog: why a page or feed could not be fetched, for chat (merged into en.TEXTS).

Generic on purpose: no host, address, port or error text, which would make
the bot a probe of networks it can reach."""

TEXTS: dict[str, str] = {
    "fetch.blocked": "this address is not allowed (I fetch only public websites)",
    "fetch.failed": "the address could not be fetched",
}
