// Search page: clicking a histogram bar narrows the search to that day.
(function () {
  "use strict";
  var svg = document.querySelector("svg.histogram");
  if (!svg) return;
  svg.addEventListener("click", function (e) {
    var since = e.target && e.target.getAttribute && e.target.getAttribute("data-since");
    if (!since) return;
    var form = document.getElementById("search-form");
    form.elements.since.value = since;
    form.elements.until.value = e.target.getAttribute("data-until") || since;
    form.submit();
  });
})();
