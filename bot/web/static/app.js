/* The Mini App's pages: Telegram's theme colours and ready(). telegram-web-app.js loads asynchronously
   and may never load (outside Telegram, in tests): the pages work without it. No framework. */
(function () {
  "use strict";
  var COLOUR = /^#[0-9a-fA-F]{3,8}$/;

  function webApp() {
    return window.Telegram && window.Telegram.WebApp;
  }

  function applyTheme() {
    var app = webApp();
    var params = (app && app.themeParams) || {};
    var style = document.documentElement.style;
    Object.keys(params).forEach(function (name) {
      if (COLOUR.test(params[name])) {
        style.setProperty("--tg-" + name.replace(/_/g, "-"), params[name]);  // bg_color -> --tg-bg-color
      }
    });
  }

  function start() {
    var app = webApp();
    if (!app) {
      return false;
    }
    applyTheme();
    if (app.onEvent) {
      app.onEvent("themeChanged", applyTheme);
    }
    if (app.ready) {
      app.ready();
    }
    document.dispatchEvent(new CustomEvent("telegram-web-app"));
    return true;
  }

  if (!start()) {
    var script = document.querySelector('script[src*="telegram-web-app.js"]');
    if (script) {
      script.addEventListener("load", start);
    }
  }
})();
