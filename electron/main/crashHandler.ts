/**
 * The last line: an exception nobody caught in the main process, or a renderer that died, is
 * logged, and the operator is offered a restart (one dialog at a time). Restart goes through the
 * shutdown coordinator, so the event log is flushed first. A rejected promise is only logged: it
 * does not mean the process is in an unknown state.
 */
import type { Logger } from '../core/platform';
import type { AppLike, ElectronApi } from './electronApi';
import type { ShutdownCoordinator } from './shutdown';

export interface CrashDeps {
  process: { on(event: 'uncaughtException' | 'unhandledRejection', listener: (err: unknown) => void): unknown };
  app: AppLike;
  dialog: ElectronApi['dialog'];
  shutdown: ShutdownCoordinator;
  logger: Logger;
}

export function installCrashHandler(d: CrashDeps): void {
  let asking = false;
  const offerRestart = (message: string, detail: string) => {
    if (asking || d.shutdown.inProgress) return;
    asking = true;
    d.dialog
      .showMessageBox({ type: 'error', title: 'DNS Fleet Monitor', message, detail, buttons: ['Restart', 'Keep running'], defaultId: 0, cancelId: 1 })
      .then(({ response }) => {
        if (response !== 0) return;
        d.app.relaunch();
        void d.shutdown.run('restart after a crash');
      })
      .catch((err: unknown) => d.logger.error('could not offer a restart', { err }))
      .finally(() => (asking = false));
  };
  d.process.on('uncaughtException', (err) => {
    d.logger.error('uncaught exception in the main process', { err });
    offerRestart('DNS Fleet Monitor hit an unexpected error.', `${(err as Error)?.message ?? String(err)}\n\nThe log has the details.`);
  });
  d.process.on('unhandledRejection', (err) => d.logger.error('unhandled promise rejection in the main process', { err }));
  d.app.on('render-process-gone', (_e, _contents, details) => {
    d.logger.error('the window stopped', { reason: details?.reason });
    if (details?.reason !== 'clean-exit') offerRestart('The DNS Fleet Monitor window stopped.', `Reason: ${String(details?.reason)}. Monitoring goes on in the background.`);
  });
}
