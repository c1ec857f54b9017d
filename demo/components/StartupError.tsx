/** Shown when the demo cannot start (e.g. a VITE_* variable that does not parse). */
export function StartupError({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="ss-root demo">
      <main className="demo-startup" role="alert">
        <h1>The demo could not start</h1>
        <p>{message}</p>
        <p className="ss-muted">Check the VITE_* variables described in demo/README.md, then reload.</p>
      </main>
    </div>
  );
}
