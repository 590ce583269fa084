import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, missingBridgeToken } from './api/createClient';
import { App } from './App';
import { MissingToken } from './components/MissingToken/MissingToken';
import { FleetStore } from './store/FleetStore';
import { AppServicesProvider } from './store/StoreContext';
import { cssVariablesResolver, theme } from './theme';

function start(root: HTMLElement): void {
  if (missingBridgeToken(window)) {
    createRoot(root).render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
        <MissingToken />
      </MantineProvider>,
    );
    return;
  }
  const client = createClient(window);
  const store = new FleetStore(client);
  store.start();
  window.addEventListener('pagehide', () => {
    store.dispose();
    client.dispose();
  });
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
        <Notifications position="top-right" limit={5} />
        <AppServicesProvider client={client} store={store}>
          <App />
        </AppServicesProvider>
      </MantineProvider>
    </StrictMode>,
  );
}

start(document.getElementById('root')!);
