// Visual snapshots of every component state, compared with the PNGs committed under
// __screenshots__/components.visual.browser.test.tsx/. Deterministic: fixed clock, UTC, en-US,
// Liberation fonts (Debian fonts-liberation), no animations, no hover (pointer-events off).
// Update after an intended change: `npx vitest run --project browser test/components.visual.browser.test.tsx -u`.
// Elsewhere (another browser, no Liberation fonts: a detected fact, see test/helpers/browser-plan.ts) every
// state is still rendered and checked for size, but pixels are not compared, and the log says why.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { page } from 'vitest/browser';
import '../src/styles.css';
import {
  SessionConsentView,
  type SessionConsentViewProps,
  SessionListView,
  SessionStatusView,
} from '../src/components/index.js';
import type { SessionStatus } from '../src/core/actions/index.js';
import { UserRejectedError } from '../src/core/errors/index.js';
import {
  anyActionPolicy,
  gamePolicy,
  gasTokenPolicy,
  LOCALE,
  NOW,
  STRK,
  sessionList,
  shopPolicy,
  statusStates,
  TIME_ZONE,
  TOKENS,
} from '../stories/fixtures.js';

const STABLE_CSS = `
  body { margin: 0; }
  .vt-frame { box-sizing: border-box; padding: 12px; background: #eef0f4; pointer-events: none; width: max-content; }
  .vt-frame[data-theme="dark"] { background: #0d0f13; }
  .vt-frame .ss-root { --ss-font: "Liberation Sans", sans-serif; --ss-font-mono: "Liberation Mono", monospace; }
  .vt-frame *, .vt-frame *::before, .vt-frame *::after { animation: none !important; transition: none !important; }
  .vt-row { display: flex; flex-wrap: wrap; gap: 8px; max-width: 640px; }
`;

const reference = inject('visualReference');

beforeAll(() => {
  if (!reference.comparable) console.warn(`visual snapshots: pixel comparison skipped: ${reference.reason}`);
  const style = document.createElement('style');
  style.textContent = STABLE_CSS;
  document.head.append(style);
});

afterEach(async () => {
  await page.viewport(1280, 900);
});

async function snapshot(
  name: string,
  node: ReactNode,
  options: { width: number; theme?: 'dark' } = { width: 1280 },
) {
  await page.viewport(options.width, 2000);
  const { container, unmount } = render(
    <div className="vt-frame" data-theme={options.theme ?? 'light'} data-testid="frame">
      {node}
    </div>,
  );
  // 360: the card as a phone shows it. 1280: a wide page, where the card stops at its max width (34rem).
  const frame = container.querySelector<HTMLElement>('.vt-frame')!;
  frame.style.width = `${Math.min(options.width, 600)}px`;
  await document.fonts.ready;
  if (reference.comparable) await expect.element(page.elementLocator(frame)).toMatchScreenshot(name);
  else {
    await expect.element(page.elementLocator(frame)).toBeVisible();
    expect(frame.getBoundingClientRect().height).toBeGreaterThan(20);
  }
  unmount();
}

const consent = (props: Partial<SessionConsentViewProps>) => (
  <SessionConsentView
    policy={gamePolicy}
    appName="Dragon Game"
    appOrigin="dragon.example"
    now={NOW}
    locale={LOCALE}
    timeZone={TIME_ZONE}
    tokens={TOKENS}
    paymasterName="AVNU"
    {...props}
  />
);

describe('SessionConsentView', () => {
  for (const width of [360, 1280]) {
    it(`plain at ${width} px`, () =>
      snapshot(`consent-plain-${width}`, consent({ feeMode: { mode: 'direct' } }), { width }));
    it(`with caps at ${width} px`, () =>
      snapshot(`consent-caps-${width}`, consent({ policy: shopPolicy }), { width }));
    it(`empty whitelist at ${width} px`, () =>
      snapshot(`consent-any-action-${width}`, consent({ policy: anyActionPolicy }), { width }));
  }
  it('sponsored', () => snapshot('consent-sponsored', consent({})));
  it('gas token', () =>
    snapshot(
      'consent-gas-token',
      consent({ policy: gasTokenPolicy, feeMode: { mode: 'default', gasToken: STRK } }),
    ));
  it('pending', () => snapshot('consent-pending', consent({ status: 'pending' }), { width: 360 }));
  it('rejected', () =>
    snapshot('consent-rejected', consent({ error: new UserRejectedError() }), { width: 360 }));
  it('error', () =>
    snapshot(
      'consent-error',
      consent({
        error: {
          code: 'PAYMASTER_UNAVAILABLE',
          shortMessage: 'The paymaster did not answer. Try again in a moment.',
        },
      }),
      { width: 360 },
    ));
  it('invalid policy', () =>
    snapshot(
      'consent-invalid',
      consent({ policy: { ...gamePolicy, actions: [{ entrypoint: 'upgrade' }] } }),
    ));
  it('dark', () =>
    snapshot('consent-caps-dark-360', consent({ policy: shopPolicy }), { width: 360, theme: 'dark' }));
});

describe('SessionStatusView', () => {
  for (const status of Object.keys(statusStates) as SessionStatus[]) {
    it(`card: ${status}`, () =>
      snapshot(
        `status-${status}`,
        <SessionStatusView
          state={statusStates[status]}
          now={NOW}
          tokens={TOKENS}
          locale={LOCALE}
          timeZone={TIME_ZONE}
          onRenew={() => {}}
          onRevoke={() => {}}
        />,
        { width: 360 },
      ));
  }
  it('badges', () =>
    snapshot(
      'status-badges',
      <div className="vt-row">
        {(Object.keys(statusStates) as SessionStatus[]).map((status) => (
          <SessionStatusView key={status} variant="badge" state={statusStates[status]} now={NOW} />
        ))}
      </div>,
    ));
  it('dark, expiring', () =>
    snapshot(
      'status-expiring-dark',
      <SessionStatusView
        state={statusStates.expiring}
        now={NOW}
        tokens={TOKENS}
        timeZone={TIME_ZONE}
        locale={LOCALE}
        onRenew={() => {}}
        onRevoke={() => {}}
      />,
      { width: 360, theme: 'dark' },
    ));
});

describe('SessionListView', () => {
  const list = (props: Partial<Parameters<typeof SessionListView>[0]>) => (
    <SessionListView
      sessions={sessionList}
      appName="Dragon Game"
      locale={LOCALE}
      timeZone={TIME_ZONE}
      onRevoke={() => {}}
      onRevokeAll={() => {}}
      {...props}
    />
  );
  it('empty', () => snapshot('list-empty', list({ sessions: [] }), { width: 360 }));
  it('several at 360 px', () => snapshot('list-several-360', list({}), { width: 360 }));
  it('several at 1280 px', () => snapshot('list-several-1280', list({})));
  it('revoking', () =>
    snapshot('list-revoking', list({ revoking: [sessionList[0]!.publicKey] }), { width: 360 }));
});
