// dateline pages: the article reader, the map's optional tiles, ingest progress.
// Served as a file (the Content-Security-Policy forbids inline scripts). Data from the
// store is only ever written with textContent, never innerHTML: article text is untrusted.
"use strict";

(function () {
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  // ------------------------------------------------------------------ article reader
  var FIELDS = { event: "events", quote: "quotes", figure: "figures", timex: "timexes",
                 place: "places", entity: "entities" };
  var TITLES = { event: "Event", quote: "Quote", figure: "Figure", timex: "Date",
                 place: "Place", entity: "Name", target: "The words you came for" };

  function initReader(body) {
    var record = null, pending = null;
    var panel = document.getElementById("detail-body");

    function load() {
      if (record) return Promise.resolve(record);
      if (!pending) {
        pending = fetch(body.getAttribute("data-json"), { headers: { Accept: "application/json" } })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (rec) { record = rec; return rec; });
      }
      return pending;
    }

    function item(key) {
      var dash = key.lastIndexOf("-");
      var kind = key.slice(0, dash), idx = parseInt(key.slice(dash + 1), 10);
      var list = record && record[FIELDS[kind]];
      return { kind: kind, idx: idx, data: list ? list[idx] : null };
    }

    function describe(it) {
      var d = it.data, rows = [];
      if (!d) return rows;
      if (it.kind === "event") {
        rows.push(["date", (d.event_date || "?") + (d.time_precision > 1 ? (d.time_precision === 2 ? " (week)" : " (month)") : "")]);
        rows.push(["type", d.event_type], ["sub-type", d.sub_event_type], ["actor 1", d.actor1],
                  ["actor 2", d.actor2], ["place", [d.location, d.admin1, d.country].filter(Boolean).join(", ")],
                  ["coordinates", d.latitude != null ? d.latitude + ", " + d.longitude : null],
                  ["geo precision", d.geo_precision], ["fatalities", d.fatalities],
                  ["history", d.background ? "recalled, not reported news" : null]);
      } else {
        Object.keys(d).forEach(function (k) {
          if (k !== "start" && k !== "end" && k !== "text") {
            var v = d[k];
            rows.push([k.replace(/_/g, " "), Array.isArray(v) ? v.join("–") : v]);
          }
        });
      }
      return rows.filter(function (r) { return r[1] !== null && r[1] !== undefined && r[1] !== ""; });
    }

    function show(key, others) {
      Array.prototype.forEach.call(body.querySelectorAll(".hl.active"), function (n) { n.classList.remove("active"); });
      Array.prototype.forEach.call(body.querySelectorAll('[data-keys~="' + key + '"]'), function (n) { n.classList.add("active"); });
      panel.textContent = "";
      var it = key === "hl" ? { kind: "target", data: null } : item(key);
      panel.appendChild(el("h3", TITLES[it.kind] || it.kind));
      var quote = it.kind === "event" ? (it.data && it.data.evidence && it.data.evidence.text) : (it.data && it.data.text);
      if (quote) panel.appendChild(el("blockquote", quote));
      var dl = el("dl");
      describe(it).forEach(function (row) { dl.appendChild(el("dt", row[0])); dl.appendChild(el("dd", row[1])); });
      panel.appendChild(dl);
      if (others && others.length) {
        var also = el("div", null, "also");
        also.appendChild(el("span", "Also here: "));
        others.forEach(function (k) {
          var b = el("button", (TITLES[item(k).kind] || k) + " " + k.slice(k.lastIndexOf("-") + 1));
          b.type = "button";
          b.addEventListener("click", function () { show(k, others.filter(function (o) { return o !== k; }).concat([key])); });
          also.appendChild(b);
        });
        panel.appendChild(also);
      }
      var link = el("p", null, "hint");
      link.appendChild(el("span", "Permalink: "));
      var a = el("a", "#" + key);
      a.href = "#" + key;
      link.appendChild(a);
      panel.appendChild(link);
    }

    body.addEventListener("click", function (ev) {
      var span = ev.target.closest ? ev.target.closest(".hl") : null;
      if (!span || !body.contains(span)) return;
      var keys = (span.getAttribute("data-keys") || "").split(" ").filter(Boolean);
      var real = keys.filter(function (k) { return k !== "hl"; });
      var first = real.length ? real[0] : "hl";
      load().then(function () { show(first, real.slice(1)); }, function () {
        panel.textContent = "Could not load the article's data.";
      });
    });

    var target = body.getAttribute("data-target");
    var anchor = document.getElementById(location.hash.slice(1) || "-");
    if (target || anchor) {
      load().then(function () {
        var key = target || (anchor ? anchor.id : null);
        if (key && (key === "hl" || item(key).data)) show(key, []);
        var node = document.getElementById(location.hash.slice(1)) || document.getElementById("hl");
        if (node && node.scrollIntoView) node.scrollIntoView({ block: "center" });
      });
    }

    Array.prototype.forEach.call(document.querySelectorAll("#legend input[data-kind]"), function (box) {
      box.addEventListener("change", function () {
        document.body.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked);
      });
    });
  }

  // --------------------------------------------------------------- map tiles (opt-in)
  var TILE_URL = "https://tile.openstreetmap.org/";

  function initTiles(svg) {
    var box = document.getElementById("tiles-toggle");
    var credit = document.getElementById("tiles-credit");
    var layer = svg.querySelector("g.tiles");
    if (!box || !layer) return;
    var NS = "http://www.w3.org/2000/svg";

    function draw(on) {
      while (layer.firstChild) layer.removeChild(layer.firstChild);
      if (credit) credit.hidden = !on;
      if (!on) return;
      var z = parseInt(svg.getAttribute("data-zoom"), 10);
      var x0 = parseFloat(svg.getAttribute("data-x0")), y0 = parseFloat(svg.getAttribute("data-y0"));
      var w = parseFloat(svg.getAttribute("data-width")), h = parseFloat(svg.getAttribute("data-height"));
      var n = Math.pow(2, z);
      for (var tx = Math.floor(x0 / 256); tx <= Math.floor((x0 + w) / 256); tx++) {
        for (var ty = Math.max(0, Math.floor(y0 / 256)); ty <= Math.min(n - 1, Math.floor((y0 + h) / 256)); ty++) {
          var img = document.createElementNS(NS, "image");
          var wrapped = ((tx % n) + n) % n;
          img.setAttribute("href", TILE_URL + z + "/" + wrapped + "/" + ty + ".png");
          img.setAttribute("x", tx * 256 - x0);
          img.setAttribute("y", ty * 256 - y0);
          img.setAttribute("width", 256);
          img.setAttribute("height", 256);
          layer.appendChild(img);
        }
      }
    }

    var saved = false;
    try { saved = window.localStorage.getItem("dateline.tiles") === "on"; } catch (e) { saved = false; }
    box.checked = saved;
    draw(saved);
    box.addEventListener("change", function () {
      try { window.localStorage.setItem("dateline.tiles", box.checked ? "on" : "off"); } catch (e) { /* private mode */ }
      draw(box.checked);
    });
  }

  // ---------------------------------------------------------------- ingest progress
  function renderJob(job, bar, status, errors) {
    bar.max = job.total || 1;
    bar.value = job.done;
    status.textContent = job.state + " · " + job.done + " of " + job.total + " read · " + job.stored +
      " stored · " + job.duplicates + " duplicates · " + job.failed + " failed" +
      (job.message ? " · " + job.message : "");
    errors.textContent = "";
    (job.errors || []).forEach(function (e) {
      var li = el("li");
      li.appendChild(el("strong", e.file));
      li.appendChild(document.createTextNode(": " + e.reason + " [" + e.code + "]"));
      errors.appendChild(li);
    });
  }

  function poll(url, bar, status, errors, done) {
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        renderJob(job, bar, status, errors);
        if (job.finished) { if (done) done(job); } else { setTimeout(function () { poll(url, bar, status, errors, done); }, 400); }
      })
      .catch(function () { setTimeout(function () { poll(url, bar, status, errors, done); }, 1500); });
  }

  function initIngestForm(form) {
    var box = document.getElementById("ingest-progress");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var bar = document.getElementById("ingest-bar"), status = document.getElementById("ingest-status");
      var errors = document.getElementById("ingest-errors");
      box.hidden = false;
      status.textContent = "uploading…";
      errors.textContent = "";
      fetch("/api/ingest", { method: "POST", body: new FormData(form) })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (!res.ok) {
            status.textContent = res.body.detail || "refused";
            (res.body.errors || []).forEach(function (e) {
              var li = el("li");
              li.appendChild(el("strong", e.file));
              li.appendChild(document.createTextNode(": " + e.reason + " [" + e.code + "]"));
              errors.appendChild(li);
            });
            return;
          }
          form.reset();
          poll(res.body.url, bar, status, errors, null);
        })
        .catch(function (e) { status.textContent = "upload failed: " + e; });
    });
  }

  function initJob(node) {
    if (node.getAttribute("data-finished") === "yes") return;
    poll(node.getAttribute("data-json"), document.getElementById("job-bar"),
         document.getElementById("job-status"), document.getElementById("job-errors"), null);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("body");
    if (body && body.hasAttribute("data-json")) initReader(body);
    var map = document.getElementById("map");
    if (map) initTiles(map);
    var form = document.getElementById("ingest-form");
    if (form) initIngestForm(form);
    var job = document.getElementById("job");
    if (job) initJob(job);
  });
})();
