// Parses an iCalendar file with ical.js, an implementation independent of the server's, and
// prints its version, X-WR-CALNAME, the names of its components and its events as JSON:
// events are [{ uid, summary, start, end }] with times in UTC ISO 8601.
// The server tests use it to check the calendar feeds. Usage: node scripts/parse-ical.mjs FILE
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/parse-ical.mjs FILE');
  process.exit(2);
}

const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
if (calendar.name !== 'vcalendar') {
  console.error(`${file}: expected a VCALENDAR, found ${calendar.name}.`);
  process.exit(1);
}

const events = calendar.getAllSubcomponents('vevent').map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
  };
});
console.log(JSON.stringify({
  version: calendar.getFirstPropertyValue('version'),
  name: calendar.getFirstPropertyValue('x-wr-calname'),
  components: calendar.getAllSubcomponents().map((component) => component.name),
  events,
}));
