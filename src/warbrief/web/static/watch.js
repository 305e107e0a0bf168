// "Watch this": turn the prefilled form of /watches into POST /api/watches (needs a token).
(function () {
  "use strict";
  var form = document.getElementById("watch-form");
  if (!form) return;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var f = new FormData(form);
    var get = function (k) { var v = f.get(k); return v && String(v).trim() ? String(v).trim() : null; };
    var body = { name: get("name") };
    if (get("list")) body.list = get("list");
    if (get("from_search")) {
      body.documents = { words: get("from_search") };
      if (get("source")) body.documents.source = get("source");
    } else if (get("speaker")) {
      body.claims = { speaker: get("speaker") };
      if (get("source")) body.claims.source = get("source");
    } else {
      var e = {};
      if (get("place")) e.place = get("place");
      if (get("radius")) e.radius_km = parseFloat(get("radius"));
      if (get("type")) e.types = get("type").split(",");
      if (get("actor")) e.actor = get("actor");
      if (get("source")) e.source = get("source");
      body.events = e;
    }
    var out = document.getElementById("watch-result");
    fetch(form.dataset.api, {
      method: "POST",
      headers: { "content-type": "application/json", "authorization": "Bearer " + get("token") },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        out.textContent = res[0] ? "Added: its feed is " + res[1].data.feed : res[1].error.message;
        if (res[0]) window.location.assign("/watches#watch-" + body.name);
      })
      .catch(function (err) { out.textContent = String(err); });
  });
})();
