// The demo's few pictures, inline so the page needs no asset.
export function Logo() {
  return (
    <svg className="demo-logo" viewBox="0 0 32 32" aria-hidden="true">
      <defs>
        <linearGradient id="demo-logo-bg" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#6366f1" />
          <stop offset="1" stopColor="#4338ca" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#demo-logo-bg)" />
      <path d="M18 5 9 18h6l-2 9 10-14h-6z" fill="#fff" />
    </svg>
  );
}

export function HeroMark() {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <circle cx="10" cy="10" r="8" fill="currentColor" />
      <path d="M10 5.5 11.4 8.6l3.3.3-2.5 2.2.8 3.3L10 12.7l-3 1.7.8-3.3-2.5-2.2 3.3-.3z" fill="#fff" />
    </svg>
  );
}

export function MonsterMark() {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <path d="M3 8 5 3l3 3h4l3-3 2 5v5a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4z" fill="currentColor" />
      <circle cx="7.5" cy="10" r="1.3" fill="#fff" />
      <circle cx="12.5" cy="10" r="1.3" fill="#fff" />
    </svg>
  );
}

export function CheckIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true">
      <path
        d="m3.5 8.5 3 3 6-7"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function CrossIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true">
      <path
        d="m4.5 4.5 7 7m0-7-7 7"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function WalletIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <rect x="3" y="6" width="18" height="13" rx="3" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M16 12.5h5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      <path
        d="M6 6V5.5A2.5 2.5 0 0 1 8.5 3H17"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function LogoutIcon() {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <path
        d="M8 4H5.5A1.5 1.5 0 0 0 4 5.5v9A1.5 1.5 0 0 0 5.5 16H8m4-9.5L15.5 10 12 13.5M15.5 10H8"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.7"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
