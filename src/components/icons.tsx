'use client';
import type { ConsentWarningSeverity } from '../core/consent.js';

/**
 * Decorative icons (aria-hidden): the text next to them carries the meaning. Stroke settings sit on the
 * <svg> once and the shapes inherit them (caps and joins only show on the open strokes).
 */

export function SeverityIcon({ severity }: { severity: ConsentWarningSeverity }) {
  return (
    <svg
      className="ss-icon"
      viewBox="0 0 20 20"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {severity === 'info' ? (
        <>
          <circle cx="10" cy="10" r="8" />
          <path d="M10 9v5M10 6.2v.1" strokeWidth="2" />
        </>
      ) : (
        <>
          <path d="M10 2.5 18 17H2L10 2.5Z" />
          <path d="M10 8v4.2M10 14.6v.1" strokeWidth="2" />
        </>
      )}
    </svg>
  );
}

export function Spinner() {
  return (
    <svg
      className="ss-spinner"
      viewBox="0 0 20 20"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
    >
      <circle cx="10" cy="10" r="7" strokeOpacity="0.3" />
      <path d="M17 10a7 7 0 0 0-7-7" strokeLinecap="round" />
    </svg>
  );
}
