'use strict';
module.exports = async function globalTeardown() {
  const state = globalThis.__SUNSHINE_E2E__;
  if (!state) return;
  await state.api.app.close();
  if (state.enforced) await state.enforced.app.close();
  await state.db.drop();
  if (state.checkpointDir)
    require('node:fs').rmSync(state.checkpointDir, { recursive: true, force: true });
};
