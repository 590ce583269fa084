import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/createClient';
import { App } from './App';
import { FleetStore } from './store/FleetStore';
import { AppServicesProvider } from './store/StoreContext';
import { theme } from './theme';

const client = createClient(window);
const store = new FleetStore(client);
store.start();
window.addEventListener('pagehide', () => {
  store.dispose();
  client.dispose();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="top-right" limit={5} />
      <AppServicesProvider client={client} store={store}>
        <App />
      </AppServicesProvider>
    </MantineProvider>
  </StrictMode>,
);
