/* On a phone the board's filters take a screen's height above the notices: fold them
   behind their summary, unless a filter is set. Wide screens and browsers without
   JavaScript keep them open. Loaded right after the panel, so it folds before it is drawn. */
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 40rem)").matches) { return; }
  document.querySelectorAll("details.filter-fold:not([data-filter-set])").forEach(function (panel) {
    panel.open = false;
  });
})();
