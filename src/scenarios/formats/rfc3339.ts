import { excerpt, InputError } from '../../errors.js';

/**
 * RFC 3339 timestamps, as Open Match (google.protobuf.Timestamp in JSON) and
 * FlexMatch events write them: 2024-05-21T06:56:14.658687844Z, or with an
 * offset (+02:00). Read by hand rather than by Date.parse, which keeps only
 * milliseconds and accepts other shapes too: a ticket's nanoseconds matter
 * when thousands arrive a second, and a malformed stamp is an error.
 */

/** A moment as whole seconds since 1970-01-01T00:00:00Z and the nanoseconds after them. */
export interface Instant {
  readonly seconds: number;
  readonly nanos: number;
}

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Days from 1970-01-01 to a civil date (proleptic Gregorian; Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The instant of an RFC 3339 timestamp; undefined when the text is not one (or names a date that does not exist). */
export function parseRfc3339(text: string): Instant | undefined {
  const m = SHAPE.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1])) return undefined;
  // A leap second (60) is read as the second after 59, as protobuf's Timestamp smears it.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offset = 0;
  if (m[8] === undefined) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const nanos = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0'));
  return { seconds: daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset, nanos };
}

/** A replay window's end, as the scenario gives it (checked by its schema; `field` names it should it not be one). */
export function windowEnd(file: string, field: string, text: string | undefined): Instant | undefined {
  if (text === undefined) return undefined;
  const instant = parseRfc3339(text);
  if (instant === undefined) throw new InputError(file, field, `${excerpt(text)} is not an RFC 3339 time (2024-05-21T06:56:14Z)`);
  return instant;
}

/**
 * Seconds from `from` to `to`: the whole nanoseconds between them, divided
 * once, so that the result is the double nearest the exact decimal (a time
 * written to the microsecond reads back as the same number); exact for spans
 * up to 2^53 ns (104 days), to within a rounding beyond.
 */
export function secondsBetween(from: Instant, to: Instant): number {
  const nanos = (to.seconds - from.seconds) * 1e9 + (to.nanos - from.nanos);
  return Number.isSafeInteger(nanos) ? nanos / 1e9 : to.seconds - from.seconds + (to.nanos - from.nanos) / 1e9;
}

/** The RFC 3339 text of an instant, in UTC, to the nanosecond (trailing zeros of the fraction dropped). */
export function formatRfc3339(instant: Instant): string {
  const days = Math.floor(instant.seconds / 86400);
  const rest = instant.seconds - days * 86400;
  // Howard Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const two = (n: number) => String(n).padStart(2, '0');
  const fraction = instant.nanos === 0 ? '' : `.${String(instant.nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}${fraction}Z`;
}

/** The instant `seconds` after `start`, to the nanosecond. */
export function instantAfter(start: Instant, seconds: number): Instant {
  const total = start.nanos + Math.round((seconds - Math.floor(seconds)) * 1e9);
  const whole = start.seconds + Math.floor(seconds) + Math.floor(total / 1e9);
  return { seconds: whole, nanos: total % 1e9 };
}

/** Whether `a` is before `b`. */
export function before(a: Instant, b: Instant): boolean {
  return a.seconds < b.seconds || (a.seconds === b.seconds && a.nanos < b.nanos);
}
