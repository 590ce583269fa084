/** `dnsfleet monitor --metrics-listen`: the exporter fed by the core's handlers and pushes, served over HTTP. */
import type { ServerProbes } from '../../../shared/domain/probe';
import type { FleetEvent } from '../../../shared/domain/fleetEvent';
import type { CoreHandle } from '../../core/api/CoreHandle';
import { FleetExporter } from '../../core/export/FleetExporter';
import { handlerReadings } from '../../core/export/handlerReadings';
import { systemClock, type Logger } from '../../core/platform';
import { startMetricsServer, type ListenAddress, type MetricsServer } from './metricsServer';

export async function serveMetrics(core: CoreHandle, at: ListenAddress, logger: Logger): Promise<MetricsServer> {
  const exporter = new FleetExporter({ source: handlerReadings(core.handlers, systemClock), processMetrics: true });
  // Counted after commit, like everything else that tells of stored events.
  const stopCounting = core.onPush(({ channel, payload }) => {
    if (channel === 'events:onDidAppend') exporter.countEvents(payload as FleetEvent[]);
    if (channel === 'probes:onDidComplete') exporter.observeProbes(payload as ServerProbes);
  });
  try {
    const server = await startMetricsServer(exporter, at, logger);
    logger.info('serving /metrics', { host: server.address.host, port: server.address.port });
    return {
      address: server.address,
      close: async () => {
        stopCounting();
        await server.close();
      },
    };
  } catch (err) {
    stopCounting();
    throw err;
  }
}
