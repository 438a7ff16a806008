/**
 * Reads iCalendar text back the way a strict client would, for tests: CRLF line ends, physical
 * lines of at most 75 octets, unfolding, BEGIN/END nesting; and works out a VTIMEZONE's offset at
 * an instant from its observances (DTSTART, RRULE with yearly BYMONTH/BYDAY, RDATE) as RFC 5545
 * §3.6.5 describes, so a test can compare it with the IANA data.
 */
export interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface Component {
  name: string;
  props: Property[];
  children: Component[];
}

export function readICalendar(text: string): Component {
  if (!text.endsWith('\r\n')) throw new Error('the object must end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  const logical: string[] = [];
  for (const line of physical) {
    if (/[\r\n]/.test(line)) throw new Error(`a bare CR or LF in ${JSON.stringify(line)}`);
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`longer than 75 octets: ${line}`);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (logical.length === 0) throw new Error('a continuation line first');
      logical[logical.length - 1] += line.slice(1);
    } else logical.push(line);
  }
  const stack: Component[] = [];
  let root: Component | null = null;
  for (const line of logical) {
    const prop = parseProperty(line);
    if (prop.name === 'BEGIN') {
      const c: Component = { name: prop.value, props: [], children: [] };
      if (stack.length > 0) stack[stack.length - 1]!.children.push(c);
      else if (root) throw new Error('two top-level components');
      else root = c;
      stack.push(c);
    } else if (prop.name === 'END') {
      const open = stack.pop();
      if (!open || open.name !== prop.value) throw new Error(`END:${prop.value} does not close ${open?.name}`);
    } else {
      const current = stack[stack.length - 1];
      if (!current) throw new Error(`a property outside any component: ${line}`);
      current.props.push(prop);
    }
  }
  if (!root || stack.length > 0) throw new Error('unbalanced components');
  return root;
}

function parseProperty(line: string): Property {
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') inQuotes = !inQuotes;
    else if (line[i] === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) throw new Error(`no value: ${line}`);
  const [name, ...params] = line.slice(0, colon).split(';');
  if (!name || !/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`bad name: ${line}`);
  return {
    name: name.toUpperCase(),
    params: Object.fromEntries(
      params.map((p) => {
        const eq = p.indexOf('=');
        return [p.slice(0, eq).toUpperCase(), p.slice(eq + 1)];
      }),
    ),
    value: line.slice(colon + 1),
  };
}

export function prop(c: Component, name: string): Property | undefined {
  return c.props.find((p) => p.name === name);
}

export function all(c: Component, name: string): Component[] {
  return c.children.filter((x) => x.name === name);
}

/** `YYYYMMDDTHHMMSS` read as if it were UTC (a local time's wall-clock value). */
export function wallClock(stamp: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) throw new Error(`not a local date-time: ${stamp}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

export function offsetSeconds(value: string): number {
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value);
  if (!m) throw new Error(`not a UTC offset: ${value}`);
  const s = (+m[2]! * 3600 + +m[3]! * 60 + +(m[4] ?? 0)) * (m[1] === '-' ? -1 : 1);
  if (s === 0 && m[1] === '-') throw new Error('-0000 is not allowed');
  return s;
}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** Wall-clock onsets of one observance up to `untilYear`. Only the rule shapes VTIMEZONEs use. */
function onsets(obs: Component, untilYear: number): number[] {
  const start = wallClock(prop(obs, 'DTSTART')!.value);
  const out = [start];
  for (const r of obs.props.filter((p) => p.name === 'RDATE')) for (const v of r.value.split(',')) out.push(wallClock(v));
  const rrule = prop(obs, 'RRULE');
  if (rrule) {
    const parts = Object.fromEntries(rrule.value.split(';').map((kv) => kv.split('=') as [string, string]));
    if (parts.FREQ !== 'YEARLY' || !parts.BYMONTH || !parts.BYDAY || Object.keys(parts).length !== 3)
      throw new Error(`unsupported rule ${rrule.value}`);
    const m = /^(-?\d)([A-Z]{2})$/.exec(parts.BYDAY);
    if (!m) throw new Error(`unsupported BYDAY ${parts.BYDAY}`);
    const n = Number(m[1]);
    const weekday = DAYS.indexOf(m[2]!);
    const month = Number(parts.BYMONTH) - 1;
    const timeOfDay = start % 86_400_000;
    for (let y = new Date(start).getUTCFullYear(); y <= untilYear; y++) {
      let day: number;
      if (n > 0) {
        const firstDow = new Date(Date.UTC(y, month, 1)).getUTCDay();
        day = 1 + ((weekday - firstDow + 7) % 7) + (n - 1) * 7;
      } else {
        const lastDate = new Date(Date.UTC(y, month + 1, 0));
        day = lastDate.getUTCDate() - ((lastDate.getUTCDay() - weekday + 7) % 7);
      }
      const t = Date.UTC(y, month, day) + timeOfDay;
      if (t >= start) out.push(t);
    }
  }
  return out;
}

/** The offset (seconds) the VTIMEZONE gives at `epochMs`; throws before its first observance. */
export function offsetAt(vtimezone: Component, epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear() + 1;
  let best: { at: number; to: number } | null = null;
  for (const obs of vtimezone.children) {
    if (obs.name !== 'STANDARD' && obs.name !== 'DAYLIGHT') throw new Error(`unexpected ${obs.name}`);
    const from = offsetSeconds(prop(obs, 'TZOFFSETFROM')!.value);
    const to = offsetSeconds(prop(obs, 'TZOFFSETTO')!.value);
    for (const wall of onsets(obs, year)) {
      // An onset's local time is in the offset in force before it (TZOFFSETFROM).
      const at = wall - from * 1000;
      if (at <= epochMs && (!best || at > best.at)) best = { at, to };
    }
  }
  if (!best) throw new Error('the instant is before every observance');
  return best.to;
}
