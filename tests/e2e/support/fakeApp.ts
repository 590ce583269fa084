/** The browser host's bridge over a FakeCore, serving the built renderer: UI tests without servers. */
import { nullLogger } from '../../../electron/core/util/logger';
import { startWebBridge } from '../../../electron/hosts/web/WebBridge';
import { ensureRendererBuilt } from './buildRenderer';
import { FakeCore } from './FakeCore';

export interface FakeApp {
  core: FakeCore;
  url: string;
  close(): Promise<void>;
}

export async function startFakeApp(setup: (core: FakeCore) => void = () => {}): Promise<FakeApp> {
  const staticDir = await ensureRendererBuilt();
  const core = new FakeCore();
  setup(core);
  const bridge = await startWebBridge({ core, port: 0, staticDir, logger: nullLogger });
  return {
    core,
    url: bridge.url,
    close: async () => {
      await bridge.close();
      await core.dispose();
    },
  };
}
