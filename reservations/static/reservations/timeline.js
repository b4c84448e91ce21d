/* The day timeline: drag across free slots of one row (or Shift + arrow keys, then
   Enter) to book the whole span. Every free slot is already a link to book its
   quarter hour, so the page works without this script.

   With the script the table is one tab stop (the ARIA grid pattern, roving
   tabindex): the arrow keys move between quarter hours and rooms, Home and End to
   the first and last cell of a row (with Ctrl, of the table), Enter opens the
   slot, booking or room. A closed span is a cell of its own that takes focus, so
   its reason (the cell's text) is read out; a mouse still sees it on hover. */
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

  /* The keyboard grid ----------------------------------------------------- */

  var rows = Array.prototype.filter.call(table.querySelectorAll("tbody tr"), function (row) {
    return row.hasAttribute("data-resource");
  });
  var current = null;
  var column = 0; // the time column kept while moving up and down over long blocks

  /* What takes focus in a cell: its link, or the cell itself (a closed span). */
  function target(cell) {
    return cell.querySelector("a") || cell;
  }

  /* The cells of a row with the columns each covers: the room's name is column 0. */
  function items(row) {
    var list = [];
    var start = 0;
    Array.prototype.forEach.call(row.children, function (cell) {
      var span = cell.colSpan || 1;
      list.push({ cell: cell, start: start, end: start + span });
      start += span;
    });
    return list;
  }

  function position(element) {
    var cell = element && element.closest ? element.closest("td, th") : null;
    var row = cell ? cell.parentNode : null;
    var rowIndex = rows.indexOf(row);
    if (rowIndex < 0) { return null; }
    var list = items(row);
    for (var index = 0; index < list.length; index += 1) {
      if (list[index].cell === cell) {
        return { rowIndex: rowIndex, list: list, index: index };
      }
    }
    return null;
  }

  function makeCurrent(element) {
    if (current && current !== element) { current.setAttribute("tabindex", "-1"); }
    current = element;
    current.setAttribute("tabindex", "0");
  }

  function moveTo(item) {
    if (!item) { return; }
    var element = target(item.cell);
    makeCurrent(element);
    element.focus();
  }

  function inColumn(rowIndex, wanted) {
    var list = items(rows[rowIndex]);
    for (var index = 0; index < list.length; index += 1) {
      if (wanted < list[index].end) { return list[index]; }
    }
    return list[list.length - 1];
  }

  function startGrid() {
    if (!rows.length) { return; }
    table.setAttribute("role", "grid");
    var hint = document.getElementById("tl-hint");
    if (hint) { table.setAttribute("aria-describedby", hint.id); }
    rows.forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell) {
        target(cell).setAttribute("tabindex", "-1");
      });
    });
    var first = table.querySelector("td.tl-free > a") || target(rows[0].children[0]);
    makeCurrent(first);
    var here = position(first);
    column = here ? here.list[here.index].start : 0;
  }

  table.addEventListener("focusin", function (event) {
    var here = position(event.target);
    if (!here) { return; }
    makeCurrent(target(here.list[here.index].cell));
    column = here.list[here.index].start;
  });

  function extend(link, key) {
    var cell = link.parentNode;
    var next = key === "ArrowRight" ? cell.nextElementSibling : cell.previousElementSibling;
    if (!next || !next.classList.contains("tl-free")) { return; }
    var following = next.firstElementChild;
    if (!anchor || anchor.closest("tr") !== link.closest("tr") || selection.indexOf(link) < 0) {
      anchor = link;
    }
    select(run(anchor, following));
    makeCurrent(following);
    following.focus();
  }

  table.addEventListener("keydown", function (event) {
    var here = position(event.target);
    if (!here) { return; }
    var link = freeLink(event.target);
    var key = event.key;
    var item = here.list[here.index];
    if ((key === "ArrowRight" || key === "ArrowLeft") && event.shiftKey) {
      if (link) {
        event.preventDefault();
        extend(link, key);
      }
      return;
    }
    var destination = null;
    if (key === "ArrowRight") {
      destination = here.list[here.index + 1];
    } else if (key === "ArrowLeft") {
      destination = here.list[here.index - 1];
    } else if (key === "ArrowDown" || key === "ArrowUp") {
      var rowIndex = here.rowIndex + (key === "ArrowDown" ? 1 : -1);
      if (rowIndex >= 0 && rowIndex < rows.length) {
        event.preventDefault();
        var wanted = column;
        destination = inColumn(rowIndex, wanted);
        moveTo(destination);
        column = wanted;
        anchor = null;
        clear();
      }
      return;
    } else if (key === "Home" || key === "End") {
      var list = event.ctrlKey ? items(rows[key === "Home" ? 0 : rows.length - 1]) : here.list;
      destination = key === "Home" ? list[0] : list[list.length - 1];
    } else if (key === "Enter" && link && selection.length > 1 && selection.indexOf(link) >= 0) {
      event.preventDefault();
      book(selection);
      return;
    } else if (key === "Escape") {
      anchor = null;
      clear();
      return;
    } else {
      return;
    }
    event.preventDefault();
    if (destination && destination !== item) {
      anchor = null;
      clear();
      moveTo(destination);
    }
  });

  startGrid();
})();
