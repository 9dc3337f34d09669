/* "My pushes": reads and saves the chat's settings with the Mini App's init data (header
   X-Telegram-Init-Data), which the server checks; without init data the form stays disabled. */
(function () {
  "use strict";
  var form = document.getElementById("pushes");
  var fields = document.getElementById("fields");
  var status = document.getElementById("status");
  var next = document.getElementById("next");
  var WAIT_FOR_TELEGRAM_MS = 3000;  // telegram-web-app.js loads asynchronously, or never (offline, in tests)
  var started = false;

  function initData() {
    var app = window.Telegram && window.Telegram.WebApp;
    return (app && app.initData) || "";
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? "status error" : "status";
  }

  function call(method, body) {
    return fetch(form.getAttribute("data-api"), {
      method: method,
      credentials: "omit",
      // The page's language, so a refusal (which has no user to ask) reads as the page does.
      headers: {"Content-Type": "application/json", "X-Telegram-Init-Data": initData(),
                "Accept-Language": document.documentElement.lang},
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.error || form.getAttribute("data-failed"));
          error.field = data.field;
          throw error;
        }
        return data;
      });
    });
  }

  function inLanguage(lang) {
    // The page speaks the chat's language: reload in it when the browser's differs (once: ?lang= wins).
    var url = new URL(window.location.href);
    if (document.documentElement.lang === lang || url.searchParams.get("lang") === lang) {
      return true;
    }
    url.searchParams.set("lang", lang);
    window.location.replace(url.toString());
    return false;
  }

  function choose(select, value) {
    if (!Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.add(new Option(value, value));
    }
    select.value = value;
  }

  function fill(state) {
    if (!inLanguage(state.language)) {
      return false;
    }
    var chosen = {};
    state.topics.forEach(function (topic) { chosen[topic.slug] = topic.chosen; });
    form.querySelectorAll('input[name="topic"]').forEach(function (box) { box.checked = !!chosen[box.value]; });
    form.querySelectorAll('input[name="digest"]').forEach(function (radio) { radio.checked = radio.value === state.digest; });
    form.elements.day.value = String(state.day);
    form.elements.time.value = state.time;
    form.elements.onthisday.checked = state.onthisday;
    form.elements.onthisday_time.value = state.onthisday_time;
    choose(form.elements.tz, state.timezone);
    form.elements.lang.value = state.language;
    next.textContent = state.next;
    fields.disabled = false;
    follow();
    return true;
  }

  function follow() {
    // The day matters for a weekly digest only; the times only for pushes that are on.
    var digest = form.querySelector('input[name="digest"]:checked');
    form.elements.day.disabled = !digest || digest.value !== "weekly";
    form.elements.time.disabled = !digest || digest.value === "off";
    form.elements.onthisday_time.disabled = !form.elements.onthisday.checked;
  }

  function collect() {
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="topic"]'));
    var ticked = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    var digest = form.querySelector('input[name="digest"]:checked');
    var body = {
      topics: ticked.length === boxes.length ? "all" : ticked,
      digest: digest ? digest.value : "off",
      onthisday: form.elements.onthisday.checked,
      tz: form.elements.tz.value,
      lang: form.elements.lang.value
    };
    if (!form.elements.day.disabled) { body.day = parseInt(form.elements.day.value, 10); }
    if (!form.elements.time.disabled) { body.time = form.elements.time.value; }
    if (!form.elements.onthisday_time.disabled) { body.onthisday_time = form.elements.onthisday_time.value; }
    return body;
  }

  function start() {
    if (started) { return; }
    if (!initData()) {  // not (yet) in Telegram: say so; a script that loads late still starts the form
      say(form.getAttribute("data-outside"), true);
      return;
    }
    started = true;
    call("GET").then(function (state) {
      if (fill(state)) { say(""); }
    }).catch(function (error) { say(error.message, true); });
  }

  form.addEventListener("change", follow);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = collect();
    fields.disabled = true;
    say(form.getAttribute("data-saving"));
    call("POST", body).then(function (state) {
      if (fill(state)) { say(form.getAttribute("data-saved")); }
    }).catch(function (error) {
      fields.disabled = false;
      say(error.message, true);
      var field = error.field && form.elements[error.field];
      if (field && field.focus) { field.focus(); }
    });
  });

  if (initData()) {
    start();
  } else {
    document.addEventListener("telegram-web-app", start);
    var script = document.querySelector('script[src*="telegram-web-app.js"]');
    if (script) { script.addEventListener("error", start); }  // offline, or not in Telegram: say so at once
    window.setTimeout(start, WAIT_FOR_TELEGRAM_MS);
  }
})();
