/** Time arithmetic for policies: wall-clock time in IANA zones, calendars, quiet hours. */
export {
  addDuration,
  type Calendar,
  calendarFor,
  isBusinessDay,
  isValidTimeOfDay,
  nextOutsideQuietHours,
} from './calendar.js';
export {
  addLocalDays,
  type DateParts,
  daysInMonth,
  formatLocalDate,
  isLeapYear,
  isoWeekday,
  isValidLocalDate,
  isValidTimeZone,
  type LocalParts,
  localParts,
  parseLocalDate,
  timeZoneOffset,
  toLocalDate,
  type WallTime,
  zonedInstant,
} from './zoned.js';
