"""Search results kept in memory, under the search generation they were found at.

Readers search for the same words again and again: the news of the day, the
same words as another reader, a page of results opened twice. A repeated search
is then answered without ranking anything. An entry holds while the database's
search generation (storage.search.search_generation) is still the one it was
found under: triggers bump it with every commit that can change a result
(migration 0019), in this process or any other, replicas included.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Generic, Hashable, TypeVar

# About 10 results of 1-2 KB each per entry: a few MB at most.
ENTRIES = 256
CACHE_KEY = "search_cache"  # an application's cache in its bot_data

Found = TypeVar("Found")


class SearchCache(Generic[Found]):
    """The last ENTRIES searches of the newest generation seen; older generations' entries are dropped."""

    def __init__(self, entries: int = ENTRIES) -> None:
        self.entries = entries
        self.generation = -1  # generations start at 0 and only grow
        self._found: OrderedDict[Hashable, Found] = OrderedDict()

    def __len__(self) -> int:
        return len(self._found)

    def _seen(self, generation: int) -> bool:
        """Whether `generation` is the newest seen (a newer one empties the cache first)."""
        if generation > self.generation:
            self._found.clear()
            self.generation = generation
        return generation == self.generation

    def holds(self, key: Hashable) -> bool:
        """Whether there is an entry for `key` to check against the generation (none: search at once)."""
        return key in self._found

    def get(self, key: Hashable, generation: int) -> Found | None:
        if not self._seen(generation):
            return None  # read before a newer generation someone else has already seen: search again
        found = self._found.get(key)
        if found is not None:
            self._found.move_to_end(key)
        return found

    def put(self, key: Hashable, generation: int, found: Found) -> None:
        """Keep `found`, the results of a search that ran after `generation` was read."""
        if not self._seen(generation):
            return  # the results may predate a change that came while they were being found
        self._found[key] = found
        self._found.move_to_end(key)
        while len(self._found) > self.entries:
            self._found.popitem(last=False)


def app_search_cache(bot_data: dict[str, Any]) -> SearchCache:
    """The cache of one application (its bot_data), made on first use."""
    return bot_data.setdefault(CACHE_KEY, SearchCache())
