// Waiting helpers shared by the matrix-js-sdk scenarios.
import * as sdk from "matrix-js-sdk";

/**
 * Resolves once `predicate` (which may be async) returns true, polling every `intervalMs`; rejects
 * after `timeoutMs` naming `what`. A predicate that throws counts as "not yet": state a scenario
 * looks at often appears in steps (a room first, then its member); the last error is reported.
 */
export function waitFor(predicate, what, timeoutMs = 60_000, intervalMs = 20) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let lastError;
    let polling = false;
    const timer = setInterval(async () => {
      if (polling) return;
      polling = true;
      try {
        if (await predicate()) {
          clearInterval(timer);
          resolve();
          return;
        }
      } catch (e) {
        lastError = e;
      } finally {
        polling = false;
      }
      if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ""}`));
      }
    }, intervalMs);
  });
}

/**
 * Starts the client's sync loop and resolves once its first sync is through; further options
 * (lazyLoadMembers, say) go to startClient as they are.
 */
export async function startedClient(client, { initialSyncLimit = 50, ...startOptions } = {}) {
  const ready = new Promise((resolve, reject) => {
    client.on(sdk.ClientEvent.Sync, (state) => {
      if (state === "PREPARED" || state === "SYNCING") resolve();
      if (state === "ERROR") reject(new Error("sync failed"));
    });
  });
  await client.startClient({ initialSyncLimit, ...startOptions });
  await ready;
  return client;
}
