// disclint review page: filters, sorting, identity highlighting. No network, no libraries.
(function () {
  "use strict";
  var badges = Array.prototype.slice.call(document.querySelectorAll("sup.fb"));
  var byId = {};
  badges.forEach(function (b) { byId[b.dataset.fid] = b; });
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input.sev-filter"));
  var codeSel = document.getElementById("code-filter");

  function wanted(b) {
    var sevs = {};
    sevBoxes.forEach(function (x) { if (x.checked) sevs[x.value] = true; });
    return !!sevs[b.dataset.sev] && (!codeSel.value || codeSel.value === b.dataset.code);
  }

  function apply() {
    var on = {}, shown = 0, files = {};
    badges.forEach(function (b) {
      var ok = wanted(b);
      on[b.dataset.fid] = ok;
      b.classList.toggle("off", !ok);
      if (ok) { shown += 1; files[b.dataset.file] = true; }
    });
    document.querySelectorAll("mark.hl").forEach(function (m) {
      var any = m.dataset.f.split(" ").some(function (f) { return on[f]; });
      m.classList.toggle("muted", !any);
    });
    document.querySelectorAll("li.finding").forEach(function (li) {
      li.classList.toggle("off", !on[li.dataset.fid]);
    });
    var narrowed = !!codeSel.value || sevBoxes.some(function (x) { return !x.checked; });
    document.querySelectorAll("#overview-table tbody tr").forEach(function (tr) {
      tr.classList.toggle("off", narrowed && !files[tr.dataset.file]);
    });
    document.getElementById("shown-count").textContent = "显示 " + shown + " / " + badges.length + " 条发现";
  }
  sevBoxes.forEach(function (x) { x.addEventListener("change", apply); });
  codeSel.addEventListener("change", apply);

  // overview: click a heading to sort (again to reverse)
  document.querySelectorAll("#overview-table th[data-sort]").forEach(function (th, _i) {
    th.addEventListener("click", function () {
      var col = Array.prototype.indexOf.call(th.parentNode.children, th);
      var body = document.querySelector("#overview-table tbody");
      var rows = Array.prototype.slice.call(body.rows);
      var dir = th.dataset.dir === "asc" ? -1 : 1;
      th.dataset.dir = dir === 1 ? "asc" : "desc";
      var num = th.dataset.sort === "num";
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
        if (num) return dir * ((+x || 0) - (+y || 0));
        return dir * x.localeCompare(y, "zh");
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  // a failing identity: light up the cells it involves
  document.querySelectorAll("li[data-fail]").forEach(function (li) {
    var grid = li.closest(".grid-wrap");
    function lit(on) {
      grid.querySelectorAll("td.fail").forEach(function (td) {
        if ((" " + td.dataset.failing + " ").indexOf(" " + li.dataset.fail + " ") >= 0) td.classList.toggle("lit", on);
      });
    }
    li.addEventListener("mouseenter", function () { lit(true); });
    li.addEventListener("mouseleave", function () { lit(false); });
  });
  apply();
  // the page is ready for the reader: the browser test measures the time to here
  if (window.performance && performance.mark) performance.mark("disclint-ready");
})();
