"""The fake over raw HTTP: answer shapes, request encodings, long polling, faults."""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Iterator

import httpx
import pytest

from tests.fakebot import FakeBotApi


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        yield api


# A long poll that is not woken outlasts the test: its end proves nothing woke it. The fake stops it on exit.
LONG_POLL = 600
WAKE_CEILING = 30.0  # seconds a woken poll may take to answer on a busy machine


@pytest.fixture
def client(fake: FakeBotApi) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{fake.api_base_url}{fake.token}/", timeout=WAKE_CEILING) as http:
        yield http


def call(client: httpx.Client, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    response = client.post(method, json=params)
    return response.status_code, response.json()


def test_token_check_and_get_me(fake: FakeBotApi, client: httpx.Client) -> None:
    wrong = httpx.post(f"{fake.api_base_url}123:wrong/getMe")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert httpx.post(f"{fake.api_base_url}malformed/getMe").status_code == 404
    status, body = call(client, "getMe")
    assert status == 200 and body["ok"] is True
    me = body["result"]
    assert me["is_bot"] is True and me["username"] == "briefing_test_bot"
    assert me["supports_inline_queries"] is True and me["can_join_groups"] is True
    assert "can_read_all_group_messages" in me
    status, body = call(client, "noSuchMethod")
    assert status == 404 and body["description"].startswith("Not Found")


def test_form_json_and_query_encodings(fake: FakeBotApi, client: httpx.Client) -> None:
    user = fake.create_user()
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    form = client.post("sendMessage", data={"chat_id": str(user.id), "text": "<b>form</b>",
                                            "parse_mode": "HTML", "reply_markup": json.dumps(markup)})
    assert form.status_code == 200, form.text
    assert form.json()["result"]["reply_markup"] == markup
    status, body = call(client, "sendMessage", chat_id=user.id, text="json")
    assert status == 200 and body["result"]["text"] == "json"
    query = client.get("sendMessage", params={"chat_id": user.id, "text": "query"})
    assert query.json()["result"]["text"] == "query"
    assert [m.text for m in fake.messages(user)] == ["form", "json", "query"]
    assert fake.last_message(user).html == "query"
    assert [m["message_id"] for m in (form.json()["result"], body["result"])] == [1, 2]


def test_error_shape_and_unknown_chat(client: httpx.Client) -> None:
    status, body = call(client, "sendMessage", chat_id=42, text="hi")
    assert status == 400
    assert body == {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}


def _until(condition: Any, what: str, ceiling: float = 30.0) -> None:
    """Poll `condition` until true; the ceiling only bounds a failing test."""
    deadline = time.monotonic() + ceiling
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def _poll_in_thread(client: httpx.Client, results: list, **params: Any) -> threading.Thread:
    def poll() -> None:
        response = client.post("getUpdates", json=params, timeout=LONG_POLL + 10)
        results.append((response.status_code, response.json()))
    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    return poller


def test_get_updates_long_polls_and_offset_confirms(fake: FakeBotApi, client: httpx.Client) -> None:
    user = fake.create_user()
    started = time.monotonic()
    status, body = call(client, "getUpdates", timeout=0)
    # timeout=0 answers at once; the bound is generous (a busy machine), a long poll would hold far longer
    assert body["result"] == [] and time.monotonic() - started < 5

    results: list[tuple[int, dict[str, Any]]] = []
    poller = _poll_in_thread(client, results, timeout=LONG_POLL)
    _until(lambda: fake.server.long_polls_waiting() == 1, "the long poll to wait")  # nothing there yet
    fake.user_sends(user, "hello")
    poller.join(WAKE_CEILING)
    assert not poller.is_alive(), "the long poll was not woken by the update"
    status, body = results[0]
    updates = body["result"]
    assert len(updates) == 1 and updates[0]["message"]["text"] == "hello"
    first = updates[0]["update_id"]
    # not confirmed yet: delivered again
    assert call(client, "getUpdates")[1]["result"][0]["update_id"] == first
    fake.user_sends(user, "second")
    status, body = call(client, "getUpdates", offset=first + 1)
    assert [u["message"]["text"] for u in body["result"]] == ["second"]
    assert len(fake.pending_updates()) == 1
    call(client, "getUpdates", offset=body["result"][0]["update_id"] + 1)
    assert fake.pending_updates() == []


def test_allowed_updates_and_webhook_conflict(fake: FakeBotApi, client: httpx.Client) -> None:
    user = fake.create_user()
    fake.user_sends(user, "dropped")
    fake.inline_query(user, "kept")
    body = call(client, "getUpdates", allowed_updates=["inline_query"])[1]
    assert [list(u)[1] for u in body["result"]] == ["inline_query"]
    assert call(client, "setWebhook", url="https://example.com/hook")[0] == 200
    status, body = call(client, "getUpdates")
    assert status == 409 and body["description"].startswith("Conflict: can't use getUpdates")
    assert call(client, "getWebhookInfo")[1]["result"]["url"] == "https://example.com/hook"
    assert call(client, "deleteWebhook")[1] == {"ok": True, "result": True}
    assert call(client, "getUpdates")[0] == 200


def test_second_poller_terminates_the_first(fake: FakeBotApi, client: httpx.Client) -> None:
    results: list[tuple[int, dict[str, Any]]] = []
    poller = _poll_in_thread(client, results, timeout=LONG_POLL)
    _until(lambda: fake.server.long_polls_waiting() == 1, "the first long poll to wait")
    assert call(client, "getUpdates", timeout=0)[0] == 200
    poller.join(WAKE_CEILING)
    assert results and results[0][0] == 409
    assert "terminated by other getUpdates request" in results[0][1]["description"]


def test_multipart_upload_and_file_download(fake: FakeBotApi, client: httpx.Client) -> None:
    user = fake.create_user()
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
           + b"\x08\x02\x00\x00\x00" + b"\x00" * 16)
    response = client.post("sendPhoto", data={"chat_id": str(user.id), "caption": "<i>pic</i>",
                                              "parse_mode": "HTML"},
                           files={"photo": ("chart.png", png, "image/png")})
    assert response.status_code == 200, response.text
    result = response.json()["result"]
    assert result["caption"] == "pic" and result["caption_entities"][0]["type"] == "italic"
    assert result["photo"][-1]["width"] == 640 and result["photo"][0]["width"] == 90
    assert fake.last_message(user).photo == png
    file_info = call(client, "getFile", file_id=result["photo"][-1]["file_id"])[1]["result"]
    download = httpx.get(f"{fake.file_base_url}{fake.token}/{file_info['file_path']}")
    assert download.content == png
    bad = client.post("sendPhoto", data={"chat_id": str(user.id)}, files={"photo": ("x.png", b"nope")})
    assert bad.json()["description"] == "Bad Request: IMAGE_PROCESS_FAILED"


