/* 「確認しました」 without a page reload; the form still works without this script. */
(function () {
  "use strict";
  document.querySelectorAll("[data-confirm-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) {
          var status = form.parentNode.querySelector("[data-confirm-status]");
          status.textContent = data.message;
          form.remove();
          status.setAttribute("tabindex", "-1");
          status.focus();
        })
        .catch(function () {
          form.submit(); // let the server answer the plain way
        });
    });
  });
})();
