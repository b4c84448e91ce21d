/*
 * A page that answers a form with something to read first (the 質問箱's
 * matching FAQs) marks it with data-focus-on-load and tabindex="-1"; focus
 * moves there, so a screen reader reads it and the keyboard goes on from it.
 */
(function () {
  "use strict";
  var target = document.querySelector("[data-focus-on-load]");
  if (target) target.focus();
})();
