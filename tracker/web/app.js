// The agenda page: reads /api/events and /api/feeds and draws them. No framework, no network
// beyond this server. Every text from the database goes through textContent, never HTML.
(function () {
  "use strict";

  var page = new URLSearchParams(window.location.search);
  var token = page.get("token") || "";
  var zone = pickZone(page.get("tz"));
  var $ = function (id) { return document.getElementById(id); };

  function pickZone(asked) {
    var browser = "UTC";
    try { browser = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { /* old browser */ }
    if (!asked) { return { name: browser, note: "" }; }
    try {
      new Intl.DateTimeFormat("en", { timeZone: asked }).format(0);
      return { name: asked, note: "" };
    } catch (e) {
      return { name: browser, note: "Unknown zone \u201c" + asked + "\u201d; showing " + browser + "." };
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // YYYY-MM-DD of an instant in the viewer's zone.
  function localDay(instant) {
    var parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone.name, year: "numeric", month: "2-digit", day: "2-digit"
    }).formatToParts(new Date(instant));
    var get = function (type) { return parts.filter(function (p) { return p.type === type; })[0].value; };
    return get("year") + "-" + get("month") + "-" + get("day");
  }

  function dayLabel(day) {
    return new Intl.DateTimeFormat(undefined, {
      timeZone: "UTC", weekday: "long", year: "numeric", month: "long", day: "numeric"
    }).format(new Date(day + "T00:00:00Z"));
  }

  function shortDay(day) {
    return new Intl.DateTimeFormat(undefined, {
      timeZone: "UTC", weekday: "short", month: "short", day: "numeric"
    }).format(new Date(day + "T00:00:00Z"));
  }

  function clock(instant) {
    return new Intl.DateTimeFormat(undefined, {
      timeZone: zone.name, hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    }).format(new Date(instant));
  }

  function countdown(due, now) {
    var ms = Date.parse(due) - now;
    var past = ms < 0;
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600);
    var m = Math.floor(s % 3600 / 60), sec = s % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var text = (d ? d + "d " : "") + pad(h) + ":" + pad(m) + ":" + pad(sec);
    return past ? "passed " + text + " ago" : "in " + text;
  }

  function tick() {
    var now = Date.now();
    var nodes = document.querySelectorAll(".countdown");
    for (var i = 0; i < nodes.length; i++) {
      var due = nodes[i].getAttribute("data-due");
      nodes[i].textContent = countdown(due, now);
      nodes[i].classList.toggle("overdue", Date.parse(due) < now);
    }
  }

  function dayOf(event) {
    return event.all_day ? event.date : localDay(event.starts_at);
  }

  function flags(event) {
    var out = [];
    if (event.status !== "confirmed") { out.push(event.status); }
    if (event.disputed) { out.push("disputed"); }
    if (["week", "month", "quarter"].indexOf(event.precision) >= 0) { out.push("date is only known to the " + event.precision); }
    return out;
  }

  function eventItem(event) {
    var li = el("li", "event");
    li.setAttribute("data-category", event.category);
    li.setAttribute("data-uid", event.uid);
    if (event.action_deadline) { li.classList.add("deadline"); }
    if (event.status === "cancelled") { li.classList.add("cancelled"); }
    li.appendChild(el("span", "when", event.all_day ? "all day" : clock(event.starts_at)));
    li.appendChild(el("span", "category", event.category));
    li.appendChild(el("span", "title", event.title));
    if (event.org) { li.appendChild(el("span", "org", event.org)); }
    if (event.end_date && event.end_date !== event.date) {
      li.appendChild(el("span", "until", "until " + shortDay(event.end_date)));
    }
    if (event.action_deadline) {
      li.appendChild(el("span", "action", "Action: " + (event.action || "act before this date")));
    }
    flags(event).forEach(function (f) { li.appendChild(el("span", "flag", f)); });
    if (event.url && /^https?:\/\//i.test(event.url)) {
      var a = el("a", "source", "source");
      a.href = event.url;
      a.rel = "noopener noreferrer";
      li.appendChild(a);
    }
    return li;
  }

  function drawAgenda(events) {
    var agenda = $("agenda");
    agenda.textContent = "";
    var days = {};
    var order = [];
    events.forEach(function (event) {
      var day = dayOf(event);
      if (!days[day]) { days[day] = []; order.push(day); }
      days[day].push(event);
    });
    order.sort();
    order.forEach(function (day) {
      var section = el("section", "day");
      section.setAttribute("data-day", day);
      section.appendChild(el("h2", null, dayLabel(day)));
      var list = el("ul", "events");
      days[day].sort(function (a, b) {
        return (a.all_day ? "" : a.starts_at).localeCompare(b.all_day ? "" : b.starts_at);
      }).forEach(function (event) { list.appendChild(eventItem(event)); });
      section.appendChild(list);
      agenda.appendChild(section);
    });
  }

  function drawDeadlines(events) {
    var due = events.filter(function (e) { return e.action_deadline && e.due_at && e.status !== "cancelled"; });
    due.sort(function (a, b) { return a.due_at.localeCompare(b.due_at); });
    var list = $("deadline-list");
    list.textContent = "";
    due.forEach(function (event) {
      var li = el("li", "due");
      li.setAttribute("data-uid", event.uid);
      li.appendChild(el("span", "title", event.title));
      li.appendChild(el("span", "action", event.action || "act before this date"));
      var when = event.all_day ? shortDay(event.date) + " (start of day; exact time unknown)"
        : shortDay(localDay(event.starts_at)) + " " + clock(event.starts_at);
      li.appendChild(el("span", "by", "by " + when));
      var counter = el("span", "countdown");
      counter.setAttribute("data-due", event.due_at);
      li.appendChild(counter);
      list.appendChild(li);
    });
    $("deadlines").hidden = due.length === 0;
    tick();
  }

  function withToken(url) {
    return token ? url + (url.indexOf("?") >= 0 ? "&" : "?") + "token=" + encodeURIComponent(token) : url;
  }

  function drawFeeds(feeds) {
    var list = $("feed-list");
    var select = $("category");
    list.textContent = "";
    var secure = window.location.protocol === "https:";
    var base = "//" + window.location.host;
    feeds.forEach(function (feed) {
      var li = el("li", "feed");
      li.setAttribute("data-feed", feed.name);
      li.appendChild(el("span", "name", feed.name));
      li.appendChild(el("span", "count", feed.events + (feed.events === 1 ? " event" : " events")));
      var webcal = el("a", "webcal", "webcal");
      webcal.href = withToken("webcal:" + base + feed.path);
      var http = el("a", "http", secure ? "https" : "http");
      http.href = withToken(window.location.protocol + base + feed.path);
      li.appendChild(webcal);
      li.appendChild(http);
      list.appendChild(li);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === feed.name; });
      if (feed.name !== "all" && feed.name !== "deadlines" && !known) {
        var option = el("option", null, feed.name);
        option.value = feed.name;
        select.appendChild(option);
      }
    });
    select.value = page.get("category") || "";
  }

  function api(path, query) {
    var headers = token ? { Authorization: "Bearer " + token } : {};
    return fetch(path + (query ? "?" + query : ""), { headers: headers, credentials: "same-origin" }).then(function (r) {
      if (!r.ok) {
        return r.text().then(function (text) { throw new Error(r.status + ": " + text.trim()); });
      }
      return r.json();
    });
  }

  function eventsQuery() {
    var q = new URLSearchParams();
    q.set("from", page.get("from") || localDay(Date.now()));
    ["to", "category"].forEach(function (k) { if (page.get(k)) { q.set(k, page.get(k)); } });
    if (page.get("deadlines") === "1") { q.set("deadlines", "1"); }
    return q.toString();
  }

  function loadEvents() {
    $("status").textContent = "Loading…";
    return api("/api/events", eventsQuery()).then(function (events) {
      drawAgenda(events);
      drawDeadlines(events);
      $("status").textContent = events.length ? events.length + (events.length === 1 ? " event" : " events")
        : "No events in this range.";
      document.body.setAttribute("data-loaded", "events");
    }).catch(function (err) {
      $("status").textContent = "Could not load events (" + err.message + ")";
      document.body.setAttribute("data-loaded", "error");
    });
  }

  function onFilter() {
    var set = function (key, value) { if (value) { page.set(key, value); } else { page.delete(key); } };
    set("category", $("category").value);
    set("deadlines", $("deadlines-only").checked ? "1" : "");
    set("from", $("from").value);
    set("to", $("to").value);
    window.history.replaceState(null, "", "?" + page.toString());
    loadEvents();
  }

  $("zone-name").textContent = zone.name;
  if (zone.note) { $("zone-note").textContent = zone.note; $("zone-note").hidden = false; }
  $("from").value = page.get("from") || localDay(Date.now());
  $("to").value = page.get("to") || "";
  $("deadlines-only").checked = page.get("deadlines") === "1";
  ["category", "deadlines-only", "from", "to"].forEach(function (id) { $(id).addEventListener("change", onFilter); });
  api("/api/feeds").then(drawFeeds).catch(function (err) {
    $("feed-list").appendChild(el("li", null, "Could not load feeds (" + err.message + ")"));
  }).then(loadEvents);
  window.setInterval(tick, 1000);
})();
