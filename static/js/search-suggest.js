/*
 * Suggestions under the header's search box (the ARIA 1.2 combobox pattern).
 *
 * - The box asks the server (data-suggest-url on its form) for FAQ titles and
 *   popular searches a short while after each `input` event. Chrome and
 *   Edge fire `input` while the IME is still composing, so ぱすわ typed
 *   before it is converted already shows パスワードを忘れた; no waiting
 *   for compositionend (which is listened to as well, for browsers that
 *   fire `input` only then).
 * - Up/Down move through the options (aria-activedescendant: focus stays in
 *   the box), Enter opens the chosen one, Escape closes the list, a click or
 *   a tap opens an option. Keys pressed while the IME composes belong to the
 *   IME: Enter then confirms the conversion and never opens a suggestion.
 * - Enter with no option chosen submits the form, as it does without
 *   JavaScript, where the box is a plain search box.
 * - Suggestions are written as text (textContent) and only addresses on this
 *   site are followed.
 */
(function () {
  "use strict";

  var DELAY_MS = 120;
  var MAX_CHARS = 50;
  var input = document.getElementById("global-search");
  var list = document.getElementById("global-search-suggestions");
  if (!input || !list || !input.form || !window.fetch) return;
  var form = input.form;
  var endpoint = form.getAttribute("data-suggest-url");
  if (!endpoint) return;

  var timer = null;
  var controller = null;
  var serial = 0;
  var asked = null;
  var options = [];
  var active = -1;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  function isOpen() {
    return !list.hidden;
  }

  function setActive(index) {
    if (active >= 0 && options[active]) {
      options[active].classList.remove("is-active");
      options[active].setAttribute("aria-selected", "false");
    }
    active = index;
    if (active >= 0 && options[active]) {
      var option = options[active];
      option.classList.add("is-active");
      option.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    setActive(-1);
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
  }

  function open() {
    if (!options.length) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function sameSite(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch (error) {
      return false;
    }
  }

  function choose(option) {
    var url = option.getAttribute("data-url");
    close();
    if (url && sameSite(url)) window.location.assign(url);
  }

  function render(groups) {
    list.textContent = "";
    options = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    groups.forEach(function (group, groupIndex) {
      var items = (group.items || []).filter(function (item) {
        return item && typeof item.text === "string" && sameSite(item.url);
      });
      if (!items.length) return;
      var box = document.createElement("div");
      box.setAttribute("role", "group");
      var labelId = list.id + "-group-" + groupIndex;
      box.setAttribute("aria-labelledby", labelId);
      var label = document.createElement("div");
      label.setAttribute("role", "presentation");
      label.id = labelId;
      label.className = "site-search__group-label";
      label.textContent = String(group.label || "");
      box.appendChild(label);
      items.forEach(function (item) {
        var option = document.createElement("div");
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.id = list.id + "-option-" + options.length;
        option.className = "site-search__option site-search__option--" + String(group.kind || "");
        option.setAttribute("data-url", item.url);
        option.textContent = item.text;
        box.appendChild(option);
        options.push(option);
      });
      list.appendChild(box);
    });
    if (options.length && document.activeElement === input) open();
    else close();
  }

  function ask() {
    var text = input.value.trim();
    if (text === asked) return;
    asked = text;
    if (controller) controller.abort();
    controller = null;
    if (!text || text.length > MAX_CHARS) {
      render([]);
      return;
    }
    var mine = ++serial;
    controller = window.AbortController ? new AbortController() : null;
    var url = endpoint + (endpoint.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text);
    fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") < 0) return { groups: [] };
        return response.json();
      })
      .then(function (data) {
        if (mine !== serial) return; /* a later keystroke asked again */
        render(Array.isArray(data && data.groups) ? data.groups : []);
      })
      .catch(function () {
        /* aborted, offline or logged out: the box still submits */
        if (mine === serial) render([]);
      });
  }

  function askSoon() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(ask, DELAY_MS);
  }

  /* Fired on every keystroke, also while the IME is composing (event.isComposing). */
  input.addEventListener("input", askSoon);
  input.addEventListener("compositionend", askSoon);

  input.addEventListener("keydown", function (event) {
    if (event.isComposing || event.keyCode === 229) return; /* the IME's key */
    switch (event.key) {
      case "ArrowDown":
      case "Down":
        if (!options.length) return;
        event.preventDefault();
        if (!isOpen()) open();
        setActive(active + 1 < options.length ? active + 1 : 0);
        break;
      case "ArrowUp":
      case "Up":
        if (!options.length) return;
        event.preventDefault();
        if (!isOpen()) open();
        setActive(active > 0 ? active - 1 : options.length - 1);
        break;
      case "Enter":
        if (isOpen() && active >= 0) {
          event.preventDefault();
          choose(options[active]);
        }
        /* otherwise the form submits what was typed */
        break;
      case "Escape":
      case "Esc":
        if (isOpen()) {
          event.preventDefault();
          close();
        }
        break;
      case "Tab":
        close();
        break;
    }
  });

  /* A press on an option keeps the focus in the box; the click opens it. */
  list.addEventListener("mousedown", function (event) {
    event.preventDefault();
  });
  list.addEventListener("click", function (event) {
    var option = event.target.closest ? event.target.closest("[role=option]") : null;
    if (option && list.contains(option)) choose(option);
  });

  input.addEventListener("blur", close);
  input.addEventListener("focus", function () {
    if (options.length && input.value.trim() === asked) open();
  });
  form.addEventListener("submit", close);
})();
