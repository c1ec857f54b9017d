/// <reference types="vite/client" />

// The switches from the simulated network to a real one (see demo/README.md).
interface ImportMetaEnv {
  readonly VITE_RPC_URL?: string;
  readonly VITE_PAYMASTER_URL?: string;
  readonly VITE_PAYMASTER_API_KEY?: string;
  readonly VITE_WALLET?: string;
  readonly VITE_CHAIN?: string;
  readonly VITE_GAME_ADDRESS?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