def test_injected_faults_raw(fake: FakeBotApi, client: httpx.Client) -> None:
    user = fake.create_user()
    fake.fail_next(502, method="sendMessage")
    response = client.post("sendMessage", json={"chat_id": user.id, "text": "x"})
    assert response.status_code == 502 and b"nginx" in response.content
    fake.fail_next(500, chat=user)
    assert call(client, "sendMessage", chat_id=user.id, text="x") == (
        500, {"ok": False, "error_code": 500, "description": "Internal Server Error"})
    assert call(client, "sendMessage", chat_id=user.id, text="ok")[0] == 200
    assert fake.rejected_calls() == []
    assert [c.status for c in fake.rejected_calls(None, include_injected=True)] == [502, 500]


def test_an_answer_is_a_copy_the_stored_message_does_not_share(fake: FakeBotApi, client: httpx.Client) -> None:
    user = fake.create_user(first_name="Ann")
    status, body = call(client, "sendMessage", chat_id=user.id, text="<b>Итоги</b> и <i>планы</i>", parse_mode="HTML",
                        reply_markup={"inline_keyboard": [[{"text": "Ещё", "callback_data": "more"}]]})
    assert status == 200
    [stored] = fake.messages(user)
    answer = stored.to_dict()
    assert answer == body["result"]
    answer["entities"][0]["length"] = 99  # a caller changing what it got back, nested values included
    answer["reply_markup"]["inline_keyboard"][0].clear()
    assert stored.to_dict() == body["result"]


def test_json_copy_copies_json_shapes_and_hands_other_values_to_deepcopy() -> None:
    from tests.fakebot.models import json_copy

    class Box:
        def __init__(self) -> None:
            self.items = [1]

    box = Box()
    data = {"a": [{"b": 1.5, "c": None, "d": True}], "e": "x", "box": box}
    copied = json_copy(data)
    assert copied == {**data, "box": copied["box"]}
    assert copied["a"] is not data["a"] and copied["a"][0] is not data["a"][0]
    assert copied["box"] is not box and copied["box"].items == [1] and copied["box"].items is not box.items
