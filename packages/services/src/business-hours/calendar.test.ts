// Business-time arithmetic, table-driven: weekday spans, weekends, one-off and yearly holidays,
// DST changes in London and New York, split hours, gaps and repeated wall-clock times, negative
// and zero amounts, 24/7, and businessSecondsBetween as the inverse of addBusinessSeconds.
import { describe, expect, test } from "bun:test";
import { addBusinessSeconds, businessSecondsBetween, type Calendar } from "./calendar";
import { allDay, H, london, newYork, split, sundayNight } from "./test-calendars";

type Row = [
  name: string,
  calendar: Calendar | null,
  from: string,
  seconds: number,
  expected: string,
];

const rows: Row[] = [
  ["within a weekday", london, "2026-01-13T10:00:00Z", 3 * H, "2026-01-13T13:00:00Z"],
  [
    "reaching the close is the close, not next morning",
    london,
    "2026-01-13T09:00:00Z",
    8 * H,
    "2026-01-13T17:00:00Z",
  ],
  ["into the next day", london, "2026-01-13T10:00:00Z", 8 * H, "2026-01-14T10:00:00Z"],
  ["over a weekend", london, "2026-01-16T16:00:00Z", 2 * H, "2026-01-19T10:00:00Z"],
  ["three business days", london, "2026-01-19T09:00:00Z", 24 * H, "2026-01-21T17:00:00Z"],
  ["starting before opening", london, "2026-01-13T07:30:00Z", 1 * H, "2026-01-13T10:00:00Z"],
  ["starting in the evening", london, "2026-01-13T20:00:00Z", 1 * H, "2026-01-14T10:00:00Z"],
  ["starting on a Saturday", london, "2026-01-17T12:00:00Z", 1 * H, "2026-01-19T10:00:00Z"],
  [
    "over a one-off holiday (Good Friday, BST)",
    london,
    "2026-04-02T15:00:00Z",
    2 * H,
    "2026-04-06T09:00:00Z",
  ],
  [
    "over a yearly holiday (Christmas)",
    london,
    "2026-12-24T16:00:00Z",
    2 * H,
    "2026-12-28T10:00:00Z",
  ],
  [
    "a yearly holiday in a later year",
    london,
    "2026-12-31T16:00:00Z",
    2 * H,
    "2027-01-04T10:00:00Z",
  ],
  [
    "London: over the spring change (29 March)",
    london,
    "2026-03-27T16:00:00Z",
    2 * H,
    "2026-03-30T09:00:00Z",
  ],
  [
    "London: over the autumn change (25 October)",
    london,
    "2026-10-23T15:00:00Z",
    2 * H,
    "2026-10-26T10:00:00Z",
  ],
  [
    "New York: over the spring change (8 March)",
    newYork,
    "2026-03-06T21:00:00Z",
    2 * H,
    "2026-03-09T14:00:00Z",
  ],
  [
    "New York: over the autumn change (1 November)",
    newYork,
    "2026-10-30T20:00:00Z",
    2 * H,
    "2026-11-02T15:00:00Z",
  ],
  ["split hours skip lunch", split, "2026-01-13T11:00:00Z", 2 * H, "2026-01-13T14:00:00Z"],
  ["split hours: starting at lunch", split, "2026-01-13T12:30:00Z", H / 2, "2026-01-13T13:30:00Z"],
  [
    "split hours: reaching the lunch break",
    split,
    "2026-01-13T09:00:00Z",
    3 * H,
    "2026-01-13T12:00:00Z",
  ],
  [
    "split hours: a whole day (7 h) and a bit",
    split,
    "2026-01-13T09:00:00Z",
    8 * H,
    "2026-01-14T10:00:00Z",
  ],
  ["negative: back over a weekend", london, "2026-01-19T10:00:00Z", -2 * H, "2026-01-16T16:00:00Z"],
  ["negative: from a Saturday", london, "2026-01-17T12:00:00Z", -1 * H, "2026-01-16T16:00:00Z"],
  [
    "negative: reaching the opening is the opening",
    london,
    "2026-01-13T10:00:00Z",
    -1 * H,
    "2026-01-13T09:00:00Z",
  ],
  [
    "negative: back over the spring change",
    london,
    "2026-03-30T09:00:00Z",
    -2 * H,
    "2026-03-27T16:00:00Z",
  ],
  [
    "zero: from itself, even outside hours",
    london,
    "2026-01-17T12:00:00Z",
    0,
    "2026-01-17T12:00:00Z",
  ],
  ["24/7 (null): elapsed time", null, "2026-03-28T12:00:00Z", 24 * H, "2026-03-29T12:00:00Z"],
  ["24/7 (null): backwards", null, "2026-03-29T12:00:00Z", -24 * H, "2026-03-28T12:00:00Z"],
  [
    "open all day over the 23-hour day",
    allDay,
    "2026-03-28T00:00:00Z",
    47 * H,
    "2026-03-29T23:00:00Z",
  ],
  [
    "open all day over the 25-hour day",
    allDay,
    "2026-10-24T00:00:00Z",
    49 * H,
    "2026-10-26T01:00:00Z",
  ],
  // 01:00–02:00 does not exist in London on 29 March: open from the jump (02:00 BST) to 03:00 BST.
  [
    "London gap: 01:00 means the jump",
    sundayNight("Europe/London"),
    "2026-03-28T12:00:00Z",
    H / 2,
    "2026-03-29T01:30:00Z",
  ],
  // 01:00–02:00 happens twice on 25 October: open from the first 01:00 (BST) to 03:00 GMT, 3 hours.
  [
    "London repeat: the first 01:00",
    sundayNight("Europe/London"),
    "2026-10-24T12:00:00Z",
    (5 * H) / 2,
    "2026-10-25T02:30:00Z",
  ],
  [
    "New York gap: 02:30 means 03:00 EDT",
    sundayNight("America/New_York", "02:30", "03:30"),
    "2026-03-07T12:00:00Z",
    600,
    "2026-03-08T07:10:00Z",
  ],
  [
    "New York repeat: the first 01:00 (EDT)",
    sundayNight("America/New_York"),
    "2026-10-31T12:00:00Z",
    H,
    "2026-11-01T06:00:00Z",
  ],
  ["1000 business days", london, "2026-01-05T09:00:00Z", 1000 * 8 * H, "2029-11-09T17:00:00Z"],
];

