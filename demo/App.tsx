import type { ReactNode } from 'react';
import { GamePanel } from './components/GamePanel.js';
import { Header } from './components/Header.js';
import { SessionPanel } from './components/SessionPanel.js';
import { Steps } from './components/Steps.js';
import { TxLogPanel } from './components/TxLogPanel.js';
import { RealWalletNote, WalletPanel } from './components/WalletPanel.js';
import { useWalletConnectors } from './injected.js';
import { browserStorage, DEMO_KEYS } from './keys.js';
import { Providers } from './providers.js';
import type { DemoSetup } from './setup.js';
import { txLogStoreFor, useTxLog } from './txLog.js';
import { useWalletAsking } from './walletAsking.js';

export function App({ setup }: { setup: DemoSetup }) {
  const page = <Demo setup={setup} />;
  return setup.connectors === 'injected' ? (
    <InjectedProviders setup={setup}>{page}</InjectedProviders>
  ) : (
    <Providers setup={setup} connectors={setup.connectors} autoConnect>
      {page}
    </Providers>
  );
}

function InjectedProviders({ setup, children }: { setup: DemoSetup; children: ReactNode }) {
  const connectors = useWalletConnectors();
  return (
    <Providers setup={setup} connectors={connectors} autoConnect>
      {children}
    </Providers>
  );
}

function Demo({ setup }: { setup: DemoSetup }) {
  const store = txLogStoreFor(setup.queryClient, browserStorage, DEMO_KEYS.log);
  const log = useTxLog(store);
  const walletAsking = useWalletAsking(setup);
  return (
    <div className="ss-root demo">
      <Header setup={setup} />
      <div className="demo-page">
        <Steps />
        {/* Session first: on one column (phones) its controls come before the board, not below it. */}
        <main className="demo-grid">
          <div className="demo-side demo-side--session">
            <SessionPanel setup={setup} />
          </div>
          <GamePanel setup={setup} />
          <div className="demo-side demo-side--wallet">
            {setup.simulated ? <WalletPanel network={setup.simulated} log={log} /> : <RealWalletNote />}
          </div>
          <TxLogPanel entries={log} walletAsking={walletAsking} />
        </main>
        <footer className="demo-footer">
          <p>
            {setup.mode === 'simulated'
              ? 'Everything runs in this page: a simulated Starknet with a SNIP-29 paymaster and v33 session accounts. Nothing leaves your browser.'
              : `Connected to ${setup.networkLabel}. Transactions are real.`}
          </p>
          <button type="button" className="demo-link" onClick={() => void setup.reset()}>
            Reset demo
          </button>
        </footer>
      </div>
    </div>
  );
}
