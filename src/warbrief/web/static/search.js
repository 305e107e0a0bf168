// Search page: clicking a histogram bar narrows the search to that day.
(function () {
  "use strict";
  var svg = document.querySelector("svg.histogram");
  if (!svg) return;
  svg.addEventListener("click", function (e) {
    var day = e.target && e.target.getAttribute && e.target.getAttribute("data-day");
    if (!day) return;
    var form = document.getElementById("search-form");
    form.elements.since.value = day;
    form.elements.until.value = day;
    form.submit();
  });
})();
