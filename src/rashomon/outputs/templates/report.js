(function () {
  "use strict";
  // Filters: hide incidents (articles, overview rows, map points) by country, date range and verdict.
  var bar = document.getElementById("filters");
  var country = document.getElementById("f-country");
  var from = document.getElementById("f-from");
  var to = document.getElementById("f-to");
  var status = document.getElementById("f-status");
  var count = document.getElementById("f-count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("article.incident[data-incident]"));
  var all = Array.prototype.slice.call(document.querySelectorAll("[data-incident]"));

  function words(el, name) {
    var v = el.getAttribute(name) || "";
    return v ? v.split(" ") : [];
  }
  function matches(el) {
    var c = country.value, f = from.value, t = to.value, s = status.value;
    if (c && words(el, "data-countries").indexOf(c) < 0) return false;
    if (s && words(el, "data-statuses").indexOf(s) < 0) return false;
    var start = el.getAttribute("data-start"), end = el.getAttribute("data-end") || start;
    if ((f || t) && !start) return false;
    if (f && end < f) return false;
    if (t && start > t) return false;
    return true;
  }
  function apply() {
    var shown = {};
    rows.forEach(function (a) { shown[a.getAttribute("data-incident")] = matches(a); });
    all.forEach(function (el) {
      var on = shown[el.getAttribute("data-incident")] !== false;
      if (on) { el.removeAttribute("hidden"); el.classList.remove("off"); }
      else if (el.namespaceURI === "http://www.w3.org/2000/svg") { el.classList.add("off"); }
      else { el.setAttribute("hidden", ""); }
    });
    var n = rows.filter(function (a) { return shown[a.getAttribute("data-incident")]; }).length;
    count.textContent = n + " of " + rows.length + " incidents shown";
  }
  if (bar && country && from && to && status && count) {
    bar.removeAttribute("hidden");
    [country, from, to, status].forEach(function (el) {
      el.addEventListener("change", apply);
      el.addEventListener("input", apply);
    });
    document.getElementById("f-reset").addEventListener("click", function () {
      country.value = ""; from.value = ""; to.value = ""; status.value = ""; apply();
    });
  }

  // Landing on a claim: highlight every piece of its passage and open the document that holds it.
  function focusClaim() {
    var id = decodeURIComponent(location.hash.slice(1));
    Array.prototype.forEach.call(document.querySelectorAll("mark.active"), function (m) {
      m.classList.remove("active");
    });
    if (id.indexOf("claim-") !== 0) return;
    var anchor = document.getElementById(id);
    if (!anchor) return;
    var box = anchor.closest("details");
    if (box) box.open = true;
    Array.prototype.forEach.call(document.querySelectorAll("mark[data-c]"), function (m) {
      if (words(m, "data-c").indexOf(id) >= 0) m.classList.add("active");
    });
    anchor.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", focusClaim);
  focusClaim();
})();
