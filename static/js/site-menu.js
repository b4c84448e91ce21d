/*
 * The header's 「メニュー」 button (templates/includes/header.html): on a narrow
 * screen the main navigation and the account links fold behind it, so the
 * header leaves the page its room. A disclosure: the button says whether the
 * menu is open (aria-expanded), Escape closes it and gives the button focus.
 * Without this script the button stays hidden and everything stays open; on a
 * wide screen the stylesheet hides the button and shows the menu anyway.
 */
(function () {
  "use strict";
  var header = document.querySelector("[data-site-menu]");
  var button = header && header.querySelector(".site-menu-button");
  if (!button) return;

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("site-header--menu-closed", !open);
  }

  setOpen(false);
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    var inMenu = event.target.closest("#site-nav, #site-account, .site-menu-button");
    if (event.key === "Escape" && inMenu && button.getAttribute("aria-expanded") === "true"
        && button.offsetParent !== null) {
      setOpen(false);
      button.focus();
    }
  });
})();
