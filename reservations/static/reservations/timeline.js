/* The day timeline: drag across free slots of one row (or Shift + arrow keys, then
   Enter) to book the whole span. Every free slot is already a link to book its
   quarter hour, so the page works without this script. */
(function () {
  "use strict";
  var table = document.querySelector("[data-timeline]");
  if (!table) { return; }
  var status = document.querySelector("[data-timeline-status]");
  var template = table.getAttribute("data-selection-text") || "";
  var anchor = null;
  var selection = [];
  var dragging = false;
  var swallowClick = false;

  function freeLink(element) {
    var link = element && element.closest ? element.closest("td.tl-free > a") : null;
    return link && table.contains(link) ? link : null;
  }

  function label(link) {
    var row = link.closest("tr");
    var name = row.querySelector("th[scope=row] a");
    return name ? name.textContent.trim() : "";
  }

  function timeOf(iso) { return iso.slice(11, 16).replace(/^0/, ""); }

  /* The free links from ``from`` towards ``to`` in one row, stopping before anything not free. */
  function run(from, to) {
    var row = from.closest("tr");
    if (to.closest("tr") !== row) { return [from]; }
    var cells = Array.prototype.slice.call(row.children);
    var start = cells.indexOf(from.parentNode);
    var end = cells.indexOf(to.parentNode);
    var step = end >= start ? 1 : -1;
    var links = [];
    for (var index = start; ; index += step) {
      var cell = cells[index];
      if (!cell || !cell.classList.contains("tl-free")) { break; }
      links.push(cell.firstElementChild);
      if (index === end) { break; }
    }
    if (step < 0) { links.reverse(); }
    return links;
  }

  function clear() {
    selection.forEach(function (link) { link.parentNode.classList.remove("is-selected"); });
    selection = [];
    if (status) { status.textContent = ""; }
  }

  function select(links) {
    clear();
    selection = links;
    links.forEach(function (link) { link.parentNode.classList.add("is-selected"); });
    if (status && links.length > 1) {
      status.textContent = template
        .replace("{resource}", label(links[0]))
        .replace("{start}", timeOf(links[0].getAttribute("data-start")))
        .replace("{end}", timeOf(links[links.length - 1].getAttribute("data-end")));
    }
  }

  function spanAddress(links) {
    var first = links[0];
    if (first.getAttribute("href") === "#") { return null; }
    var address = new URL(first.href, window.location.href);
    address.searchParams.set("end", links[links.length - 1].getAttribute("data-end"));
    return address.toString();
  }

  function book(links) {
    var address = spanAddress(links);
    if (address) { window.location.assign(address); }
  }

  table.addEventListener("dragstart", function (event) {
    if (freeLink(event.target)) { event.preventDefault(); }
  });

  table.addEventListener("mousedown", function (event) {
    var link = freeLink(event.target);
    if (!link || event.button !== 0) { return; }
    event.preventDefault(); // no text selection while dragging
    dragging = true;
    anchor = link;
    select([link]);
  });

  table.addEventListener("mouseover", function (event) {
    if (!dragging) { return; }
    var link = freeLink(event.target);
    if (link) { select(run(anchor, link)); }
  });

  document.addEventListener("mouseup", function () {
    if (!dragging) { return; }
    dragging = false;
    if (selection.length > 1) {
      swallowClick = true;
      window.setTimeout(function () { swallowClick = false; }, 0);
      book(selection);
    } else {
      clear();
    }
  });

  table.addEventListener("click", function (event) {
    if (swallowClick) {
      swallowClick = false;
      event.preventDefault();
    }
  }, true);

  table.addEventListener("keydown", function (event) {
    var link = freeLink(event.target);
    if (!link) { return; }
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      var cell = link.parentNode;
      var next = event.key === "ArrowRight" ? cell.nextElementSibling : cell.previousElementSibling;
      if (!next || !next.classList.contains("tl-free")) { return; }
      event.preventDefault();
      var target = next.firstElementChild;
      if (event.shiftKey) {
        if (!anchor || anchor.closest("tr") !== link.closest("tr") || selection.indexOf(link) < 0) {
          anchor = link;
        }
        select(run(anchor, target));
      } else {
        anchor = null;
        clear();
      }
      target.focus();
    } else if (event.key === "Enter" && selection.length > 1 && selection.indexOf(link) >= 0) {
      event.preventDefault();
      book(selection);
    } else if (event.key === "Escape") {
      anchor = null;
      clear();
    }
  });
})();
