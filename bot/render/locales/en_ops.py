"""English catalog: schedules resumed when rights return, supergroup clashes, ingest refusals (merged into en.TEXTS)."""

TEXTS: dict[str, str | tuple[str, ...]] = {
    "notice.resumed": (
        "I may post in <b>{title}</b> ({kind}{username}) again, so I resumed {schedules} that I had paused "
        "when I could not; the next pushes come at their usual times."
    ),
    "notice.resumed_here": "I resumed {schedules} paused while I could not post there.",
    "notice.paused_by_rights": "I paused {schedules} there; they resume by themselves once I may post again.",
    "notice.migrated_clash": (
        "<b>{title}</b> became a supergroup that already had a “{push}” schedule{topic}. I kept the one changed "
        "last ({kept}) and removed the other ({dropped}). Check it with /schedules."
    ),
    "notice.migrated_topic": " in forum topic {thread}",
}
