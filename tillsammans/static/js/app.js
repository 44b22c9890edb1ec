// Small progressive enhancements; the pages work without JavaScript.
(function () {
  // A wide table scrolls inside its own labelled region that the keyboard can reach, never the
  // page. Templates wrap tables with {% scrollregion %}; this wraps any table a template left bare.
  function wrapTables(root) {
    root.querySelectorAll("main table").forEach(function (table) {
      if (table.parentElement.closest(".table-scroll")) { return; }
      var caption = table.querySelector("caption");
      var heading = document.querySelector("main h1");
      var label = caption ? caption.textContent : (heading ? heading.textContent : document.title);
      var region = document.createElement("div");
      region.className = "table-scroll";
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", label.trim());
      region.tabIndex = 0;
      table.parentNode.insertBefore(region, table);
      region.appendChild(table);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    wrapTables(document);
    document.body.addEventListener("htmx:afterSettle", function () { wrapTables(document); });
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
      // A link in the error summary moves focus to the field (a group's first input) and shows
      // the field's label or legend with it.
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        if (!link) { return; }
        var input = document.getElementById(link.getAttribute("href").slice(1));
        if (!input) { return; }
        event.preventDefault();
        var holder = input.closest("fieldset") || input.closest(".field") || input;
        holder.scrollIntoView();
        input.focus({ preventScroll: true });
      });
    }
    document.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
  });
})();
