import { MantineProvider } from '@mantine/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DeliveryLine } from '../../../renderer/src/components/DeliveryLine/DeliveryLine';
import { ExportButton } from '../../../renderer/src/components/ExportButton/ExportButton';
import type { ExportState } from '../../../renderer/src/hooks/useExport';

const HOSTILE = '<img src=x onerror=alert(1)>';
const render = (node: React.ReactNode) => renderToString(<MantineProvider>{node}</MantineProvider>);
const done: ExportState = { running: false, error: null, progress: { jobId: 'j', written: 3, total: 3, done: true, path: '/data/exports/events.csv', error: null } };

describe('the export button', () => {
  it('offers Show in folder once the file is written, only where the host can show it', () => {
    expect(render(<ExportButton state={done} onExport={() => {}} onDownload={null} onReveal={() => {}} />)).toContain('Show in folder');
    expect(render(<ExportButton state={done} onExport={() => {}} onDownload={null} onReveal={null} />)).not.toContain('Show in folder');
    const running: ExportState = { running: true, error: null, progress: { ...done.progress!, done: false, path: null } };
    expect(render(<ExportButton state={running} onExport={() => {}} onDownload={null} onReveal={() => {}} />)).not.toContain('Show in folder');
  });
});

describe('an alert delivery line', () => {
  it('renders what a receiver or the network said as text', () => {
    const html = render(
      <DeliveryLine deliveries={[{ alertId: 'a', target: `webhook:${HOSTILE}`, transition: 'firing', state: 'rejected', attempts: 1, nextAttemptAt: null, lastError: HOSTILE, deliveredAt: null }]} />,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('refused by webhook &lt;img src=x onerror=alert(1)&gt;: &lt;img');
  });

  it('says nothing for an alert that was not forwarded', () => {
    expect(render(<DeliveryLine deliveries={undefined} />)).not.toContain('alert-delivery');
  });
});
