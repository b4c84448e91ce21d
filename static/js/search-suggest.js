/*
 * Suggestions under the header's search box (the ARIA 1.2 combobox pattern,
 * combobox.js).
 *
 * - The box asks the server (data-suggest-url on its form) for FAQ titles and
 *   popular searches as one types, also while the IME is still composing:
 *   ぱすわ typed before it is converted already shows パスワードを忘れた.
 * - Up/Down move through the options, Enter opens the chosen one, Escape
 *   closes the list, a click or a tap opens an option. Keys pressed while the
 *   IME composes belong to the IME.
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
  if (!input || !list || !input.form || !window.fetch || !window.IntranetCombobox) return;
  var form = input.form;
  var endpoint = form.getAttribute("data-suggest-url");
  if (!endpoint) return;

  function sameSite(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch (error) {
      return false;
    }
  }

  var combo;

  function choose(option) {
    var url = option.getAttribute("data-url");
    combo.close();
    if (url && sameSite(url)) window.location.assign(url);
  }

  function render(data) {
    var groups = Array.isArray(data && data.groups) ? data.groups : [];
    var options = [];
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
    return options;
  }

  /* Enter with no option chosen: the form submits what was typed. */
  combo = window.IntranetCombobox.attach(input, list, {
    endpoint: endpoint,
    delay: DELAY_MS,
    maxChars: MAX_CHARS,
    render: render,
    choose: choose,
  });
  form.addEventListener("submit", combo.close);
})();
