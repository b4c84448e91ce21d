/*
 * The report form saves itself: a few seconds after the writer stops typing,
 * every field (files aside) is posted to the draft's autosave address and the
 * time it was saved is shown. As the title and what happened are typed,
 * similar published cases are fetched (at most every few seconds) and shown
 * beside the form, each with a box to tick it as related. Without this script
 * the 「下書き保存」 and 「似た事例を探す」 buttons do the same.
 */
(function () {
  "use strict";
  var SAVE_AFTER_MS = 3000;
  var SIMILAR_AFTER_MS = 1500;
  var SIMILAR_EVERY_MS = 5000;

  var form = document.getElementById("report-form");
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector("[data-autosave-status]");
  var similarBox = document.getElementById("similar-cases");
  var saveTimer = null;
  var similarTimer = null;
  var lastSimilar = 0;
  var dirty = false;

  function fieldsOnly() {
    var data = new FormData(form);
    data.delete("files");
    return data;
  }

  function save(keepalive) {
    if (!dirty) return;
    dirty = false;
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: fieldsOnly(),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      keepalive: !!keepalive,
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        if (status) status.textContent = data.message;
      })
      .catch(function () {
        dirty = true; /* tried again at the next change, or by the button */
      });
  }

  function similar() {
    lastSimilar = Date.now();
    var data = new FormData();
    ["csrfmiddlewaretoken", "title", "what_happened"].forEach(function (name) {
      var field = form.elements[name];
      if (field) data.append(name, field.value);
    });
    form.querySelectorAll("input[name=related_cases]:checked").forEach(function (box) {
      data.append("related_cases", box.value);
    });
    fetch(form.dataset.similarUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        similarBox.innerHTML = html; /* the server's escaped fragment */
      })
      .catch(function () { /* the button still works */ });
  }

  function changed(event) {
    if (event.target.type === "file") return;
    dirty = true;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_AFTER_MS);
    var name = event.target.name;
    if (similarBox && (name === "title" || name === "what_happened")) {
      clearTimeout(similarTimer);
      var wait = Math.max(SIMILAR_AFTER_MS, SIMILAR_EVERY_MS - (Date.now() - lastSimilar));
      similarTimer = setTimeout(similar, wait);
    }
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") save(true);
  });
})();