describe("addBusinessSeconds", () => {
  test.each(rows)("%s", (_name, calendar, from, seconds, expected) => {
    expect(addBusinessSeconds(calendar, new Date(from), seconds).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });
});

describe("businessSecondsBetween", () => {
  test.each(rows)("is the inverse: %s", (_name, calendar, from, seconds, expected) => {
    expect(businessSecondsBetween(calendar, new Date(from), new Date(expected))).toBe(seconds);
  });

  test.each([
    ["a 9–5 weekday", london, "2026-01-13T00:00:00Z", "2026-01-14T00:00:00Z", 8 * H],
    ["a weekend", london, "2026-01-17T00:00:00Z", "2026-01-19T00:00:00Z", 0],
    ["backwards is negative", london, "2026-01-13T13:00:00Z", "2026-01-13T10:00:00Z", -3 * H],
    ["split hours, a whole day", split, "2026-01-13T00:00:00Z", "2026-01-14T00:00:00Z", 7 * H],
    [
      "London's 23-hour Sunday open all day",
      allDay,
      "2026-03-29T00:00:00Z",
      "2026-03-29T23:00:00Z",
      23 * H,
    ],
    [
      "London's 25-hour Sunday open all day",
      allDay,
      "2026-10-24T23:00:00Z",
      "2026-10-26T00:00:00Z",
      25 * H,
    ],
    [
      "the gap shortens 01:00–03:00 to an hour",
      sundayNight("Europe/London"),
      "2026-03-28T00:00:00Z",
      "2026-03-30T00:00:00Z",
      H,
    ],
    [
      "the repeat lengthens 01:00–03:00 to three",
      sundayNight("Europe/London"),
      "2026-10-24T00:00:00Z",
      "2026-10-26T00:00:00Z",
      3 * H,
    ],
    [
      "New York's gap: 01:00–03:00 is an hour",
      sundayNight("America/New_York"),
      "2026-03-07T00:00:00Z",
      "2026-03-09T00:00:00Z",
      H,
    ],
    [
      "New York's repeat: 01:00–03:00 is three",
      sundayNight("America/New_York"),
      "2026-10-31T00:00:00Z",
      "2026-11-02T00:00:00Z",
      3 * H,
    ],
    // 2026 has 261 weekdays; New Year's Day, Good Friday and Christmas Day are closed.
    ["a whole year", london, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 258 * 8 * H],
    ["24/7 (null)", null, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z", 48 * H],
  ] as const)("%s", (_name, calendar, from, to, seconds) => {
    expect(businessSecondsBetween(calendar, new Date(from), new Date(to))).toBe(seconds);
  });
});
