import { findTokenInfo, type TokenDisplayInfo } from '../core/consent.js';
import { formatAmount, isTokenDecimals } from '../core/policy.js';
import type { SessionText, TimeParts } from './text.js';

/** Display formatting only: no protocol decisions are made here. */

export function timeParts(totalSeconds: number): TimeParts {
  const s = Math.max(0, Math.floor(totalSeconds));
  return {
    days: Math.floor(s / 86400),
    hours: Math.floor((s % 86400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: s % 60,
  };
}

export function formatDuration(seconds: number, text: SessionText): string {
  return text.duration(timeParts(seconds));
}

export function formatCountdown(seconds: number, text: SessionText): string {
  return text.countdown(timeParts(seconds));
}

/** "per day", "per hour", "per 7 days". */
export function formatWindow(seconds: number, text: SessionText): string {
  const unit = seconds === 86400 ? 'day' : seconds === 3600 ? 'hour' : seconds === 60 ? 'minute' : undefined;
  return text.window(formatDuration(seconds, text), unit);
}

export interface DateFormatOptions {
  /** BCP 47 locale; default the runtime's. */
  locale?: string | undefined;
  /** IANA time zone; default the runtime's. Stories and screenshots pin 'UTC'. */
  timeZone?: string | undefined;
}

/** An exact date and time with its time zone, e.g. "Jan 1, 2026, 1:00 AM UTC". */
export function formatDate(unixSeconds: number, options: DateFormatOptions = {}): string {
  return new Intl.DateTimeFormat(options.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: options.timeZone,
  }).format(new Date(unixSeconds * 1000));
}

export function isoDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

export function formatInteger(n: number | bigint, locale?: string): string {
  return n.toLocaleString(locale);
}

/** Base units as token units with digit grouping: 1234500000n, 6 -> "1,234.5". */
export function formatTokenAmount(amount: bigint, decimals: number | undefined, locale?: string): string {
  // Never a throw in a render: decimals out of range show base units.
  const plain = formatAmount(amount, isTokenDecimals(decimals) ? decimals : 0);
  const [whole = '0', frac] = plain.split('.');
  const grouped = formatInteger(BigInt(whole), locale);
  if (!frac) return grouped;
  // The locale's decimal separator, as Intl names it (digits outside the BMP take two code units each).
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return `${grouped}${decimal?.value ?? '.'}${frac}`;
}

/** "0x1234…cdef" (full value stays in a title attribute where it matters). */
export function shortHex(hex: string): string {
  const clean = hex.toLowerCase();
  return clean.length <= 14 ? clean : `${clean.slice(0, 6)}…${clean.slice(-4)}`;
}

/** A token's symbol, or its short address. */
export function tokenName(token: string, tokens: readonly TokenDisplayInfo[] | undefined): string {
  return findTokenInfo(tokens, token)?.symbol ?? shortHex(token);
}

/** An amount with its symbol, using the token's decimals when known. */
export function formatTokenValue(
  amount: bigint,
  token: string,
  tokens: readonly TokenDisplayInfo[] | undefined,
  locale?: string,
): string {
  const info = findTokenInfo(tokens, token);
  return `${formatTokenAmount(amount, info?.decimals, locale)} ${info?.symbol ?? shortHex(token)}`;
}

/** "a, b and c" style joining with the text's separator. */
export function joinList(items: readonly string[], text: SessionText): string {
  return items.join(text.listSeparator);
}
