// Document page: bring the selected sentence (class "hl") into view.
(function () {
  "use strict";
  var hl = document.querySelector(".text .hl");
  if (hl && !location.hash) hl.scrollIntoView({ block: "center" });
})();
