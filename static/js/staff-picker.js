/*
 * The staff picker (intranet/staff_picker.py): the ARIA 1.2 combobox pattern
 * (combobox.js), as the header's search box (search-suggest.js).
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
    if (!window.IntranetCombobox) return;

    var button = root.querySelector(".staff-picker__search");
    if (button) button.remove();
    /* What is typed is only for finding people; it is not sent with the form. */
    input.removeAttribute("name");

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

    var combo;

    function choose(option) {
      addChip(option.getAttribute("data-id"), option.getAttribute("data-label"));
      say(format(root.getAttribute("data-text-added"), "name", option.getAttribute("data-label")));
      input.value = "";
      combo.clear();
      input.focus();
    }

    function render(data) {
      var people = Array.isArray(data && data.results) ? data.results : [];
      var options = [];
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
      return options;
    }

    function rendered(count, text) {
      if (!text) return;
      say(
        count
          ? format(root.getAttribute("data-text-count"), "count", String(count))
          : root.getAttribute("data-text-none")
      );
    }

    combo = window.IntranetCombobox.attach(input, list, {
      endpoint: endpoint,
      delay: DELAY_MS,
      maxChars: MAX_CHARS,
      render: render,
      choose: choose,
      rendered: rendered,
      enter: function (event) {
        if (!input.value.trim()) return; /* an empty box sends the form */
        event.preventDefault(); /* a half-typed name does not send the form */
        combo.askNow();
      },
      escape: function (event) {
        if (!input.value) return;
        event.preventDefault(); /* a second Escape clears the box */
        input.value = "";
        combo.forget();
      },
    });
  }

  document.querySelectorAll("[data-staff-picker]").forEach(setUp);
})();
