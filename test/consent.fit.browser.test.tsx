// The consent fits one screen: at a laptop (1280×800) and a phone (390×844) viewport the decision
// buttons are inside the viewport without scrolling, inline and in the dialog, however long the
// request (its sticky footer); the details scroll with the page or the dialog; keyboard order unchanged.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../src/styles.css';
import {
  SessionConsentDialog,
  SessionConsentView,
  type SessionConsentViewProps,
} from '../src/components/index.js';
import type { SessionPolicy } from '../src/core/index.js';
import { GAME, LOCALE, NOW, STRK, shopPolicy, TIME_ZONE, TOKENS, USDC } from '../stories/fixtures.js';

// Taller than any screen: ten actions, two caps, gas paid in a token (more warnings), an error alert.
const tallPolicy: SessionPolicy = {
  ...shopPolicy,
  actions: [
    ...shopPolicy.actions,
    ...['attack', 'move', 'claim_loot', 'craft', 'trade', 'equip', 'rest', 'explore'].map((entrypoint) => ({
      entrypoint,
      contractAddress: GAME,
      label: `Do ${entrypoint.replace('_', ' ')}`,
      contractLabel: 'Dragon Game',
    })),
  ],
};
const props: SessionConsentViewProps = {
  policy: tallPolicy,
  appName: 'Dragon Game',
  appOrigin: 'dragon.example',
  now: NOW,
  locale: LOCALE,
  timeZone: TIME_ZONE,
  tokens: TOKENS,
  feeMode: { mode: 'default', gasToken: STRK },
  error: { code: 'PAYMASTER_UNAVAILABLE', shortMessage: 'The paymaster did not answer.' },
};
// A page around the inline card, as an app shows it (16 px margin).
const PAGE = 'body { margin: 0; } .fit-page { padding: 16px; font-family: sans-serif; }';

function inViewport(element: Element) {
  const box = element.getBoundingClientRect();
  return {
    box,
    inside:
      box.width > 0 &&
      box.top >= 0 &&
      box.left >= 0 &&
      box.bottom <= window.innerHeight &&
      box.right <= window.innerWidth,
  };
}

function expectDecisionButtonsVisible(root: ParentNode) {
  for (const name of ['Try again', 'Not now']) {
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent === name);
    expect(button, name).toBeDefined();
    const { box, inside } = inViewport(button!);
    expect(inside, `${name} at ${JSON.stringify(box)} in ${window.innerWidth}×${window.innerHeight}`).toBe(
      true,
    );
    // Not covered by anything either: the button itself is what a tap at its centre reaches.
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    expect(button!.contains(hit), name).toBe(true);
  }
}

function expectLastWarningAboveFooter(root: ParentNode) {
  const warnings = root.querySelectorAll('.ss-warning');
  const last = warnings[warnings.length - 1]!.getBoundingClientRect();
  const footer = root.querySelector('.ss-consent__footer')!.getBoundingClientRect();
  expect(last.bottom).toBeLessThanOrEqual(footer.top);
}

afterEach(async () => {
  cleanup();
  window.scrollTo(0, 0);
  await page.viewport(1280, 900);
});

const style = document.createElement('style');
style.textContent = PAGE;
document.head.append(style);

describe.each([
  [1280, 800],
  [390, 844],
])('at %i×%i', (width, height) => {
  it('inline, below an app header: the card is taller than the screen, its buttons are on screen', async () => {
    await page.viewport(width, height);
    const { container } = render(
      <div className="fit-page">
        <div style={{ height: 240 }}>An app header and some content above the card</div>
        <SessionConsentView {...props} />
      </div>,
    );
    const card = container.querySelector<HTMLElement>('.ss-consent')!;
    expect(card.getBoundingClientRect().height).toBeGreaterThan(height);
    expectDecisionButtonsVisible(card);
    // Scrolled to the end, the last warning comes out from under the footer; the buttons are still there.
    window.scrollTo(0, document.documentElement.scrollHeight);
    expectLastWarningAboveFooter(card);
    expectDecisionButtonsVisible(card);
  });

  it('in the dialog: the buttons stay on screen and Tab reaches them in reading order', async () => {
    await page.viewport(width, height);
    render(<SessionConsentDialog {...props} open />);
    const dialog = document.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(dialog.scrollHeight).toBeGreaterThan(dialog.clientHeight); // the details scroll in the dialog
    expectDecisionButtonsVisible(dialog);
    dialog.scrollTop = dialog.scrollHeight;
    expectLastWarningAboveFooter(dialog);
    expectDecisionButtonsVisible(dialog);
    dialog.scrollTop = 0;
    // Focus starts on the title; Tab walks the details toggle (none here), then Reject, then Approve.
    expect(document.activeElement?.classList.contains('ss-title')).toBe(true);
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Not now');
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Try again');
    expectDecisionButtonsVisible(dialog);
  });
});

it('a short request keeps its natural height (no empty space, no inner scroll)', async () => {
  await page.viewport(1280, 800);
  const { container } = render(
    <div className="fit-page">
      <SessionConsentView
        {...props}
        error={undefined}
        feeMode={{ mode: 'sponsored' }}
        policy={{
          actions: [{ entrypoint: 'attack', contractAddress: GAME }],
          durationSeconds: 600,
          maxCalls: 5,
        }}
      />
    </div>,
  );
  const card = container.querySelector<HTMLElement>('.ss-consent')!;
  expect(card.getBoundingClientRect().height).toBeLessThan(800 - 32);
  // The footer sits at its place under the warnings, not pulled up over them.
  expectLastWarningAboveFooter(card);
  void USDC;
});
