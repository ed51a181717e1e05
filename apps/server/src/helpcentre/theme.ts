// A tenant's theme.css: its primary colour as CSS custom properties, with readable text on it.
import { helpCentre } from "@supportdesk/services";

/** The platform's colour, for tenants without one (or with one that is not `#rrggbb`). */
export const DEFAULT_PRIMARY = "#1d4ed8";
const WHITE = "#ffffff";
// Pure black: with any colour, white or black always reaches 4.5:1 (a dark grey would not).
const INK = "#000000";

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export function textOn(background: string): string {
  return contrast(background, WHITE) >= contrast(background, INK) ? WHITE : INK;
}

/** `colour` darkened just enough to reach 4.5:1 on white (for links on the page's background). */
export function linkColour(colour: string): string {
  let [r, g, b] = channels(colour);
  let hex = colour.toLowerCase();
  while (contrast(hex, WHITE) < 4.5) {
    [r, g, b] = [Math.floor(r * 0.9), Math.floor(g * 0.9), Math.floor(b * 0.9)];
    hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
  }
  return hex;
}

/**
 * The stylesheet. The colour is checked once more right here, since it is written into CSS: a
 * value that is not exactly `#rrggbb` is refused and the platform's colour used instead.
 */
export function themeCss(primaryColor: string | null): string {
  const primary =
    primaryColor && helpCentre.HEX_COLOUR.test(primaryColor)
      ? primaryColor.toLowerCase()
      : DEFAULT_PRIMARY;
  return [
    ":root {",
    `  --hc-primary: ${primary};`,
    `  --hc-on-primary: ${textOn(primary)};`,
    `  --hc-link: ${linkColour(primary)};`,
    "}",
    "",
  ].join("\n");
}
