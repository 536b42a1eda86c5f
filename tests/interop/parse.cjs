#!/usr/bin/env node
// Read .ics files with ical.js (Thunderbird's parser) and node-ical; print what each saw as JSON.
//
//   TZ=UTC node parse.cjs FILE.ics...   ->   {"FILE.ics": {"ical.js": {...}, "node-ical": {...}}}
//
// Each parser reports {ok, error, calendar: {...}, events: [...]}, every event as
// {uid, summary, description, status, sequence, allday, start, end, categories, url, alarms},
// with start/end as "YYYY-MM-DD" (all-day) or a UTC instant "YYYY-MM-DDTHH:MM:SSZ", end null
// when the event has none. The Python tests (test_interop.py) compare these with vobject,
// libical and the events the feed was rendered from.
'use strict';
process.env.TZ = 'UTC';
const fs = require('fs');
const ICAL = require('ical.js');
const nodeIcal = require('node-ical');

const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const day = (d) => d.toISOString().slice(0, 10);
const text = (v) => (v && typeof v === 'object' && 'val' in v ? v.val : v === undefined ? null : v);

function icalTime(t) {
  if (!t) return null;
  if (t.isDate) return t.toString();
  return iso(t.toJSDate());
}

function readIcalJs(data) {
  ICAL.TimezoneService.reset();
  const cal = new ICAL.Component(ICAL.parse(data));
  const prop = (name) => {
    const v = cal.getFirstPropertyValue(name);
    return v === null || v === undefined ? null : String(v);
  };
  const calendar = {};
  for (const name of ['version', 'prodid', 'method', 'name', 'x-wr-calname', 'x-wr-caldesc',
    'refresh-interval', 'x-published-ttl']) calendar[name] = prop(name);
  const events = cal.getAllSubcomponents('vevent').map((ve) => {
    const ev = new ICAL.Event(ve);
    const start = ve.getFirstPropertyValue('dtstart');
    return {
      uid: ev.uid,
      summary: ev.summary,
      description: ev.description,
      status: ve.getFirstPropertyValue('status'),
      sequence: ev.sequence,
      allday: !!(start && start.isDate),
      start: icalTime(start),
      end: icalTime(ve.getFirstPropertyValue('dtend')),
      categories: ve.getAllProperties('categories').flatMap((p) => p.getValues()),
      url: ve.getFirstPropertyValue('url'),
      alarms: ve.getAllSubcomponents('valarm').map((a) => ({
        action: a.getFirstPropertyValue('action'),
        trigger: a.getFirstPropertyValue('trigger').toSeconds(),
        description: a.getFirstPropertyValue('description'),
      })),
    };
  });
  return { calendar, events };
}

function readNodeIcal(data) {
  const parsed = nodeIcal.sync.parseICS(data);
  const cal = parsed.vcalendar || {};
  const calendar = {
    version: cal.version || null, prodid: cal.prodid || null, method: cal.method || null,
    name: text(cal.name) || null, 'x-wr-calname': text(cal['WR-CALNAME']) || null,
    'x-wr-caldesc': text(cal['WR-CALDESC']) || null,
    'refresh-interval': text(parsed['refresh-interval']) || null,
    'x-published-ttl': text(cal['PUBLISHED-TTL']) || null,
  };
  const events = Object.values(parsed).filter((v) => v && v.type === 'VEVENT').map((ev) => {
    const allday = ev.datetype === 'date';
    const fmt = (d) => (d ? (allday ? day(d) : iso(d)) : null);
    let end = fmt(ev.end);
    if (!allday && end === fmt(ev.start)) end = null; // node-ical copies DTSTART when DTEND is absent
    return {
      uid: ev.uid,
      summary: text(ev.summary),
      description: text(ev.description) ?? null,
      status: ev.status || null,
      sequence: ev.sequence === undefined ? null : Number(ev.sequence),
      allday,
      start: fmt(ev.start),
      end,
      categories: ev.categories || [],
      url: text(ev.url) || null,
      alarms: (ev.alarms || []).map((a) => ({
        action: a.action, trigger: text(a.trigger), description: text(a.description),
      })),
    };
  });
  return { calendar, events };
}

function attempt(read, data) {
  try {
    return { ok: true, error: null, ...read(data) };
  } catch (e) {
    return { ok: false, error: `${e.name || 'Error'}: ${e.message}`, calendar: null, events: null };
  }
}

const out = {};
for (const file of process.argv.slice(2)) {
  const data = fs.readFileSync(file, 'utf8');
  out[file] = { 'ical.js': attempt(readIcalJs, data), 'node-ical': attempt(readNodeIcal, data) };
}
process.stdout.write(JSON.stringify(out));
