"""Pacing, per-chat queues and the sorting of Bot API answers, without a network or a database."""
from __future__ import annotations

import pytest

from bot.delivery.api import Flood, Forbidden, Migrated, Rejected, Sent, Transient, Unauthorized, classify
from bot.delivery.limits import ANSWER_DELAY, HEADROOM, Limits, Pacer, answer_delay
from bot.delivery.policy import Backoff
from bot.delivery.queue import ChatQueues, Payload, Row


def test_slots_are_evenly_spaced_and_an_idle_spell_earns_little():
    pacer = Pacer(100, now=0.0)
    slots = [pacer.allocate(0.0) for _ in range(5)]
    assert slots == pytest.approx([i / (100 * HEADROOM) for i in range(5)])
    for _ in range(5):
        pacer.answered_at(0.01)
    # Slots missed for up to a tenth of a window are still given out, and no more.
    assert pacer.free_slots(50.0, 50.0) == 10
    assert [pacer.allocate(50.0) for _ in range(3)] == pytest.approx([49.9, 49.9 + 1 / 97, 49.9 + 2 / 97])
    assert pacer.free_slots(50.0, 50.1) == 17


def test_the_window_counts_unanswered_and_recently_answered_requests():
    pacer = Pacer(3, now=0.0)
    for _ in range(3):
        pacer.allocate(0.0)
    assert pacer.free_slots(5.0, 6.0) == 0  # three requests unanswered: however late, they count
    pacer.answered_at(5.0)
    pacer.answered_at(5.2)
    assert pacer.free_slots(5.5, 6.5) == 0 and pacer.window_frees_at() == 6.0
    assert pacer.free_slots(6.0, 6.2) == 1  # one slot before 6.2 (the next is 1/2.91 s later)
    pacer.release(1)  # a claimed row somebody else sent meanwhile
    assert pacer.window_room(6.1) == 2  # the answer at 5.2 still counts


def test_slots_claimed_ahead_are_checked_against_the_window_as_it_will_be():
    # 30 a second, answered as fast as sent: the window holds the last second's answers, so only
    # slots after the oldest of them leaves it are free; claimed slots count as unanswered.
    pacer = Pacer(30, now=0.0)
    for _ in range(29):
        at = pacer.allocate(pacer.next_free(0.0))
        pacer.answered_at(at)
    now = pacer.next_free(0.0)  # 29 answers within the last second: one request more may start
    assert pacer.window_room(now) == 1
    ahead = pacer.free_slots(now, now + 0.25)
    assert ahead == int(0.25 / pacer.interval) + 1  # every slot of the next quarter second: old answers expire
    slots = [pacer.allocate(now) for _ in range(ahead)]
    for started, slot in enumerate(slots, 1):  # at each slot: answers within a window before it, and
        recent = sum(1 for a in pacer.answered if a > slot - pacer.window)  # the claimed ones started by then
        assert recent + started <= 30
    dense = Pacer(30, now=0.0, window=1.0)
    dense.interval = 0.001  # slots closer than the limit allows: the window stops them
    assert dense.free_slots(0.0, 0.1) == 30


def test_a_pause_holds_every_later_slot():
    pacer = Pacer(None, now=0.0)
    assert pacer.free_slots(0.0, 0.02) is None and pacer.allocate(0.0) == 0.0
    pacer.pause(3.0)
    assert pacer.free_slots(1.0, 1.02) == 0
    assert pacer.next_free(1.0) == 3.0 and pacer.allocate(1.0) == 3.0


def test_limits_per_chat_and_time_scale():
    limits = Limits()
    assert limits.chat_gap(42) == pytest.approx(1.0 / HEADROOM)
    assert limits.chat_gap(-1001234) == pytest.approx(3.0 / HEADROOM)  # 20 a minute
    scaled = Limits(time_scale=0.1)
    assert (scaled.window, scaled.chat_gap(-1001234)) == pytest.approx((0.1, 0.3 / HEADROOM))


def test_answers_gather_only_where_the_in_flight_bound_cannot_set_the_pace():
    assert answer_delay(Limits(), in_flight=100) == ANSWER_DELAY  # 30/s: a second's answers fill a third
    assert answer_delay(Limits(), in_flight=30) == 0.0
    assert answer_delay(Limits(per_second=1000, paid_broadcast=True), in_flight=100) == 0.0
    assert answer_delay(Limits(per_second=None), in_flight=200) == 0.0
    assert answer_delay(Limits(time_scale=0.1), in_flight=100) == 0.0  # 300 a real second


def test_queues_keep_one_message_per_chat_in_flight_in_id_order():
    queues = ChatQueues(gap=lambda chat: 1.0)
    for row_id, chat in ((1, 10), (2, 20), (4, 10), (3, 10)):  # row 3 committed late
        queues.add(Row(row_id, chat, None, Payload("", None)), now=0.0)
    first = queues.take(None, now=0.0)
    assert [(r.id, r.chat_id) for r in first] == [(1, 10), (2, 20)]
    assert queues.take(None, now=5.0) == []  # both chats busy
    queues.finish(first[0], now=0.1)  # answered at 0.1: chat 10's next message a gap later
    assert queues.take(None, now=1.0) == [] and queues.next_due() == 1.1
    assert [r.id for r in queues.take(None, now=1.1)] == [3]
    assert len(queues) == 3 and queues.ids == {2, 3, 4}


def test_queues_retry_moves_and_drops():
    queues = ChatQueues(gap=lambda chat: 0.5)
    for row_id in (1, 2):
        queues.add(Row(row_id, -5, None, Payload("", None)), now=0.0)
    [row] = queues.take(None, now=0.0)
    queues.finish(row, now=0.0, retry_at=2.0)  # back at the head, after its backoff
    assert queues.take(None, now=1.0) == []
    queues.move_chat(-5, -1005, now=1.0)
    assert [(r.id, r.chat_id) for r in queues.take(None, now=2.0)] == [(1, -1005)]
    assert [r.id for r in queues.drop_chat(-1005)] == [2]
    assert queues.ids == {1}  # the one in flight is still held


@pytest.mark.parametrize(("status", "body", "expected"), [
    (200, {"ok": True, "result": {"message_id": 77}}, Sent(77)),
    # Accepted without a message to read (a proxy or a changed API): sent, never retried into a double post.
    (200, {"ok": True, "result": True}, Sent(None)),
    (200, {"ok": True, "result": {"message_id": "77"}}, Sent(None)),
    (429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 5",
           "parameters": {"retry_after": 5}}, Flood(5.0, "429: Too Many Requests: retry after 5")),
    (400, {"ok": False, "error_code": 400, "description": "Bad Request: group chat was upgraded to a supergroup chat",
           "parameters": {"migrate_to_chat_id": -1009}},
     Migrated(-1009, "400: Bad Request: group chat was upgraded to a supergroup chat")),
    (403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"},
     Forbidden("403: Forbidden: bot was blocked by the user")),
    (400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"},
     Rejected("400: Bad Request: chat not found")),
    (401, {"ok": False, "error_code": 401, "description": "Unauthorized"}, Unauthorized("401: Unauthorized")),
    (500, {"ok": False, "error_code": 500, "description": "Internal Server Error"},
     Transient("500: Internal Server Error")),
    (502, None, Transient("HTTP 502 without a Bot API answer")),
])
def test_answers_are_sorted_into_outcomes(status, body, expected):
    assert classify(status, body) == expected


def test_backoff_doubles_up_to_its_cap():
    assert [Backoff(base=1.0, cap=5.0).delay(n) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]
