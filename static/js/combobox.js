/*
 * One ARIA 1.2 combobox (a text box with a list of suggestions below it), the
 * part the header's search box (search-suggest.js) and the staff picker
 * (staff-picker.js) share: asking the server as one types, and the keys.
 *
 *   var combo = window.IntranetCombobox.attach(input, list, {
 *     endpoint: url, delay: ms, maxChars: n,
 *     render: function (data, text) { ... return optionElements; },
 *     choose: function (option) { ... },
 *     rendered: function (count, text) { ... },   optional
 *     enter: function (event) { ... },            optional: Enter with no option chosen
 *     escape: function (event) { ... },           optional: Escape with the list closed
 *   });
 *
 * - The box asks ``endpoint?q=…`` a short while after each `input` event.
 *   Chrome and Edge fire `input` while the IME is still composing, so a
 *   reading typed before it is converted already brings suggestions;
 *   compositionend is listened to as well, for browsers that fire `input`
 *   only then. ``render`` gets the JSON answer and the text asked (``data``
 *   is null, and ``text`` empty, when nothing was asked or the request
 *   failed; an answer that is not JSON is ``{}``), fills the list and
 *   returns its options.
 * - Up/Down move through the options (aria-activedescendant: focus stays in
 *   the box), Enter or a click chooses one, Escape closes the list, Tab
 *   closes it. Keys pressed while the IME composes belong to the IME: Enter
 *   then confirms the conversion and never chooses an option.
 */
(function () {
  "use strict";

  if (window.IntranetCombobox) return; /* included by each widget that needs it */

  function attach(input, list, settings) {
    var timer = null;
    var controller = null;
    var serial = 0;
    var asked = null;
    var options = [];
    var active = -1;
    var endpoint = settings.endpoint;

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

    function show(data, text) {
      list.textContent = "";
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      options = settings.render(data, text) || [];
      if (options.length && document.activeElement === input) open();
      else close();
      if (settings.rendered) settings.rendered(options.length, text);
    }

    function ask() {
      var text = input.value.trim();
      if (text === asked) return;
      asked = text;
      if (controller) controller.abort();
      controller = null;
      if (!text || text.length > settings.maxChars) {
        show(null, "");
        return;
      }
      var mine = ++serial;
      controller = window.AbortController ? new AbortController() : null;
      var url =
        endpoint + (endpoint.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text);
      fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (!response.ok || type.indexOf("application/json") < 0) return {};
          return response.json();
        })
        .then(function (data) {
          if (mine !== serial) return; /* a later keystroke asked again */
          show(data, text);
        })
        .catch(function () {
          /* aborted, offline or logged out: the box still submits */
          if (mine === serial) show(null, "");
        });
    }

    function askSoon() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(ask, settings.delay);
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
            settings.choose(options[active]);
          } else if (settings.enter) {
            settings.enter(event);
          }
          break;
        case "Escape":
        case "Esc":
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (settings.escape) {
            settings.escape(event);
          }
          break;
        case "Tab":
          close();
          break;
      }
    });

    /* A press on an option keeps the focus in the box; the click chooses it. */
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest ? event.target.closest("[role=option]") : null;
      if (option && list.contains(option)) settings.choose(option);
    });

    input.addEventListener("blur", close);
    input.addEventListener("focus", function () {
      if (options.length && input.value.trim() === asked) open();
    });

    return {
      close: close,
      /* Ask again now, even for the text asked last (Enter on a half-typed name). */
      askNow: function () {
        asked = null;
        ask();
      },
      /* Forget what was asked: the same text typed again asks again. */
      forget: function () {
        asked = null;
      },
      /* Empty the list and forget what was asked (after an option was chosen). */
      clear: function () {
        asked = null;
        options = [];
        list.textContent = "";
        close();
      },
    };
  }

  window.IntranetCombobox = { attach: attach };
})();
