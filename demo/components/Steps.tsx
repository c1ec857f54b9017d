import { useAccount } from '@starknet-react/core';
import { useSession } from 'starknet-sessions';
import { CheckIcon } from './icons.js';

const STEPS = ['Connect your wallet', 'Approve one session', 'Play with no prompts and no gas'];

/** Where the visitor is in the promise: connect, approve once, then play. */
export function Steps() {
  const { status } = useAccount();
  const session = useSession().data;
  const connected = status === 'connected';
  const live = session?.status === 'active' || session?.status === 'expiring';
  const current = !connected ? 0 : live ? 2 : 1;
  return (
    <section className="demo-intro" aria-labelledby="demo-intro-title">
      <h1 id="demo-intro-title">One approval, then every move is popup-free and gasless.</h1>
      <ol className="demo-steps">
        {STEPS.map((label, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'next';
          return (
            <li
              key={label}
              className={`demo-step demo-step--${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="demo-step__mark" aria-hidden="true">
                {state === 'done' ? <CheckIcon /> : i + 1}
              </span>
              {label}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
