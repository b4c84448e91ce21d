/* The booking form shows only the fields that fit the resource chosen: equipment for a
   meeting room, destination and driver for a vehicle. Without this script the page
   shows them after the form comes back; the server ignores what does not fit. */
(function () {
  "use strict";
  var select = document.querySelector("form.booking-form select[name=resource]");
  if (!select) { return; }
  var parts = document.querySelectorAll("[data-for-kind]");

  function update() {
    var option = select.options[select.selectedIndex];
    var kind = option ? option.getAttribute("data-kind") : null;
    Array.prototype.forEach.call(parts, function (part) {
      var misfit = Boolean(kind) && part.getAttribute("data-for-kind") !== kind;
      part.hidden = misfit && !part.querySelector(".error");
    });
  }

  select.addEventListener("change", update);
  update();
})();
