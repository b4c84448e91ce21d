/*
 * The staff picker (intranet/staff_picker.py): the ARIA 1.2 combobox pattern,
 * as the header's search box (search-suggest.js).
 *
 * - Typing a name in kanji or kana, or a department, asks the server
 *   (data-pick-url) a short while after each `input` event, also while the
 *   IME composes; one's own section comes first.
 * - Up/Down move through the people (aria-activedescendant: focus stays in
 *   the box), Enter or a click adds the person as a chip, Escape closes the
 *   list (a second Escape clears the box). Keys pressed while the IME
 *   composes belong to the IME.
 * - Each chip has a remove button; a status line says who was added or removed.
 * - Enter in the box never sends the form by accident; in an empty box it
 *   does, as in any text box. The plain 「検索」 button, for use without
 *   JavaScript, is taken away.
 * - Names are written as text (textContent), never as HTML.
 */
(function () {
  "use strict";

  var DELAY_MS = 150;
  var MAX_CHARS = 50;

  function format(template, name, value) {
    return String(template || "").replace("{" + name + "}", value);
  }

  function setUp(root) {
    if (root.hasAttribute("data-staff-picker-ready")) return;
    root.setAttribute("data-staff-picker-ready", "");
    var input = root.querySelector(".staff-picker__combo input");
    var list = root.querySelector(".staff-picker__listbox");
    var chosen = root.querySelector(".staff-picker__chosen");
    var empty = root.querySelector(".staff-picker__empty");
    var status = root.querySelector("[data-staff-picker-status]");
    var endpoint = root.getAttribute("data-pick-url");
    var name = root.getAttribute("data-name");
    if (!input || !list || !chosen || !endpoint || !name || !window.fetch) return;

    var timer = null;
    var controller = null;
    var serial = 0;
    var asked = null;
    var options = [];
    var active = -1;

    var button = root.querySelector(".staff-picker__search");
    if (button) button.remove();
    /* What is typed is only for finding people; it is not sent with the form. */
    input.removeAttribute("name");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function say(text) {
      if (!status) return;
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = text;
      }, 50);
    }

    function chosenIds() {
      var ids = {};
      chosen.querySelectorAll("input[name]").forEach(function (field) {
        ids[field.value] = true;
      });
      return ids;
    }

    function updateEmpty() {
      if (empty) empty.hidden = chosen.children.length > 0;
    }

    function addChip(id, label) {
      var item = document.createElement("li");
      item.className = "staff-picker__chip";
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = name;
      field.value = String(id);
      var text = document.createElement("span");
      text.className = "staff-picker__name";
      text.textContent = label;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "staff-picker__remove";
      remove.setAttribute("aria-label", format(root.getAttribute("data-text-remove"), "name", label));
      remove.textContent = "×";
      remove.addEventListener("click", function () {
        item.remove();
        updateEmpty();
        say(format(root.getAttribute("data-text-removed"), "name", label));
        input.focus();
      });
      item.appendChild(field);
      item.appendChild(text);
      item.appendChild(remove);
      chosen.appendChild(item);
      updateEmpty();
    }

    /* The people the server ticked become chips; unticked ones are let go. */
    Array.prototype.slice.call(chosen.children).forEach(function (item) {
      var box = item.querySelector("input[type=checkbox]");
      var label = item.querySelector(".staff-picker__name");
      item.remove();
      if (box && box.checked) addChip(box.value, label ? label.textContent : box.value);
    });
    updateEmpty();

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

    function choose(option) {
      addChip(option.getAttribute("data-id"), option.getAttribute("data-label"));
      say(format(root.getAttribute("data-text-added"), "name", option.getAttribute("data-label")));
      input.value = "";
      asked = null;
      options = [];
      list.textContent = "";
      close();
      input.focus();
    }

    function render(people, text) {
      list.textContent = "";
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      var taken = chosenIds();
      people.forEach(function (person) {
        if (!person || typeof person.label !== "string" || taken[String(person.id)]) return;
        var option = document.createElement("div");
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.id = list.id + "-option-" + options.length;
        option.className = "staff-picker__option";
        option.setAttribute("data-id", String(person.id));
        option.setAttribute("data-label", person.label);
        var who = document.createElement("span");
        who.className = "staff-picker__option-name";
        who.textContent = String(person.name || person.label);
        var where = document.createElement("span");
        where.className = "staff-picker__option-department";
        where.textContent = String(person.department || "");
        option.appendChild(who);
        option.appendChild(where);
        list.appendChild(option);
        options.push(option);
      });
      if (options.length && document.activeElement === input) open();
      else close();
      if (text) {
        say(
          options.length
            ? format(root.getAttribute("data-text-count"), "count", String(options.length))
            : root.getAttribute("data-text-none")
        );
      }
    }

    function ask() {
      var text = input.value.trim();
      if (text === asked) return;
      asked = text;
      if (controller) controller.abort();
      controller = null;
      if (!text || text.length > MAX_CHARS) {
        render([], "");
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
          if (!response.ok || type.indexOf("application/json") < 0) return { results: [] };
          return response.json();
        })
        .then(function (data) {
          if (mine !== serial) return; /* a later keystroke asked again */
          render(Array.isArray(data && data.results) ? data.results : [], text);
        })
        .catch(function () {
          if (mine === serial) render([], "");
        });
    }

    function askSoon() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    }

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
          } else if (input.value.trim()) {
            event.preventDefault(); /* a half-typed name does not send the form */
            asked = null;
            ask();
          }
          break;
        case "Escape":
        case "Esc":
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            asked = null;
          }
          break;
        case "Tab":
          close();
          break;
      }
    });

    /* A press on an option keeps the focus in the box; the click adds the person. */
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
  }

  document.querySelectorAll("[data-staff-picker]").forEach(setUp);
})();
