/*
 * The idle timeout, told in time (WCAG 2.2.1) and without losing typed text.
 *
 * - A staff page's <body> says how many seconds the session has left. A
 *   dialog warns data-session-warning-seconds before the end and offers to
 *   stay logged in (a POST that renews the session); another says when the
 *   session has ended and links to the login page.
 * - What is typed into a posted form (never a form with a password field) is
 *   kept in this tab's sessionStorage, keyed by page and field. A submission
 *   that reaches a logged-in page drops its drafts; one that was turned away
 *   to the login page keeps them, and after logging in again the page puts
 *   them back into its empty fields.
 */
(function () {
  "use strict";

  var DRAFT_PREFIX = "intranet-draft:";
  var KEPT_TYPES = /^(text|search|email|url|tel|number|date)$/;
  var body = document.body;
  var loggedIn = body.hasAttribute("data-session-seconds-left");

  function readDraft(key) {
    try {
      return JSON.parse(sessionStorage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function writeDraft(key, draft) {
    try {
      sessionStorage.setItem(key, JSON.stringify(draft));
    } catch (error) {
      /* storage full or disabled: the form still works, only without a draft */
    }
  }

  function draftKeys() {
    var keys = [];
    for (var i = 0; i < sessionStorage.length; i++) {
      var key = sessionStorage.key(i);
      if (key && key.indexOf(DRAFT_PREFIX) === 0) keys.push(key);
    }
    return keys;
  }

  function keptFields() {
    var fields = [];
    document.querySelectorAll("form").forEach(function (form) {
      if ((form.getAttribute("method") || "").toLowerCase() !== "post") return;
      if (form.querySelector("input[type=password]")) return;
      form.querySelectorAll("textarea, input").forEach(function (field) {
        if (!field.name || field.disabled) return;
        if (field.tagName === "INPUT" && !KEPT_TYPES.test(field.type)) return;
        var key = DRAFT_PREFIX + location.pathname + "|" + (form.getAttribute("action") || "") + "|" + field.name;
        fields.push({ form: form, field: field, key: key });
      });
    });
    return fields;
  }

  function settleDrafts() {
    draftKeys().forEach(function (key) {
      var draft = readDraft(key);
      if (!draft || !draft.submitted) return;
      if (loggedIn) {
        sessionStorage.removeItem(key); /* the submission got through */
      } else {
        draft.submitted = false; /* turned away to the login page: keep it */
        writeDraft(key, draft);
      }
    });
  }

  function keepDrafts() {
    var restored = false;
    var fields = keptFields();
    fields.forEach(function (entry) {
      var draft = readDraft(entry.key);
      if (loggedIn && draft && draft.value && !entry.field.value) {
        entry.field.value = draft.value;
        restored = true;
      }
      entry.field.addEventListener("input", function () {
        writeDraft(entry.key, { value: entry.field.value, submitted: false });
      });
    });
    document.addEventListener("submit", function (event) {
      fields.forEach(function (entry) {
        if (entry.form === event.target && entry.field.value) {
          writeDraft(entry.key, { value: entry.field.value, submitted: true });
        }
      });
    });
    var notice = document.getElementById("draft-restored");
    if (restored && notice) notice.hidden = false;
  }

  function watchTimeout() {
    var warning = document.getElementById("session-warning");
    var ended = document.getElementById("session-ended");
    if (!warning || !ended) return;
    var warnBefore = Number(body.getAttribute("data-session-warning-seconds")) || 0;
    var timers = [];

    function schedule(secondsLeft) {
      timers.forEach(clearTimeout);
      timers = [
        setTimeout(warn, Math.max(0, secondsLeft - warnBefore) * 1000),
        setTimeout(end, secondsLeft * 1000),
      ];
    }
    function warn() {
      if (!warning.open && !ended.open) warning.showModal();
    }
    function end() {
      timers.forEach(clearTimeout);
      if (warning.open) warning.close();
      if (!ended.open) ended.showModal();
    }
    function extend() {
      fetch(body.getAttribute("data-session-extend-url"), {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual", /* a redirect means the login page: the session is gone */
        headers: { "X-CSRFToken": body.getAttribute("data-csrf-token"), Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error("session ended");
          return response.json();
        })
        .then(function (data) {
          warning.close();
          schedule(data.seconds_left);
        })
        .catch(end);
    }

    warning.querySelector("[data-session-extend]").addEventListener("click", extend);
    warning.addEventListener("cancel", function (event) {
      event.preventDefault(); /* Escape means "stay logged in" too */
      extend();
    });
    schedule(Number(body.getAttribute("data-session-seconds-left")));
  }

  settleDrafts();
  keepDrafts();
  if (loggedIn) watchTimeout();
})();
